/**
 * What a client that has nothing is sent on joining: the whole board as one
 * sync step 2 frame, encoded once and sent as the same bytes to every such
 * joiner, followed by one update frame with the changes made since it was
 * encoded.
 *
 * Encoding a 2,000-note board takes 25–300 ms (it allocates ~1 MiB, so the
 * garbage collector often joins in); a plenary that keeps writing while
 * everyone arrives changes it 20 times a second, so dropping the frame on
 * every change re-encoded it for nearly every joiner and stalled the edits
 * of the people already in the room. The changes since are merged once per
 * change, and the whole frame is encoded again only when they grow past a
 * share of it — or when anything is deleted: the kept bytes still hold what
 * was deleted (a note the facilitator hid, a participant's erased words, a
 * sentence typed and taken back), and a joiner must never be sent it. A
 * freshly encoded board holds none of it (the server's doc collects deleted
 * content). So this helps while people write and add notes, not while they
 * move them (a move deletes the old position).
 */
import * as Y from 'yjs';
import { encodeSyncStep2, encodeUpdate } from '../../shared/protocol';

/** Past this share of the full frame's size, the next joiner gets a freshly encoded board instead. */
const MAX_SINCE_SHARE = 0.25;
/** Small boards are cheap to encode again; their changes are not kept beyond this. */
const MIN_SINCE_BYTES = 64 * 1024;

export class FullStateCache {
  private full: Uint8Array | null = null;
  private since: Uint8Array[] = [];
  private sinceBytes = 0;
  private sinceFrame: Uint8Array | null = null;

  /** The frames to send a joiner that has nothing, in order. */
  framesFor(doc: Y.Doc): Uint8Array[] {
    if (!this.full) {
      this.full = encodeSyncStep2(Y.encodeStateAsUpdate(doc));
      this.since = [];
      this.sinceBytes = 0;
      this.sinceFrame = null;
    }
    if (this.since.length === 0) return [this.full];
    this.sinceFrame ??= encodeUpdate(this.since.length === 1 ? this.since[0]! : Y.mergeUpdates(this.since));
    return [this.full, this.sinceFrame];
  }

  /** A transaction applied `update` to the document. */
  changed(update: Uint8Array, tr: Y.Transaction): void {
    if (!this.full) return;
    if (deletesEarlierContent(tr)) return this.reset();
    this.sinceBytes += update.byteLength;
    if (this.sinceBytes > Math.max(MIN_SINCE_BYTES, this.full.byteLength * MAX_SINCE_SHARE)) return this.reset();
    this.since.push(update);
    this.sinceFrame = null;
  }

  /** The document was replaced wholesale (loaded): nothing kept applies. */
  reset(): void {
    this.full = null;
    this.since = [];
    this.sinceBytes = 0;
    this.sinceFrame = null;
  }
}

/**
 * Whether a transaction deleted anything that existed before it (and so may
 * be in the kept bytes). What it created and deleted itself is collected
 * before its update is encoded.
 */
export function deletesEarlierContent(tr: Y.Transaction): boolean {
  for (const [client, ranges] of tr.deleteSet.clients) {
    const before = tr.beforeState.get(client) ?? 0;
    if (ranges.some((r) => r.clock < before)) return true;
  }
  return false;
}
