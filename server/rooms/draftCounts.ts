/**
 * How much is written in private before Reveal, for the facilitator: notes
 * per author sector and how many people have drafts, never the text. Every
 * drafts room is watched from the moment it loads; rooms not loaded keep the
 * count they had when they were (their document cannot change meanwhile).
 * On a facilitator's hello the board's stored drafts are counted once, and
 * then changes reach facilitators at most once per throttle period. With
 * several processes, each tells the others the counts of the drafts it has
 * loaded (a relay signal with numbers only), so a facilitator sees the
 * drafts of participants connected anywhere.
 */
import * as Y from 'yjs';
import { encodeControl, type ServerControl } from '../../shared/control';
import { SECTORS, notesOf, readNote, type Sector } from '../../shared/schema';
import type { Peer } from './peer';
import type { Room } from './room';
import { draftsPrefix, type RoomRegistry } from './roomRegistry';

export const DRAFT_COUNTS_THROTTLE_MS = 500;

type PerSector = Record<Sector, number>;
type DraftsMessage = Extract<ServerControl, { t: 'drafts' }>;

interface BoardDrafts {
  /** Notes per sector in each drafts document, by document id. */
  counts: Map<string, PerSector>;
  scanned: Promise<void> | null;
  timer: NodeJS.Timeout | null;
}

const zero = (): PerSector => Object.fromEntries(SECTORS.map((s) => [s, 0])) as PerSector;

export function countDrafts(room: Room): PerSector {
  const out = zero();
  // Notes submitted for approval are no longer private writing (moderation.ts lists them).
  notesOf(room.doc).forEach((m, id) => m.get('pending') !== true && out[readNote(id, m).authorSector]++);
  return out;
}

/** The message for a board's drafts, from each drafts document's counts. */
export function draftsMessage(counts: Iterable<PerSector>): DraftsMessage {
  const bySector = Object.fromEntries(SECTORS.map((s) => [s, { notes: 0, writers: 0 }])) as DraftsMessage['bySector'];
  let notes = 0;
  let writers = 0;
  for (const c of counts) {
    let mine = 0;
    for (const s of SECTORS) {
      const cell = bySector[s]!;
      cell.notes += c[s];
      if (c[s] > 0) cell.writers++;
      mine += c[s];
    }
    notes += mine;
    if (mine > 0) writers++;
  }
  return { t: 'drafts', notes, writers, bySector };
}

export class DraftCounts {
  private readonly boards = new Map<string, BoardDrafts>();

  constructor(
    private readonly registry: RoomRegistry,
    private readonly throttleMs = DRAFT_COUNTS_THROTTLE_MS,
  ) {
    registry.draftsLoaded.add((drafts) => this.watch(drafts));
    registry.boardsLoaded.add((board) => this.follow(board));
  }

  /** Counts of drafts loaded on other processes. */
  private follow(board: Room): void {
    board.signalListeners.add((signal) => {
      if (signal.t !== 'draftCount') return;
      const e = this.entry(board.roomId);
      e.counts.set(signal.docId, signal.counts);
      this.schedule(board, e);
    });
  }

  private entry(roomId: string): BoardDrafts {
    let e = this.boards.get(roomId);
    if (!e) this.boards.set(roomId, (e = { counts: new Map(), scanned: null, timer: null }));
    return e;
  }

  private watch(drafts: Room): void {
    if (drafts.kind.kind !== 'drafts') return;
    const board = drafts.kind.board;
    const e = this.entry(board.roomId);
    const recount = (): void => {
      const counts = countDrafts(drafts);
      e.counts.set(drafts.roomId, counts);
      this.schedule(board, e);
      board.signalOthers({ t: 'draftCount', docId: drafts.roomId, counts });
    };
    // A note appearing, going or being submitted changes the count; typing does not.
    const notes = notesOf(drafts.doc);
    notes.observeDeep((events) => {
      if (events.some((e) => e.target === notes || (e instanceof Y.YMapEvent && e.keysChanged.has('pending')))) recount();
    });
    recount();
  }

  private schedule(board: Room, e: BoardDrafts): void {
    if (e.timer) return;
    e.timer = setTimeout(() => {
      e.timer = null;
      const frame = encodeControl(draftsMessage(e.counts.values()));
      board.forEachPeer((p) => p.actor.role === 'facilitator' && p.send(frame));
    }, this.throttleMs);
    e.timer.unref();
  }

  /** On a facilitator's hello: count every stored drafts document once, then answer. */
  async greet(board: Room, peer: Peer): Promise<void> {
    if (peer.actor.role !== 'facilitator' || board.kind.kind !== 'board') return;
    const e = this.entry(board.roomId);
    e.scanned ??= this.scan(board.roomId).catch((err: unknown) => {
      e.scanned = null;
      throw err;
    });
    await e.scanned;
    peer.send(encodeControl(draftsMessage(e.counts.values())));
  }

  /** Loads each stored drafts document once (loading counts it) and lets it go again. */
  private async scan(roomId: string): Promise<void> {
    const prefix = draftsPrefix(roomId);
    for (const docId of await this.registry.draftsDocIds(roomId)) {
      const room = await this.registry.acquireDrafts(roomId, docId.slice(prefix.length));
      if (room) this.registry.release(room);
    }
  }
}
