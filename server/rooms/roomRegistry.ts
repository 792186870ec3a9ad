/**
 * The rooms this process holds. A room loads once however many joins race
 * for it, stays while anyone is connected, and unloads after a grace period
 * once the last peer leaves (flushed and compacted first). The transport
 * only sees acquire/release, so a multi-process relay can slot in here.
 */
import * as Y from 'yjs';
import { newRoomId, isRoomId } from '../../shared/ids';
import { initSession } from '../../shared/session';
import { notesOf, scenariosOf, votesOf, readSession } from '../../shared/schema';
import type { RoomInfo } from '../../shared/api';
import type { Store } from '../storage/store';
import type { Logger } from '../log';
import { Room, defaultRoomOptions, type RoomOptions } from './room';

export interface RegistryOptions {
  unloadGraceMs: number;
  room: RoomOptions;
}

export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room | null>>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
    private readonly opts: RegistryOptions = { unloadGraceMs: 30_000, room: defaultRoomOptions },
  ) {}

  get loadedRooms(): number {
    return this.rooms.size;
  }

  get connections(): number {
    let n = 0;
    for (const room of this.rooms.values()) n += room.peerCount;
    return n;
  }

  /** Creates a room with its session settings as the first logged update. */
  async create(title: string): Promise<string> {
    const roomId = newRoomId();
    const createdAt = Date.now();
    const doc = new Y.Doc();
    initSession(doc, { title, now: createdAt });
    await this.store.createRoom({ roomId, title, createdAt }, Y.encodeStateAsUpdate(doc));
    doc.destroy();
    this.log.info({ roomId }, 'room created');
    return roomId;
  }

  /** The live room, loading it if needed; null when no such room was created. */
  async acquire(roomId: string): Promise<Room | null> {
    if (this.closed || !isRoomId(roomId)) return null;
    const timer = this.unloadTimers.get(roomId);
    if (timer) {
      clearTimeout(timer);
      this.unloadTimers.delete(roomId);
    }
    const live = this.rooms.get(roomId);
    if (live) return live;
    const pending = this.loading.get(roomId);
    if (pending) return pending;
    const load = this.load(roomId).finally(() => this.loading.delete(roomId));
    this.loading.set(roomId, load);
    return load;
  }

  private async load(roomId: string): Promise<Room | null> {
    // A room still flushing on its way out must finish before it is read back.
    await this.unloading.get(roomId);
    if (!(await this.store.getRoom(roomId))) return null;
    const started = performance.now();
    const room = new Room(roomId, this.store, await this.store.load(roomId), this.log, this.opts.room);
    this.rooms.set(roomId, room);
    this.log.info({ roomId, ms: Math.round(performance.now() - started) }, 'room loaded');
    return room;
  }

  /** Called when a peer leaves (or a short-lived reader is done). */
  release(room: Room): void {
    if (room.peerCount > 0 || this.unloadTimers.has(room.roomId) || this.rooms.get(room.roomId) !== room) return;
    const timer = setTimeout(() => {
      this.unloadTimers.delete(room.roomId);
      if (room.peerCount === 0) void this.unload(room);
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
    this.log.info({ roomId: room.roomId }, 'room unloaded');
  }

  async info(roomId: string): Promise<RoomInfo | null> {
    const record = isRoomId(roomId) ? await this.store.getRoom(roomId) : null;
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
