/**
 * Says what a Yjs update would touch before it is applied: for every inserted
 * struct and every deleted range, the root map and the chain of map keys it
 * sits under, and for plain values the values themselves. Roles and the
 * document schema are then checked against this list (see updatePolicy.ts).
 *
 * A Yjs update does not always name an item's parent: an item written after
 * another one inherits parent and key from its `origin` (or `rightOrigin`),
 * which may be in the same update or already in the room's document. Both are
 * searched. Items whose origin was garbage-collected (a concurrent edit inside
 * a deleted note) are reported as `void`: Yjs integrates them nowhere.
 */
import * as Y from 'yjs';
import type { DecodedUpdate } from './updateStructure';

/** A malformed update: the sender's connection is closed (1002). */
export class RejectedUpdate extends Error {}

export interface Location {
  /** Root map name, e.g. "notes". */
  root: string;
  /** Map keys from the root down to the touched entry, e.g. [noteId, "x"]. */
  path: string[];
}

export type Touch =
  | (Location & { op: 'insert'; content: 'value'; values: unknown[] })
  | (Location & { op: 'insert'; content: 'map' | 'text' | 'array' | 'other-type' })
  /** `length`: UTF-16 units of text inserted (a Y.Text's length counts them). */
  | (Location & { op: 'insert'; content: 'string'; length: number })
  | (Location & { op: 'insert'; content: 'deleted' | 'other' })
  /** `length`: UTF-16 units of text removed (0 for anything but text). */
  | (Location & { op: 'delete'; length: number })
  | { op: 'void' };

type Struct = Y.Item | Y.GC | { constructor: unknown; id: Y.ID; length: number };
const VOID = Symbol('void');
type Where = Location | typeof VOID;

/**
 * `update` may come already decoded (updateStructure.decodeUpdateStrictly);
 * it is expected to integrate whole (updateStructure.checkIntegration).
 */
