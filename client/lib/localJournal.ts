/**
 * The local transactions of one Y.Doc that the server may not have yet:
 * for each, the clocks it wrote under this doc's client id, what it deleted,
 * and the paths it changed (["notes", id, "x"]). When the server refuses an
 * update, reconciliation (rebase.ts) reads this to tell the refused change
 * from the unsynced edits made after it.
 */
import * as Y from 'yjs';

export type Path = readonly string[];
/** Yjs exports the delete set's functions, not its class. */
export type DeleteSet = ReturnType<typeof Y.createDeleteSet>;
/** Any shared type, as Yjs's own functions take it. */
export type SharedType = Parameters<typeof Y.findRootTypeKey>[0];

export interface JournalEntry {
  client: number;
  /** Clocks [start, end) written under `client` (equal for a delete-only change). */
  start: number;
  end: number;
  /** Items deleted, as (client, clock, len) ranges. */
  deleted: Array<{ client: number; clock: number; len: number }>;
  paths: Path[];
  /** The transaction's origin was an undo manager: the change was an undo or a redo. */
  undo: boolean;
}

/** Entries kept at most; the oldest are dropped (long since acknowledged in practice). */
const MAX_ENTRIES = 2000;

/** The path of a shared type from its root: ["notes", noteId, "text"]. */
export function pathOf(type: SharedType): string[] | null {
  const out: string[] = [];
  let t: SharedType = type;
  for (;;) {
    const item = t._item;
    if (!item) {
      const root = Y.findRootTypeKey(t);
      return root ? [root, ...out.reverse()] : null;
    }
    // Inside an array: the path stops at the array itself.
    if (item.parentSub === null) out.length = 0;
    else out.push(item.parentSub);
    if (!(item.parent instanceof Y.AbstractType)) return null;
    t = item.parent;
  }
}

export class LocalJournal {
  private entries: JournalEntry[] = [];

  constructor(
    private readonly doc: Y.Doc,
    /** Which transaction origins are this person's own edits. */
    private readonly isLocal: (origin: unknown) => boolean,
  ) {
    doc.on('afterTransaction', this.onTransaction);
  }

  private readonly onTransaction = (tr: Y.Transaction): void => {
    if (!this.isLocal(tr.origin)) return;
    const client = this.doc.clientID;
    const start = tr.beforeState.get(client) ?? 0;
    const end = tr.afterState.get(client) ?? 0;
    const deleted: JournalEntry['deleted'] = [];
    tr.deleteSet.clients.forEach((ranges, c) => {
      for (const r of ranges) deleted.push({ client: c, clock: r.clock, len: r.len });
    });
    if (start === end && deleted.length === 0) return;
    const paths: Path[] = [];
    tr.changed.forEach((keys, type) => {
      const base = pathOf(type);
      if (!base) return;
      for (const key of keys) paths.push(key === null ? base : [...base, key]);
    });
    this.entries.push({ client, start, end, deleted, paths, undo: tr.origin instanceof Y.UndoManager });
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  };

  /** The entries the server does not fully have, oldest first. */
  notOn(server: { sv: Map<number, number>; ds: DeleteSet }): JournalEntry[] {
    return this.entries.filter(
      (e) => e.end > (server.sv.get(e.client) ?? 0) || e.deleted.some((d) => !rangeDeleted(server.ds, d.client, d.clock, d.len)),
    );
  }

  destroy(): void {
    this.doc.off('afterTransaction', this.onTransaction);
    this.entries = [];
  }
}

function rangeDeleted(ds: DeleteSet, client: number, clock: number, len: number): boolean {
  for (let c = clock; c < clock + len; c++) if (!Y.isDeleted(ds, new Y.ID(client, c))) return false;
  return true;
}
