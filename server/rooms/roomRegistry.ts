/**
 * The rooms this process holds. A room loads once however many joins race
 * for it, stays while anyone is connected (or a drafts room holds it), and
 * unloads after a grace period once the last peer leaves (flushed and
 * compacted first). The transport only sees acquire/release, so a
 * multi-process relay can slot in here.
 */
import { VotingLocks } from './votingLease';
import { VersionStore } from './versions';
import * as Y from 'yjs';
import { newRoomId, isRoomId, normalizeJoinCode } from '../../shared/ids';
import { revealPlacement } from '../../shared/notes';
import { initSession } from '../../shared/session';
import { notesOf, scenariosOf, votesOf, readSession } from '../../shared/schema';
import { MAX_NOTE_TEXT, NoteFields } from '../../shared/documentSchemas';
import { clampText } from '../../shared/text';
import { DEFAULT_POLICY_LIMITS, type PolicyLimits } from '../auth/updatePolicy';
import { CLOSE_ROOM_DELETED, type RoomInfo } from '../../shared/api';
import type { RoomRecord, Store } from '../storage/store';
import type { Logger } from '../log';
import { deriveJoinCode, hashLinkTokens, hashToken, newLinkTokens, type LinkTokens } from '../auth/tokens';
import { Room, UnsavedUpdatesError, defaultRoomOptions, type RoomKind, type RoomOptions } from './room';
import { buildReport, type ResultsReport } from './resultsReport';
import { inProcessRelay } from '../relay/relay';
import { Scheduler } from './scheduler';
import { Consultations } from './consultations';

export interface RegistryOptions {
  unloadGraceMs: number;
  room: RoomOptions;
}

export const draftsDocId = (roomId: string, participantId: string): string => `${roomId}~drafts~${participantId}`;
export const draftsPrefix = (roomId: string): string => `${roomId}~drafts~`;
export const ballotsDocId = (roomId: string): string => `${roomId}~ballots`;
export const hiddenDocId = (roomId: string): string => `${roomId}~hidden`;
/** The room a document belongs to: its board, drafts and ballots share the room id. */
const roomOfDoc = (docId: string): string => docId.split('~', 1)[0]!;

