/**
 * Bringing a document back in line after the server refused one of its
 * updates, without throwing away what the server did not refuse.
 *
 * Why a new Y.Doc and not the same one: Yjs never forgets a struct. The
 * refused change is integrated here, under our client id, at clocks the
 * server will never have; every later update of ours then leaves a clock
 * gap the server refuses as "out-of-sync", and every item we insert next to
 * a refused one names an origin the server does not know. Reverting it
 * locally does not help: a refused map write has already deleted the value
 * it replaced (a delete Yjs cannot take back), and writing that value again
 * is a new write that the server refuses for the same reason (locked, not in
 * this phase). A fresh client id alone does not help either: the doc still
 * holds the deleted value and the refused structs later items point to. So
 * the document that continues is rebuilt, struct for struct, as the server
 * has it (same item ids, so the undo stack keeps pointing at the right
 * items), and the edits made after the refused one are re-applied on top.
 *
 * Built from the local doc (not from the server's bytes alone) up to the
 * server's state vector, with the server's delete set: the local doc keeps
 * the content of items it deleted (gc off on clients), which the undo stack
 * needs and the server, which collects garbage, no longer sends.
 */
import * as Y from 'yjs';
import { applyTextEdit } from '../../shared/text';
import type { DeleteSet, JournalEntry, Path } from './localJournal';

/** Origin of the server's state applied during a rebase: not an edit of ours, never undone. */
export const REBASE_ORIGIN = Symbol('rebase');

export interface ServerState {
  update: Uint8Array;
  sv: Map<number, number>;
  ds: DeleteSet;
}

export function readServerState(update: Uint8Array): ServerState {
  return { update, sv: Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update)), ds: Y.decodeUpdate(update).ds as DeleteSet };
}

/** A new doc (same guid, gc off, a new client id) holding exactly the server's state, with the local doc's copies of its items. */
export function rebuildFromServer(local: Y.Doc, server: ServerState): Y.Doc {
  const sv = new Map<number, number>();
  for (const [client, clock] of server.sv) {
    const upTo = Math.min(clock, Y.getState(local.store, client));
    if (upTo > 0) sv.set(client, upTo);
  }
  const rebuilt = new Y.Doc({ guid: local.guid, gc: false });
  // createDocFromSnapshot refuses a doc that collects garbage (its contents may be gone); client docs never do,
  // and whatever a gc'd doc lost, the server's update below brings back.
  const gc = local.gc;
  local.gc = false;
  try {
    Y.createDocFromSnapshot(local, Y.createSnapshot(server.ds, sv), rebuilt);
  } finally {
    local.gc = gc;
  }
  Y.applyUpdate(rebuilt, server.update, REBASE_ORIGIN);
  return rebuilt;
}

const related = (a: Path, b: Path): boolean => {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
};

/**
 * Of the local changes the server lacks (oldest first), the oldest is the one
 * it refused: it answers each update in order. The later ones are kept,
 * except where they touch what the refused one touched (later moves of a note
 * whose move was refused go with it).
 */
export function splitPending(pending: JournalEntry[]): { refused: JournalEntry | null; keep: Path[] } {
  const [refused, ...later] = pending;
  if (!refused) return { refused: null, keep: [] };
  const seen = new Set<string>();
  const keep: Path[] = [];
  for (const e of later) {
    for (const p of e.paths) {
      const key = JSON.stringify(p);
      if (seen.has(key) || refused.paths.some((r) => related(r, p))) continue;
      seen.add(key);
      keep.push(p);
    }
  }
  keep.sort((a, b) => a.length - b.length);
  return { refused, keep };
}

/** Copies the values at `paths` from one doc into another, in one transaction with `origin`. Returns how many changed. */
export function reapply(from: Y.Doc, to: Y.Doc, paths: Path[], origin: unknown = null): number {
  let changed = 0;
  to.transact(() => {
    for (const path of paths) if (copyAt(from, to, path)) changed++;
  }, origin);
  return changed;
}

function containerAt(doc: Y.Doc, path: Path): Y.Map<unknown> | null {
  const [root, ...keys] = path;
  if (root === undefined || !doc.share.has(root)) return null;
  let at: unknown = doc.getMap(root);
  for (const k of keys) at = at instanceof Y.Map ? (at as Y.Map<unknown>).get(k) : undefined;
  return at instanceof Y.Map ? (at as Y.Map<unknown>) : null;
}

function copyAt(from: Y.Doc, to: Y.Doc, path: Path): boolean {
  if (path.length < 2) return false;
  const key = path[path.length - 1]!;
  const parentPath = path.slice(0, -1);
  const src = containerAt(from, parentPath);
  const dst = containerAt(to, parentPath);
  // The container is gone on either side (deleted by someone, or created by the refused change): nothing to keep.
  if (!src || !dst) return false;
  const value = src.get(key);
  const current = dst.get(key);
  if (value === undefined) {
    if (!dst.has(key)) return false;
    dst.delete(key);
    return true;
  }
  if (value instanceof Y.Text && current instanceof Y.Text) {
    if (value.toString() === current.toString()) return false;
    applyTextEdit(current, value.toString());
    return true;
  }
  // Both sides hold the same entity: its own fields are re-applied by their own paths.
  if (value instanceof Y.Map && current instanceof Y.Map) return false;
  if (current !== undefined && sameValue(value, current)) return false;
  dst.set(key, copyValue(value));
  return true;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Y.AbstractType || b instanceof Y.AbstractType) {
    return a instanceof Y.AbstractType && b instanceof Y.AbstractType && a.constructor === b.constructor && JSON.stringify(a.toJSON()) === JSON.stringify(b.toJSON());
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A fresh copy of a value for another doc: shared types are rebuilt, plain values are immutable JSON. */
export function copyValue(v: unknown): unknown {
  if (v instanceof Y.Text) return new Y.Text(v.toString());
  if (v instanceof Y.Map) {
    const m = new Y.Map<unknown>();
    (v as Y.Map<unknown>).forEach((x, k) => m.set(k, copyValue(x)));
    return m;
  }
  if (v instanceof Y.Array) {
    const a = new Y.Array<unknown>();
    a.push((v as Y.Array<unknown>).toArray().map(copyValue));
    return a;
  }
  return v;
}
