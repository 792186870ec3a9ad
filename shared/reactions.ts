/**
 * Reactions from a small fixed set (agree, important, question) on notes,
 * scenarios and action cards. One flat root map keyed
 * `itemId:participantId:kind`, so one person's second "agree" on an item is
 * the same entry, never a duplicate, and two people reacting at once never
 * touch the same key. The value records the reactor's sector, for counts
 * per sector (null for a neutral facilitator, counted in no sector).
 */
import * as Y from 'yjs';
import type { z } from 'zod';
import { SECTORS } from './schema';
import { commentableKindOf } from './comments';
import {
  REACTION_KEY_PATTERN,
  REACTION_KINDS,
  ROOT_REACTIONS,
  ReactionSchema,
  ORIGIN_MEETING,
  type ReactionKind,
  type Sector,
} from './documentSchemas';

export { REACTION_KINDS, ROOT_REACTIONS, type ReactionKind } from './documentSchemas';

export interface ReactionValue {
  sector: Sector | null;
  at: number;
  /** 'meeting', or the consultation window it was given in (shared/consultation.ts `originAt`). */
  origin: string;
}

/** What giving a reaction takes: whose, on what, of which kind, and where (the meeting by default). */
export type NewReaction = ReactionKey & { sector: Sector | null; now?: number; origin?: string };

export interface ReactionKey {
  itemId: string;
  participantId: string;
  kind: ReactionKind;
}

/** One kind's reactions on an item: the total, per sector, and whether I gave one. */
export interface ReactionCount {
  total: number;
  bySector: Record<Sector, number>;
  mine: boolean;
}
export type ReactionSummary = Record<ReactionKind, ReactionCount>;

/** A reaction as stored: reactions from before origins were recorded have none. */
export type StoredReaction = z.infer<typeof ReactionSchema>;

export const reactionsOf = (doc: Y.Doc): Y.Map<StoredReaction> => doc.getMap<StoredReaction>(ROOT_REACTIONS);

/** One stored entry as read: null when malformed, the meeting when it names no origin. */
export function readReaction(key: string, raw: unknown): (ReactionKey & ReactionValue) | null {
  const k = parseReactionKey(key);
  const v = ReactionSchema.safeParse(raw);
  return k && v.success ? { ...k, ...v.data, origin: v.data.origin ?? ORIGIN_MEETING } : null;
}

export const reactionKey = (k: ReactionKey): string => `${k.itemId}:${k.participantId}:${k.kind}`;

export function parseReactionKey(key: string): ReactionKey | null {
  const m = REACTION_KEY_PATTERN.exec(key);
  return m ? { itemId: m[1]!, participantId: m[2]!, kind: m[3] as ReactionKind } : null;
}

export const isReactionKind = (v: unknown): v is ReactionKind => (REACTION_KINDS as readonly unknown[]).includes(v);

const zeroSectors = (): Record<Sector, number> => Object.fromEntries(SECTORS.map((s) => [s, 0])) as Record<Sector, number>;

export function emptySummary(): ReactionSummary {
  return Object.fromEntries(REACTION_KINDS.map((k) => [k, { total: 0, bySector: zeroSectors(), mine: false }])) as ReactionSummary;
}

/** Gives a reaction as `who`; false when the item is not on this board. */
export function addReaction(doc: Y.Doc, input: NewReaction): boolean {
  if (!commentableKindOf(doc, input.itemId)) return false;
  const key = reactionKey(input);
  if (reactionsOf(doc).has(key)) return true;
  reactionsOf(doc).set(key, { sector: input.sector, at: input.now ?? Date.now(), origin: input.origin ?? ORIGIN_MEETING });
  return true;
}

export function removeReaction(doc: Y.Doc, k: ReactionKey): boolean {
  const key = reactionKey(k);
  if (!reactionsOf(doc).has(key)) return false;
  reactionsOf(doc).delete(key);
  return true;
}

/** Adds the reaction if absent, removes it if present; returns whether it is now given. */
export function toggleReaction(doc: Y.Doc, input: NewReaction): boolean {
  if (reactionsOf(doc).has(reactionKey(input))) {
    removeReaction(doc, input);
    return false;
  }
  return addReaction(doc, input);
}

/** Every well-formed reaction of the board. */
export function listReactions(doc: Y.Doc): (ReactionKey & ReactionValue)[] {
  const out: (ReactionKey & ReactionValue)[] = [];
  reactionsOf(doc).forEach((raw, key) => {
    const r = readReaction(key, raw);
    if (r) out.push(r);
  });
  return out;
}

/** Counts on one item, per kind and sector; `me` marks the kinds I gave. */
export function summarizeReactions(reactions: readonly (ReactionKey & Pick<ReactionValue, 'sector'>)[], me: string | null = null): ReactionSummary {
  const out = emptySummary();
  for (const r of reactions) {
    const c = out[r.kind];
    c.total += 1;
    if (r.sector) c.bySector[r.sector] += 1;
    if (me !== null && r.participantId === me) c.mine = true;
  }
  return out;
}

export function reactionsFor(doc: Y.Doc, itemId: string, me: string | null = null): ReactionSummary {
  return summarizeReactions(
    listReactions(doc).filter((r) => r.itemId === itemId),
    me,
  );
}