/** A stored document that cannot be read back; its clients are told why. */
export class RoomLoadError extends Error {
  constructor(
    readonly docId: string,
    cause: unknown,
  ) {
    super(`stored document ${docId} cannot be read: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'RoomLoadError';
  }
}

export interface CloseOutcome {
  /** Rooms still holding changes that could not be stored before the deadline. */
  unsaved: string[];
}

/** Writes a new room's starting content (a template, an imported board) into its first update. */
export type RoomSeed = (doc: Y.Doc, ctx: { createdAt: number; limits: PolicyLimits }) => void;

export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room | null>>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>();
  /** Rooms being deleted: nothing of theirs may load meanwhile. */
  private readonly deleting = new Set<string>();
  private closed = false;
  /** Called once for each drafts room as it loads (the draft counter and the moderation queue watch them). */
  readonly draftsLoaded = new Set<(drafts: Room) => void>();
  /** Called with each board as it loads, for services that follow it. */
  readonly boardsLoaded = new Set<(board: Room) => void>();
  private joinKey: Promise<Uint8Array> | null = null;
  /** Version history of every board (versions.ts). */
  readonly versions: VersionStore;
  /** Orders secret votes and reveals across processes (votingLease.ts). */
  readonly votingLocks: VotingLocks;
  /** Durable timers (scheduler.ts); the server starts it once it listens. */
  readonly scheduler: Scheduler;
  /** Consultation windows and their deadlines (consultations.ts). */
  readonly consultations: Consultations;

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
    private readonly opts: RegistryOptions = { unloadGraceMs: 30_000, room: defaultRoomOptions },
  ) {
    this.versions = new VersionStore(store, log);
    this.votingLocks = new VotingLocks(store);
    this.scheduler = new Scheduler(store, log);
    this.consultations = new Consultations(this, this.scheduler, log, store);
  }

  /** Caps on each room's state, for server-side writes that must respect them (bulk import). */
  get limits(): PolicyLimits {
    return this.opts.room.limits ?? DEFAULT_POLICY_LIMITS;
  }

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

  /**
   * Creates a room with its session settings as the first logged update;
   * `seed` may write more into that update (an imported board), within the
   * room's limits, and throws to refuse; a template writes its prompts and
   * starter scenarios the same way.
   */
  async create(title: string, seed?: RoomSeed): Promise<{ roomId: string; tokens: LinkTokens; joinCode: string }> {
    const roomId = newRoomId();
    const createdAt = Date.now();
    const tokens = newLinkTokens();
    const joinCode = deriveJoinCode(await this.joinCodeKey(), roomId);
    const doc = new Y.Doc();
    initSession(doc, { title, now: createdAt });
    seed?.(doc, { createdAt, limits: this.opts.room.limits ?? DEFAULT_POLICY_LIMITS });
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
    if (this.closed || !isRoomId(roomId) || this.deleting.has(roomId)) return Promise.resolve(null);
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

  /** The notes a facilitator hid, holding the board loaded while it lives. */
  async acquireHidden(roomId: string): Promise<Room | null> {
    if (this.closed) return null;
    return this.acquireDoc(hiddenDocId(roomId), async () => {
      const board = await this.acquire(roomId);
      if (!board) return null;
      board.holds++;
      return { kind: 'hidden', board };
    });
  }

  private acquireDoc(docId: string, kindOf: () => Promise<RoomKind | null>): Promise<Room | null> {
    if (this.deleting.has(roomOfDoc(docId))) return Promise.resolve(null);
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
    let room: Room;
    try {
      room = new Room(docId, this.store, await this.store.load(docId), this.log, this.opts.room, kind);
    } catch (err) {
      if (kind.kind !== 'board') {
        kind.board.holds--;
        this.release(kind.board);
      }
      throw new RoomLoadError(docId, err);
    }
    if (kind.kind === 'board') await room.clientIds.persistIn(this.store, docId, this.log);
    if (kind.kind === 'board') await room.erasedAuthors.load(this.store, docId);
    if (kind.kind === 'board') room.onDeletedElsewhere = () => void this.deleteRoom(docId, { elsewhere: true }).catch(() => undefined);
    if (kind.kind === 'board') room.onPhaseChange = (ended) => this.versions.saveOnPhaseChange(docId, room.doc, ended);
    this.rooms.set(docId, room);
    if (kind.kind === 'board') for (const f of this.boardsLoaded) f(room);
    if (kind.kind === 'drafts') for (const f of this.draftsLoaded) f(room);
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

  /**
   * Flushes and unloads an idle room. A room holding changes it could not
   * store stays loaded (and keeps retrying) until they are stored: dropping
   * it would lose them. Until it leaves the map a join simply takes it back.
   */
  private async unload(room: Room): Promise<void> {
    await room.flushNow();
    if (this.rooms.get(room.roomId) !== room || room.peerCount > 0 || room.holds > 0) return;
    if (room.hasUnstored) return this.keepUnsaved(room);
    this.rooms.delete(room.roomId);
    const done = room
      .close()
      .then(
        () => true,
        (err: unknown) => {
          if (!(err instanceof UnsavedUpdatesError)) throw err;
          this.rooms.set(room.roomId, room);
          return false;
        },
      )
      .finally(() => this.unloading.delete(room.roomId));
    this.unloading.set(room.roomId, done.then(() => undefined, () => undefined));
    let unloaded: boolean;
    try {
      unloaded = await done;
    } catch (err) {
      this.log.error({ err, roomId: room.roomId }, 'unload failed');
      unloaded = true;
    }
    if (!unloaded) return this.keepUnsaved(room);
    if (room.kind.kind !== 'board') {
      room.kind.board.holds--;
      this.release(room.kind.board);
    }
    this.log.info({ roomId: room.roomId }, 'room unloaded');
  }

  private keepUnsaved(room: Room): void {
    this.log.warn({ roomId: room.roomId }, 'room kept loaded: it holds changes not yet stored');
    if (!this.closed) this.release(room);
  }

  /** Every drafts document of a board, stored or so far only in memory. */
  async draftsDocIds(roomId: string): Promise<string[]> {
    const docIds = new Set(await this.store.listDocs(draftsPrefix(roomId)));
    for (const id of this.rooms.keys()) if (id.startsWith(draftsPrefix(roomId))) docIds.add(id);
    return [...docIds];
  }

  /**
   * Publishes every participant's private drafts onto the board at once, as
   * one server-side change, and empties the drafts. Returns how many notes.
   * Under pre-moderation nothing is published: each draft is submitted for
   * approval where it is, and `pending` says how many.
   */
  async reveal(roomId: string): Promise<{ notes: number; pending: number }> {
    const board = await this.acquire(roomId);
    if (!board) return { notes: 0, pending: 0 };
    board.holds++;
    try {
      const docIds = await this.draftsDocIds(roomId);
      const drafts: Room[] = [];
      for (const docId of docIds) {
        const participantId = docId.slice(draftsPrefix(roomId).length);
        const room = await this.acquireDrafts(roomId, participantId);
        if (room) drafts.push(room);
      }
      // Drafts written through other processes: everything stored is revealed.
      await Promise.all(drafts.map((d) => d.catchUp()));
      if (readSession(board.doc).premoderation) {
        let submitted = 0;
        for (const d of drafts) {
          d.doc.transact(() => notesOf(d.doc).forEach((m) => m.get('pending') !== true && (m.set('pending', true), submitted++)));
          this.release(d);
        }
        this.log.info({ roomId, pending: submitted }, 'drafts submitted for approval');
        return { notes: 0, pending: submitted };
      }
      let moved = 0;
      const maxNotes = (this.opts.room.limits ?? DEFAULT_POLICY_LIMITS).maxNotes;
      const owned = drafts.flatMap((d) => (d.kind.kind === 'drafts' ? [{ room: d, doc: d.doc, owner: d.kind.owner }] : []));
      // Every phone's drafts started at the same spot: lay them out afresh.
      const placed = revealPlacement(board.doc, owned);
      const copied = new Map<Room, string[]>();
      board.doc.transact(() => {
        for (const d of owned) {
          const ids = copyNotes(d.doc, board.doc, d.owner, maxNotes, placed);
          copied.set(d.room, ids);
          moved += ids.length;
        }
      });
      for (const d of drafts) {
        // Drafts that did not fit on a full board stay with their author.
        const ids = copied.get(d) ?? [];
        d.doc.transact(() => ids.forEach((id) => notesOf(d.doc).delete(id)));
        this.release(d);
      }
      await board.flushNow();
      this.log.info({ roomId, notes: moved, participants: drafts.length }, 'drafts revealed');
      return { notes: moved, pending: 0 };
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

  /** Makes what was deleted unrecoverable from the storage files too (Store.scrub). */
  scrub(): Promise<void> {
    return this.store.scrub();
  }

  /**
   * Deletes a workshop for good: its board, every participant's drafts and
   * the ballots, stored and loaded. Clients are closed with 4410; the links
   * then answer 404. If storage refuses, nothing is lost: the rooms resume
   * and the error reaches the caller. False when no such room exists.
   */
  async deleteRoom(roomId: string, { elsewhere = false } = {}): Promise<boolean> {
    // Deleted by another process: drop it here too, and delete again whatever this one stored meanwhile.
    if (!isRoomId(roomId) || this.deleting.has(roomId) || (!elsewhere && !(await this.store.getRoom(roomId)))) return false;
    this.deleting.add(roomId);
    try {
      const mine = (id: string): boolean => roomOfDoc(id) === roomId;
      await Promise.allSettled([...this.loading].filter(([id]) => mine(id)).map(([, p]) => p));
      await Promise.allSettled([...this.unloading].filter(([id]) => mine(id)).map(([, p]) => p));
      const docs = [...this.rooms.values()].filter((r) => mine(r.roomId));
      await Promise.all(docs.map((r) => r.pause()));
      try {
        await this.store.deleteRoom(roomId);
      } catch (err) {
        for (const r of docs) r.resume();
        throw err;
      }
      for (const r of docs) {
        clearTimeout(this.unloadTimers.get(r.roomId));
        this.unloadTimers.delete(r.roomId);
        this.rooms.delete(r.roomId);
        r.closeAllPeers(CLOSE_ROOM_DELETED, 'workshop deleted');
        r.destroy();
      }
      if (!elsewhere) (this.opts.room.relay ?? inProcessRelay).announce(roomId, { t: 'deleted' });
      // Deleted for good, files included; the workshop is gone even if this fails.
      await this.store.scrub().catch((err: unknown) => this.log.error({ err, roomId }, 'scrubbing storage after the deletion failed'));
      this.log.info({ roomId, documents: docs.length }, 'room deleted');
      return true;
    } finally {
      this.deleting.delete(roomId);
    }
  }

  /**
   * Closes every room on SIGTERM/SIGINT: peers are told to reconnect to the
   * next process, each room stores what it holds and compacts. A room whose
   * appends keep failing keeps retrying until `deadlineMs`; the rooms still
   * unsaved then are returned, so the caller can say so and exit non-zero.
   */
  async closeAll(code = 1012, reason = 'server restarting', deadlineMs = Infinity): Promise<CloseOutcome> {
    this.closed = true;
    await this.scheduler.stop();
    for (const t of this.unloadTimers.values()) clearTimeout(t);
    this.unloadTimers.clear();
    await Promise.allSettled(this.loading.values());
    await Promise.allSettled(this.unloading.values());
    const rooms = [...this.rooms.values()];
    for (const room of rooms) room.closeAllPeers(code, reason);
    const closeOne = async (room: Room): Promise<void> => {
      await room.whenStored();
      try {
        await room.close();
        this.rooms.delete(room.roomId);
      } catch (err) {
        this.log.error({ err, roomId: room.roomId }, 'closing room failed');
      }
    };
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      if (Number.isFinite(deadlineMs)) timer = setTimeout(resolve, deadlineMs);
    });
    await Promise.race([Promise.all(rooms.map(closeOne)), deadline]);
    clearTimeout(timer);
    return { unsaved: rooms.filter((r) => r.hasUnstored).map((r) => r.roomId) };
  }
}

/**
 * Copies a drafts document's private notes (not those waiting for approval)
 * onto the board at their revealed place, keeping ids, colours and text,
 * while the board has room for them (`maxNotes`); the author is always the
 * drafts' owner, whatever the drafts say. Returns the ids copied.
 */
function copyNotes(from: Y.Doc, to: Y.Doc, owner: string, maxNotes: number, placed: ReadonlyMap<string, { x: number; y: number }>): string[] {
  const target = notesOf(to);
  const ids: string[] = [];
  notesOf(from).forEach((src, id) => {
    if (target.has(id) || target.size >= maxNotes || src.get('pending') === true) return;
    const m = copyNote(src, { authorId: owner, scenarioId: null, ...placed.get(id) });
    // The revealed block lies outside every frame (scenarioId above).
    target.set(id, m);
    ids.push(id);
  });
  return ids;
}

/**
 * A fresh copy of a note, to set in another document: its text and every
 * plain value that fits the document schema the policy enforces, as if its
 * author had written it there, then `overrides`. Never `pending`: a copy is
 * the note approved, revealed, hidden or restored.
 */
export function copyNote(src: Y.Map<unknown>, overrides: Record<string, unknown> = {}): Y.Map<unknown> {
  const fields: Readonly<Record<string, (typeof NoteFields)[keyof typeof NoteFields]>> = NoteFields;
  const m = new Y.Map<unknown>();
  const text = src.get('text');
  const t = new Y.Text();
  t.insert(0, clampText(text instanceof Y.Text ? text.toString() : '', MAX_NOTE_TEXT));
  m.set('text', t);
  src.forEach((value, key) => {
    if (key !== 'text' && key !== 'pending' && Object.hasOwn(fields, key) && fields[key]!.safeParse(value).success) m.set(key, value);
  });
  for (const [key, value] of Object.entries(overrides)) m.set(key, value);
  return m;
}
