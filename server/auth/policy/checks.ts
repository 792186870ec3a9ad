/**
 * Checks several roots share: the shape of one touch against the document
 * schemas, and the limits on the state an update would leave behind
 * (text lengths, entries per root). They read the document as it is before
 * the update and the touches the inspector found in it.
 */
import * as Y from 'yjs';
import type { z } from 'zod';
import { ItemId } from '../../../shared/documentSchemas';
import { OK, refuse, type RealTouch, type Verdict } from './types';

const clip = (s: string): string => s.slice(0, 40);

/** What the checks read of a root map (any Y.Map of entries). */
export interface Entries {
  has(id: string): boolean;
  get(id: string): unknown;
  readonly size: number;
}

/** The first path element must be an item id. */
export function itemKey(t: RealTouch, what: string): Verdict {
  const id = t.path[0];
  if (id === undefined) return refuse('schema', `${what} holds only keyed entries`);
  return ItemId.safeParse(id).success ? OK : refuse('schema', `bad id "${clip(id)}"`);
}

/** A touch that creates or removes a whole nested map (a note, a card, a commitments map). */
export function wholeMap(t: RealTouch, what: string): Verdict {
  if (t.op === 'delete' || (t.op === 'insert' && (t.content === 'map' || t.content === 'deleted'))) return OK;
  return refuse('schema', `${what} must be a map`);
}

/** A plain value: every inserted value must parse; removals and already-deleted content carry nothing. */
export function plainValue(t: RealTouch, schema: z.ZodType, what: string): Verdict {
  if (t.op === 'delete') return OK;
  if (t.content === 'deleted') return OK;
  if (t.content !== 'value') return refuse('schema', `${what} must be a plain value`);
  return t.values.every((v) => schema.safeParse(v).success) ? OK : refuse('schema', `bad value for ${what}`);
}

/** A collaborative text: a Y.Text, or characters inside one (never embeds or formatting). */
export function textField(t: RealTouch, what: string): Verdict {
  if (t.op === 'delete') return OK;
  return t.content === 'text' || t.content === 'string' || t.content === 'deleted' ? OK : refuse('schema', `${what} must be text`);
}

/**
 * The length every touched Y.Text would have after the update: its length
 * now, plus the text inserted, minus the text deleted by this update (a
 * Y.Text this update puts in place starts from zero). Refused when it would
 * pass the field's limit and grow; shrinking an over-long text stays allowed.
 */
export function textLengths(touches: RealTouch[], entries: Entries, limits: Readonly<Record<string, number>>): Verdict {
  const deltas = new Map<string, { id: string; key: string; delta: number; fresh: boolean }>();
  for (const t of touches) {
    const [id, key] = t.path;
    if (t.path.length !== 2 || id === undefined || key === undefined || !Object.hasOwn(limits, key)) continue;
    const at = `${id}\u0000${key}`;
    let d = deltas.get(at);
    if (!d) deltas.set(at, (d = { id, key, delta: 0, fresh: false }));
    if (t.op === 'delete') d.delta -= t.length;
    else if (t.content === 'string') d.delta += t.length;
    else if (t.content === 'text') d.fresh = true;
  }
  for (const d of deltas.values()) {
    const entry = entries.get(d.id);
    const current = !d.fresh && entry instanceof Y.Map ? entry.get(d.key) : undefined;
    const before = current instanceof Y.Text ? current.length : 0;
    const after = before + d.delta;
    const max = limits[d.key]!;
    if (after > max && after > before) return refuse('limit', `${d.key} would be ${after} characters; at most ${max}`);
  }
  return OK;
}

/** Entries of a root map this update adds and removes, by id. */
export function addedAndRemoved(touches: RealTouch[], entries: Entries): { added: Set<string>; removed: Set<string> } {
  const added = new Set<string>();
  const removed = new Set<string>();
  for (const t of touches) {
    const id = t.path[0];
    if (t.path.length !== 1 || id === undefined) continue;
    if (t.op === 'delete') {
      if (entries.has(id)) removed.add(id);
    } else if (t.content !== 'deleted' && !entries.has(id)) added.add(id);
  }
  return { added, removed };
}

/** At most `max` entries once the update is applied; removing entries from an over-full root stays allowed. */
export function entryCount(touches: RealTouch[], entries: Entries, max: number, what: string): Verdict {
  const { added, removed } = addedAndRemoved(touches, entries);
  const after = entries.size + added.size - removed.size;
  return added.size > 0 && after > max && after > entries.size ? refuse('limit', `at most ${max} ${what} per room`) : OK;
}
