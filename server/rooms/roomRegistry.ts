/**
 * The rooms this process holds. A room loads once however many joins race
 * for it, stays while anyone is connected (or a drafts room holds it), and
 * unloads after a grace period once the last peer leaves (flushed and
 * compacted first). The transport only sees acquire/release, so a
 * multi-process relay can slot in here.
 */
import * as Y from 'yjs';
import { newRoomId, isRoomId, normalizeJoinCode } from '../../shared/ids';
import { initSession } from '../../shared/session';
import { notesOf, scenariosOf, votesOf, readSession } from '../../shared/schema';
import type { RoomInfo } from '../../shared/api';
import type { RoomRecord, Store } from '../storage/store';
import type { Logger } from '../log';
import { deriveJoinCode, hashLinkTokens, hashToken, newLinkTokens, type LinkTokens } from '../auth/tokens';
import { Room, defaultRoomOptions, type RoomKind, type RoomOptions } from './room';
import { buildReport, type ResultsReport } from './resultsReport';

export interface RegistryOptions {
  unloadGraceMs: number;
  room: RoomOptions;
}

export const draftsDocId = (roomId: string, participantId: string): string => `${roomId}~drafts~${participantId}`;
export const draftsPrefix = (roomId: string): string => `${roomId}~drafts~`;
export const ballotsDocId = (roomId: string): string => `${roomId}~ballots`;

