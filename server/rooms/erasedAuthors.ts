/**
 * The participants who erased their contributions from a room. Erasure
 * deletes their content, but any client that saw it may hold it still: a
 * facilitator's undo stack keeps a deleted note whole, and so does any copy
 * of an old update. So the write policy refuses every update that names an
 * erased participant as the author of what it inserts (policy/erasedAuthors.ts),
 * and the list must outlive the process: it is kept in a store document of
 * its own, `${roomId}~erased` (a Yjs map participantId → erasure time),
 * under the room id so deleting the room deletes it.
 *
 * Held by the board's Room, loaded with it, like its client id bindings.
 * The process that records an erasure tells the others serving the room
 * (an `erasedAuthor` signal), which add it without reading the store.
 */
import * as Y from 'yjs';
import type { Store } from '../storage/store';

export const erasedDocId = (roomId: string): string => `${roomId}~erased`;
const MAP = 'erased';

export class ErasedAuthors {
  private readonly ids = new Set<string>();
  private stored: { store: Store; roomId: string } | null = null;

  /** Participant ids whose content may not be written again by anyone else. */
  get all(): ReadonlySet<string> {
    return this.ids;
  }

  /** Reads what the store holds for this room (a room never erased from has nothing), and records there from now on. */
  async load(store: Store, roomId: string): Promise<void> {
    this.stored = { store, roomId };
    const stored = await store.load(erasedDocId(roomId));
    const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
    if (parts.length === 0) return;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.mergeUpdates(parts));
    for (const id of doc.getMap(MAP).keys()) this.ids.add(id);
  }

  /**
   * Stores `participantId` as erased before anything of theirs is deleted,
   * and refuses their content from then on: an undo racing the erasure is
   * then refused too, not let in between the deletion and the record.
   */
  async record(participantId: string): Promise<void> {
    if (this.ids.has(participantId)) return;
    if (!this.stored) throw new Error('erased authors recorded before they were loaded');
    const { store, roomId } = this.stored;
    const doc = new Y.Doc();
    doc.getMap(MAP).set(participantId, Date.now());
    await store.append(erasedDocId(roomId), Y.encodeStateAsUpdate(doc));
    this.ids.add(participantId);
  }

  /** What another process recorded (its signal arrives after its append). */
  learn(participantId: string): void {
    this.ids.add(participantId);
  }
}
