/**
 * The storage seam. A room is an append-only log of Yjs updates plus, after
 * compaction, one snapshot that replaces a prefix of the log. Everything the
 * server persists goes through these few calls, so another backend
 * (PostgreSQL) only has to implement this interface and pass
 * test/integration/storeContract.ts.
 */
export interface RoomRecord {
  roomId: string;
  title: string;
  createdAt: number;
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
}

export interface Store {
  /** Creates the room with its first state; fails if the id exists. */
  createRoom(room: RoomRecord, initialUpdate: Uint8Array): Promise<void>;
  getRoom(roomId: string): Promise<RoomRecord | null>;
  load(roomId: string): Promise<StoredDocument>;
  /** Durably appends one update and returns its sequence number. */
  append(roomId: string, update: Uint8Array): Promise<number>;
  /** Replaces every update up to and including `uptoSeq` with `snapshot`. */
  compact(roomId: string, snapshot: Uint8Array, uptoSeq: number): Promise<void>;
  deleteRoom(roomId: string): Promise<void>;
  close(): Promise<void>;
}