export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room | null>>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>();
  private closed = false;
  private joinKey: Promise<Uint8Array> | null = null;

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
    private readonly opts: RegistryOptions = { unloadGraceMs: 30_000, room: defaultRoomOptions },
  ) {}

  get loadedRooms(): number {
    let n = 0;
    for (const room of this.rooms.values()) if (room.kind.kind === 'board') n++;
    return n;
  }

  get connections(): number {
    let n = 0;
    for (const room of this.rooms.values()) n += room.peerCount;
    return n;
  }

  /** Creates a room with its session settings as the first logged update. */
  async create(title: string): Promise<{ roomId: string; tokens: LinkTokens; joinCode: string }> {
    const roomId = newRoomId();
    const createdAt = Date.now();
    const tokens = newLinkTokens();
    const joinCode = deriveJoinCode(await this.joinCodeKey(), roomId);
    const doc = new Y.Doc();
    initSession(doc, { title, now: createdAt });
    const tokenHashes = { ...hashLinkTokens(tokens), join: hashToken(joinCode) };
    await this.store.createRoom({ roomId, title, createdAt, tokenHashes }, Y.encodeStateAsUpdate(doc));
    doc.destroy();
    this.log.info({ roomId }, 'room created');
    return { roomId, tokens, joinCode };
  }

  private joinCodeKey(): Promise<Uint8Array> {
    this.joinKey ??= this.store.secret('join-code');
    return this.joinKey;
  }

  /** A room's join code again, for its facilitator and projector; null for rooms made before codes were derived. */
  async joinCodeOf(record: RoomRecord): Promise<string | null> {
    if (!record.tokenHashes.join) return null;
    const code = deriveJoinCode(await this.joinCodeKey(), record.roomId);
    return hashToken(code) === record.tokenHashes.join ? code : null;
  }

  /** The room a projector's join code opens, if any. */
  async roomOfJoinCode(input: string): Promise<string | null> {
    const code = normalizeJoinCode(input);
    return code ? this.store.findRoomByJoinHash(hashToken(code)) : null;
  }

  record(roomId: string): Promise<RoomRecord | null> {
    return isRoomId(roomId) ? this.store.getRoom(roomId) : Promise.resolve(null);
  }

  /** The live board, loading it if needed; null when no such room was created. */
  acquire(roomId: string): Promise<Room | null> {
    if (this.closed || !isRoomId(roomId)) return Promise.resolve(null);
    return this.acquireDoc(roomId, async () => ((await this.store.getRoom(roomId)) ? { kind: 'board' } : null));
  }

  /** A participant's private drafts, holding their board loaded while it lives. */
  async acquireDrafts(roomId: string, participantId: string): Promise<Room | null> {
    if (this.closed) return null;
    return this.acquireDoc(draftsDocId(roomId, participantId), async () => {
      const board = await this.acquire(roomId);
      if (!board) return null;
      board.holds++;
      return { kind: 'drafts', owner: participantId, board };
    });
  }

  /** The board's secret ballots, holding the board loaded while it lives. */
  async acquireBallots(roomId: string): Promise<Room | null> {
    if (this.closed) return null;
    return this.acquireDoc(ballotsDocId(roomId), async () => {
      const board = await this.acquire(roomId);
      if (!board) return null;
      board.holds++;
      return { kind: 'ballots', board };
    });
  }

  private acquireDoc(docId: string, kindOf: () => Promise<RoomKind | null>): Promise<Room | null> {
    const timer = this.unloadTimers.get(docId);
    if (timer) {
      clearTimeout(timer);
      this.unloadTimers.delete(docId);
    }
    const live = this.rooms.get(docId);
    if (live) return Promise.resolve(live);
    const pending = this.loading.get(docId);
    if (pending) return pending;
    const load = this.load(docId, kindOf).finally(() => this.loading.delete(docId));
    this.loading.set(docId, load);
    return load;
  }

  private async load(docId: string, kindOf: () => Promise<RoomKind | null>): Promise<Room | null> {
    // A room still flushing on its way out must finish before it is read back.
    await this.unloading.get(docId);
    const kind = await kindOf();
    if (!kind) return null;
    const started = performance.now();
    const room = new Room(docId, this.store, await this.store.load(docId), this.log, this.opts.room, kind);
    this.rooms.set(docId, room);
    this.log.info({ roomId: docId, ms: Math.round(performance.now() - started) }, 'room loaded');
    return room;
  }

  /** Called when a peer leaves (or a short-lived holder is done). */
  release(room: Room): void {
    if (room.peerCount > 0 || room.holds > 0 || this.unloadTimers.has(room.roomId) || this.rooms.get(room.roomId) !== room) return;
    const timer = setTimeout(() => {
      this.unloadTimers.delete(room.roomId);
      if (room.peerCount === 0 && room.holds === 0) void this.unload(room);
    }, this.opts.unloadGraceMs);
    timer.unref();
    this.unloadTimers.set(room.roomId, timer);
  }

  private async unload(room: Room): Promise<void> {
    this.rooms.delete(room.roomId);
    const done = room
      .close()
      .catch((err: unknown) => this.log.error({ err, roomId: room.roomId }, 'unload failed'))
      .finally(() => this.unloading.delete(room.roomId));
    this.unloading.set(room.roomId, done);
    await done;
    if (room.kind.kind !== 'board') {
      room.kind.board.holds--;
      this.release(room.kind.board);
    }
    this.log.info({ roomId: room.roomId }, 'room unloaded');
  }

  /**
   * Publishes every participant's private drafts onto the board at once, as
   * one server-side change, and empties the drafts. Returns how many notes.
   */
  async reveal(roomId: string): Promise<number> {
    const board = await this.acquire(roomId);
    if (!board) return 0;
    board.holds++;
    try {
      const docIds = new Set(await this.store.listDocs(draftsPrefix(roomId)));
      for (const id of this.rooms.keys()) if (id.startsWith(draftsPrefix(roomId))) docIds.add(id);
      const drafts: Room[] = [];
      for (const docId of docIds) {
        const participantId = docId.slice(draftsPrefix(roomId).length);
        const room = await this.acquireDrafts(roomId, participantId);
        if (room) drafts.push(room);
      }
      let moved = 0;
      board.doc.transact(() => {
        for (const d of drafts) if (d.kind.kind === 'drafts') moved += copyNotes(d.doc, board.doc, d.kind.owner);
      });
      for (const d of drafts) {
        d.doc.transact(() => notesOf(d.doc).clear());
        this.release(d);
      }
      await board.flushNow();
      this.log.info({ roomId, notes: moved, participants: drafts.length }, 'drafts revealed');
      return moved;
    } finally {
      board.holds--;
      this.release(board);
    }
  }

  async info(roomId: string): Promise<RoomInfo | null> {
    const record = await this.record(roomId);
    if (!record) return null;
    const room = await this.acquire(roomId);
    if (!room) return null;
    try {
      const doc = room.doc;
      return {
        roomId,
        title: readSession(doc).title || record.title,
        createdAt: record.createdAt,
        notes: notesOf(doc).size,
        scenarios: scenariosOf(doc).size,
        voters: votesOf(doc).size,
        connections: room.peerCount,
      };
    } finally {
      this.release(room);
    }
  }

  /** The facilitator's report: revealed rounds, the live open tally, the action plan. */
  async report(roomId: string): Promise<ResultsReport | null> {
    const room = await this.acquire(roomId);
    if (!room) return null;
    try {
      return buildReport(roomId, room.doc);
    } finally {
      this.release(room);
    }
  }

  /** Flushes and closes every room; used on SIGTERM/SIGINT. */
  async closeAll(code = 1012, reason = 'server restarting'): Promise<void> {
    this.closed = true;
    for (const t of this.unloadTimers.values()) clearTimeout(t);
    this.unloadTimers.clear();
    await Promise.allSettled(this.loading.values());
    const rooms = [...this.rooms.values()];
    for (const room of rooms) room.closeAllPeers(code, reason);
    await Promise.all(rooms.map((r) => this.unload(r)));
    await Promise.all(this.unloading.values());
  }
}

/**
 * Copies a drafts document's notes onto the board, keeping ids, positions,
 * colours and text. The author is always the drafts' owner, whatever the
 * drafts say.
 */
function copyNotes(from: Y.Doc, to: Y.Doc, owner: string): number {
  const target = notesOf(to);
  let n = 0;
  notesOf(from).forEach((src, id) => {
    if (target.has(id)) return;
    const m = new Y.Map<unknown>();
    src.forEach((value, key) => {
      if (key === 'text') {
        const t = new Y.Text();
        t.insert(0, value instanceof Y.Text ? value.toString() : '');
        m.set('text', t);
      } else if (!(value instanceof Y.AbstractType)) m.set(key, value);
    });
    m.set('authorId', owner);
    target.set(id, m);
    n++;
  });
  return n;
}