export function inspectUpdate(doc: Y.Doc, update: Uint8Array | DecodedUpdate): Touch[] {
  let decoded: DecodedUpdate;
  try {
    decoded = update instanceof Uint8Array ? Y.decodeUpdate(update) : update;
  } catch (err) {
    throw new RejectedUpdate(`undecodable Yjs update: ${(err as Error).message}`);
  }
  const own = new Map<number, Y.Item[]>();
  for (const s of decoded.structs) {
    if (!(s instanceof Y.Item)) continue;
    let list = own.get(s.id.client);
    if (!list) own.set(s.id.client, (list = []));
    list.push(s);
  }
  for (const list of own.values()) list.sort((a, b) => a.id.clock - b.id.clock);

  const findOwn = (id: Y.ID): Y.Item | null => {
    const list = own.get(id.client);
    if (!list) return null;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = list[mid]!;
      if (id.clock < s.id.clock) hi = mid - 1;
      else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
      else return s;
    }
    return null;
  };
  const ownGC = new Map<number, Y.GC[]>();
  for (const s of decoded.structs) {
    if (!(s instanceof Y.GC)) continue;
    let list = ownGC.get(s.id.client);
    if (!list) ownGC.set(s.id.client, (list = []));
    list.push(s);
  }
  const inOwnGC = (id: Y.ID): boolean => {
    const list = ownGC.get(id.client) ?? [];
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const g = list[mid]!;
      if (id.clock < g.id.clock) hi = mid - 1;
      else if (id.clock >= g.id.clock + g.length) lo = mid + 1;
      else return true;
    }
    return false;
  };
  const findInDoc = (id: Y.ID): Struct | null => {
    if (Y.getState(doc.store, id.client) <= id.clock) {
      // A neighbour among this update's GC structs: Yjs integrates the item nowhere.
      if (inOwnGC(id)) return null;
      // Yjs would park such an item as pending forever: the sender refers to
      // changes the server never accepted (e.g. after a refused update).
      throw new RejectedUpdate('update depends on changes the server does not have');
    }
    return Y.getItem(doc.store, id) as Struct;
  };

  const memo = new Map<Y.Item, Where>();
  const typeLocation = (type: Y.AbstractType<unknown>): Where => {
    const item = type._item;
    if (!item) {
      const key = Y.findRootTypeKey(type);
      return key ? { root: key, path: [] } : VOID;
    }
    return docItemLocation(item);
  };
  const docItemLocation = (item: Y.Item): Where => {
    const parent = item.parent;
    if (!(parent instanceof Y.AbstractType)) return VOID;
    const at = typeLocation(parent);
    if (at === VOID) return VOID;
    return item.parentSub === null ? at : { root: at.root, path: [...at.path, item.parentSub] };
  };
  /** Where an item of this update lands: the container plus its own key. */
  const ownItemLocation = (item: Y.Item, depth = 0): Where => {
    const cached = memo.get(item);
    if (cached) return cached;
    if (depth > 10_000) throw new RejectedUpdate('update nests too deeply');
    let where: Where;
    if (item.parent !== null || (item.origin === null && item.rightOrigin === null)) {
      const container = containerOf(item.parent as string | Y.ID | null, depth);
      where = container === VOID || item.parentSub === null ? container : { root: container.root, path: [...container.path, item.parentSub] };
    } else {
      // Parent and key are inherited from a neighbour.
      const neighbourId = (item.origin ?? item.rightOrigin)!;
      const mine = findOwn(neighbourId);
      if (mine) where = mine === item ? VOID : ownItemLocation(mine, depth + 1);
      else {
        const theirs = findInDoc(neighbourId);
        where = theirs instanceof Y.Item ? docItemLocation(theirs) : VOID;
      }
    }
    memo.set(item, where);
    return where;
  };
  const containerOf = (parent: string | Y.ID | null, depth: number): Where => {
    if (parent === null) return VOID;
    if (typeof parent === 'string') return { root: parent, path: [] };
    const mine = findOwn(parent);
    if (mine) return mine.content instanceof Y.ContentType ? ownItemLocation(mine, depth + 1) : VOID;
    const theirs = findInDoc(parent);
    if (!(theirs instanceof Y.Item) || !(theirs.content instanceof Y.ContentType)) return VOID;
    return docItemLocation(theirs);
  };

  /** The type already in the document that an item of this update goes into, if any. */
  const docParentOf = (item: Y.Item, depth = 0): Y.AbstractType<unknown> | null => {
    if (depth > 10_000) throw new RejectedUpdate('update nests too deeply');
    const parent = item.parent as unknown;
    if (typeof parent === 'string') return (doc.share.get(parent) as Y.AbstractType<unknown> | undefined) ?? null;
    if (parent instanceof Y.ID) {
      if (findOwn(parent)) return null; // a type this update creates holds nothing yet
      const theirs = findInDoc(parent);
      return theirs instanceof Y.Item && theirs.content instanceof Y.ContentType ? theirs.content.type : null;
    }
    const neighbourId = item.origin ?? item.rightOrigin;
    if (!neighbourId) return null;
    const mine = findOwn(neighbourId);
    if (mine) return mine === item ? null : docParentOf(mine, depth + 1);
    const theirs = findInDoc(neighbourId);
    return theirs instanceof Y.Item && theirs.parent instanceof Y.AbstractType ? theirs.parent : null;
  };

  const touches: Touch[] = [];
  for (const s of decoded.structs) {
    if (!(s instanceof Y.Item)) continue; // GC and Skip structs change nothing visible
    // Structs the document already has are ignored by Yjs, and so here.
    if (s.id.clock + s.length <= Y.getState(doc.store, s.id.client)) continue;
    const where = ownItemLocation(s);
    if (where === VOID) {
      touches.push({ op: 'void' });
      continue;
    }
    touches.push(describeInsert(where, s.content));
    // A new value under a map key replaces the one there: Yjs deletes the
    // older one whether or not the delete set says so.
    const replaced = s.parentSub === null ? null : liveValueAt(docParentOf(s), s.parentSub);
    if (replaced) {
      const at = docItemLocation(replaced);
      touches.push(at === VOID ? { op: 'void' } : { op: 'delete', ...at, length: 0 });
    }
  }

  for (const [client, ranges] of decoded.ds.clients) {
    const structs = doc.store.clients.get(client);
    for (const { clock, len } of ranges) {
      const end = clock + len;
      // Deletes of items created in this same update.
      const known = Y.getState(doc.store, client);
      for (const it of own.get(client) ?? []) {
        if (it.id.clock + it.length <= known) continue; // the document's copy is checked below
        // Deleting what is inserted already deleted removes nothing (a note written and deleted offline).
        if (it.content instanceof Y.ContentDeleted) continue;
        if (it.id.clock < end && it.id.clock + it.length > clock) {
          const where = ownItemLocation(it);
          touches.push(where === VOID ? { op: 'void' } : { op: 'delete', ...where, length: textIn(it, clock, end) });
        }
      }
      if (!structs || structs.length === 0) continue;
      const state = Y.getState(doc.store, client);
      if (clock >= state) continue; // deletes of unknown items stay pending in Yjs, touching nothing
      let i = Y.findIndexSS(structs as never, clock);
      for (; i < structs.length && structs[i]!.id.clock < end; i++) {
        const st = structs[i]!;
        if (!(st instanceof Y.Item) || st.deleted) continue;
        const where = docItemLocation(st);
        touches.push(where === VOID ? { op: 'void' } : { op: 'delete', ...where, length: textIn(st, clock, end) });
      }
    }
  }
  // A key replaced both explicitly (delete set) and implicitly is one delete;
  // deletes in one text are one delete of all the text they remove.
  const merged = new Map<string, Extract<Touch, { op: 'delete' }>>();
  return touches.filter((t) => {
    if (t.op !== 'delete') return true;
    const key = JSON.stringify([t.root, t.path]);
    const first = merged.get(key);
    if (!first) {
      merged.set(key, t);
      return true;
    }
    first.length += t.length;
    return false;
  });
}

/** The current, not deleted, value of a map key. */
function liveValueAt(type: Y.AbstractType<unknown> | null, key: string): Y.Item | null {
  const current = type?._map.get(key);
  return current && !current.deleted ? current : null;
}

/** Text units of a string item inside the deleted range [clock, end). */
const textIn = (s: Y.Item, clock: number, end: number): number =>
  s.content instanceof Y.ContentString ? Math.max(0, Math.min(end, s.id.clock + s.length) - Math.max(clock, s.id.clock)) : 0;

function describeInsert(where: Location, content: Y.Item['content']): Touch {
  if (content instanceof Y.ContentAny) return { op: 'insert', ...where, content: 'value', values: content.getContent() };
  if (content instanceof Y.ContentType) {
    const t = content.type;
    const kind = t instanceof Y.Map ? 'map' : t instanceof Y.Text ? 'text' : t instanceof Y.Array ? 'array' : 'other-type';
    return { op: 'insert', ...where, content: kind };
  }
  if (content instanceof Y.ContentString) return { op: 'insert', ...where, content: 'string', length: content.getLength() };
  if (content instanceof Y.ContentDeleted) return { op: 'insert', ...where, content: 'deleted' };
  return { op: 'insert', ...where, content: 'other' };
}
