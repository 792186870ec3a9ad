/**
 * The board the clients work on, and the edits they make. Every note is
 * created in its own Y.Doc (its own author), so client i can hold just note
 * i, move it with an up-to-date origin, and never needs the rest of the
 * board. The room is seeded with all of them merged.
 */
import * as Y from 'yjs';
import { createNote, moveNote } from '../../shared/notes';

/** Ids as the server's schema wants them: 8–64 URL-safe characters. */
export const noteId = (i: number): string => `benchnote-${i}`;

/** Sender index, send time (ms, performance.timeOrigin-based) and whether it is in the measured window. */
export interface Stamp {
  s: number;
  t: number;
  m: 0 | 1;
}

export interface NoteOptions {
  /** Note text; the cold-load board uses realistic text, the fan-out board a short one. */
  text: (i: number) => string;
  /** Distinct authors (Yjs client ids) writing the notes round-robin; one per note by default. */
  authors?: number;
  /** First note number, so a second board's notes do not share ids with the first's. */
  firstId?: number;
}

/**
 * One update per author. With the default (one author per note) update i is
 * exactly note i, which is what client i of a room holds.
 */
export function makeNoteUpdates(count: number, opts: NoteOptions): Uint8Array[] {
  const docs = Array.from({ length: Math.min(count, opts.authors ?? count) }, () => new Y.Doc());
  for (let i = 0; i < count; i++) {
    const doc = docs[i % docs.length]!;
    createNote(doc, {
      id: noteId((opts.firstId ?? 0) + i),
      x: (i % 40) * 220,
      y: Math.floor(i / 40) * 160,
      text: opts.text(i),
      author: { id: `author-${i}`, name: `Partecipante ${i}`, sector: (['public', 'private', 'civil', 'other'] as const)[i % 4]! },
      now: 1_700_000_000_000 + i,
    });
  }
  return docs.map((doc) => {
    const update = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    return update;
  });
}

export const nowMs = (): number => performance.timeOrigin + performance.now();

/** Send times are epoch ms, far above any board coordinate. */
const STAMP_FLOOR = 1e12;

/**
 * A move of the client's own note that carries the latency stamp in the
 * position itself, so the update stays inside the board's schema: x is the
 * send time, y encodes sender and window as a negative integer.
 */
export function moveWithStamp(doc: Y.Doc, i: number, stamp: Stamp): void {
  moveNote(doc, noteId(i), stamp.t, -(stamp.s * 2 + stamp.m) - 1);
}

/**
 * The stamps inside an update, read by decoding it (the receiver's real
 * work). A map item that has a left neighbour does not carry its key on the
 * wire, so stamps are recognised by their shape.
 */
export function stampsIn(update: Uint8Array): Stamp[] {
  // x then y of each move come from the same Yjs client, in clock order. A
  // coalescing server may merge several moves of one client into one update,
  // so pair them in order rather than keeping one per client.
  const pending = new Map<number, number>();
  const out: Stamp[] = [];
  for (const struct of Y.decodeUpdate(update).structs) {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentAny)) continue;
    const v = struct.content.arr[0];
    if (typeof v !== 'number') continue;
    if (v >= STAMP_FLOOR) pending.set(struct.id.client, v);
    else if (v < 0 && Number.isInteger(v)) {
      const t = pending.get(struct.id.client);
      if (t === undefined) continue;
      pending.delete(struct.id.client);
      const code = -v - 1;
      out.push({ s: Math.floor(code / 2), t, m: (code % 2) as 0 | 1 });
    }
  }
  return out;
}

/**
 * Flood edit number `seq` of client i: the note moves to (seq, -seq), so the
 * highest number a client wrote is how many of its edits got through.
 */
export function floodMove(doc: Y.Doc, i: number, seq: number): void {
  moveNote(doc, noteId(i), seq, -seq);
}

/**
 * Highest flood number per writing client in an update, merged into `into`.
 * Callers keep only the flooding clients' ids: seeded notes hold other numbers.
 */
export function maxSeqByClient(update: Uint8Array, into: Map<number, number>): void {
  for (const struct of Y.decodeUpdate(update).structs) {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentAny)) continue;
    const v = struct.content.arr[0];
    if (typeof v === 'number' && v < STAMP_FLOOR && v > (into.get(struct.id.client) ?? 0)) into.set(struct.id.client, v);
  }
}
