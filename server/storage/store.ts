/**
 * The storage seam. A "document" is identified by a doc id: a room's board
 * has the room id; a participant's private drafts live in their own
 * document, `${roomId}~drafts~${participantId}`. A room is an append-only log of Yjs updates plus, after
 * compaction, one snapshot that replaces a prefix of the log. Everything the
 * server persists goes through these few calls, so every backend
 * (SQLite, PostgreSQL) implements this interface and passes
 * test/integration/storeContract.ts.
 */
import type { TokenHashes } from '../auth/tokens';

export interface RoomRecord {
  roomId: string;
  title: string;
  createdAt: number;
  /** SHA-256 of each role's link token; the tokens themselves are never stored. */
  tokenHashes: TokenHashes;
}

export interface StoredDocument {
  /** Merged state up to `snapshotSeq`, or null before the first compaction. */
  snapshot: Uint8Array | null;
  /** Updates appended after the snapshot, oldest first. */
  updates: Uint8Array[];
  /** Sequence number of the last update in the log (0 when empty). */
  lastSeq: number;
  /** Bytes in `updates`, so the room knows when to compact next. */
  logBytes: number;
  /**
   * Every part matched its stored checksum (storage/checksum.ts), so the
   * bytes are those written. False when some part predates checksums: the
   * room then decodes it to find damage before anyone is sent it.
   */
  verified: boolean;
}

export type LockMode = 'shared' | 'exclusive';
/**
 * A durable timer: something the server must do to a room at `dueAt`
 * (epoch ms) whether or not anyone is connected, and after a restart too.
 * One per room and `name`; `ref` says which thing it is for (a
 * consultation window's id), so a stale run can tell it is stale.
 */
export interface Schedule {
  roomId: string;
  name: string;
  dueAt: number;
  ref: string;
}

export interface Store {
  /** Creates the room with its first state; fails if the id exists. */
  createRoom(room: RoomRecord, initialUpdate: Uint8Array): Promise<void>;
  getRoom(roomId: string): Promise<RoomRecord | null>;
  /** The room whose join code hashes to `joinHash`, if any. */
  findRoomByJoinHash(joinHash: string): Promise<string | null>;
  /**
   * Loads a document; one never written to loads empty. With `afterSeq`, only
   * what a reader holding everything up to that sequence lacks: the updates
   * after it, plus the snapshot when a compaction has passed it.
   */
  load(docId: string, afterSeq?: number): Promise<StoredDocument>;
  /**
   * Durably appends one update and returns its sequence number, assigned by
   * the store: per document, gap-free and in commit order, whichever process
   * appends.
   */
  append(docId: string, update: Uint8Array): Promise<number>;
  /**
   * Replaces every update up to and including `uptoSeq` with `snapshot`,
   * which must hold all of them. A compaction behind the stored snapshot is
   * a no-op, so two processes compacting at once keep the newer one.
   */
  compact(docId: string, snapshot: Uint8Array, uptoSeq: number): Promise<void>;
  /** Ids of stored documents starting with `prefix` (a room's drafts). */
  listDocs(prefix: string): Promise<string[]>;
  /** Sets (or moves) the room's schedule of that name. */
  setSchedule(schedule: Schedule): Promise<void>;
  /** Removes the room's schedule of that name; with `ref`, only while it still holds that ref. */
  clearSchedule(roomId: string, name: string, ref?: string): Promise<void>;
  /** Schedules due at or before `upTo`, earliest first. */
  dueSchedules(upTo: number): Promise<Schedule[]>;
  /** When the earliest schedule falls due, or null when there is none. */
  nextScheduleAt(): Promise<number | null>;
  /** Deletes the room, every document under its id and its schedules. */
  deleteRoom(roomId: string): Promise<void>;
  /**
   * Holds the lock `name` for every process sharing this store until the
   * returned release is called. Any number of 'shared' holders exclude an
   * 'exclusive' one; an exclusive request waits for the shared holders and
   * new shared requests queue behind it. (A secret round's votes and its
   * reveal, server/rooms/votingLease.ts.)
   */
  lock(name: string, mode: LockMode): Promise<() => Promise<void>>;
  /**
   * Makes what deletions and compactions removed unrecoverable from the
   * storage files as well, not only from queries: called after a
   * participant's erasure and a workshop's deletion.
   */
  scrub(): Promise<void>;
  /** A named secret of this installation, created on first use. */
  secret(name: string): Promise<Uint8Array>;
  close(): Promise<void>;
}
