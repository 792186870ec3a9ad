/**
 * Moderation for open consultations: the queue facilitators review, and
 * what they do with it. Notes are below; comments are moderated the same
 * way in ./commentModeration.ts.
 *
 * - Pending: under pre-moderation a participant's new note is written in
 *   their own drafts document, marked `pending`, so nobody else is sent it
 *   (the guarantee of private drafts). Approve moves it onto the board, as
 *   the reveal does; reject deletes it and tells the author.
 * - Hidden: hiding moves a board note whole into the board's `~hidden`
 *   document, which no client can open, then compacts the board so its
 *   stored log no longer holds the text either; restore moves it back.
 * - Flagged: board and pending notes holding words of the profanity lists,
 *   for review; nothing is edited.
 *
 * Facilitators get the queue on hello, then at most once per throttle
 * period when it changes. With several processes, each tells the others
 * the pending items of the drafts it has loaded and when the hidden notes
 * changed, so the queue is the same on every process. Each kind of item is a target in a table keyed
 * by kind (`targets`): where its pending and hidden items are, and what each action does.
 */
import * as Y from 'yjs';
import { encodeControl, type ServerControl } from '../../shared/control';
import type { ModeratedItem, ModeratedKind, ModerationAction } from '../../shared/moderation';
import { profanitiesIn } from '../../shared/profanity';
import { scenarioAt } from '../../shared/scenarios';
import { NOTE_HEIGHT, NOTE_WIDTH, notesOf, readNote, scenariosOf, type NoteMap } from '../../shared/schema';
import type { Logger } from '../log';
import { CommentModeration } from './commentModeration';
import type { Peer } from './peer';
import { moveItem, type ItemKind } from './moderationMoves';
import type { Room } from './room';
import { copyNote, draftsPrefix, type RoomRegistry } from './roomRegistry';

export const MODERATION_THROTTLE_MS = 300;
const MAX_FLAGS = 20;

type ModerationMessage = Extract<ServerControl, { t: 'moderation' }>;

/** What moderation does with one kind of item. Answers the author's id when the action took place, null when there was nothing to act on. */
export interface ModerationTarget {
  act(action: ModerationAction, board: Room, id: string): Promise<string | null>;
  /** The board's items of this kind that the profanity lists flag. */
  flagged(board: Room): ModeratedItem[];
  /** The root of a document that holds items of this kind, watched for changes. */
  root(doc: Y.Doc): Y.Map<Y.Map<unknown>>;
  /** Items of this kind waiting for approval in a participant's drafts document. */
  pendingIn(drafts: Y.Doc): ModeratedItem[];
  /** Items of this kind in the board's `~hidden` document. */
  hiddenIn(hidden: Y.Doc): ModeratedItem[];
}

interface BoardQueue {
  /** Pending items of each drafts document, by document id. */
  pending: Map<string, ModeratedItem[]>;
  hidden: ModeratedItem[];
  /** The board instance whose notes are watched (a reloaded board is a new one). */
  watched: Room | null;
  scanned: Promise<void> | null;
  timer: NodeJS.Timeout | null;
  /** The queue last sent to every facilitator, so typing elsewhere on the board sends nothing new. */
  lastSent: string;
  /** Actions run one at a time per board, so two clicks never act on one item twice. */
  chain: Promise<unknown>;
}

export function noteItem(id: string, m: NoteMap): ModeratedItem {
  const n = readNote(id, m);
  return {
    kind: 'note',
    id,
    authorId: n.authorId,
    authorName: n.authorName,
    sector: n.authorSector,
    text: n.text,
    createdAt: n.createdAt,
    flags: profanitiesIn(n.text).slice(0, MAX_FLAGS),
  };
}

export class Moderation {
  private readonly boards = new Map<string, BoardQueue>();
  private readonly targets: Record<ModeratedKind, ModerationTarget>;

  constructor(
    private readonly registry: RoomRegistry,
    private readonly log: Logger,
    private readonly throttleMs = MODERATION_THROTTLE_MS,
  ) {
    registry.draftsLoaded.add((drafts) => this.watchDrafts(drafts));
    registry.boardsLoaded.add((board) => this.follow(board));
    this.targets = { note: new NoteModeration(registry, this), comment: new CommentModeration(registry, this) };
  }

  private entry(roomId: string): BoardQueue {
    let e = this.boards.get(roomId);
    if (!e) this.boards.set(roomId, (e = { pending: new Map(), hidden: [], watched: null, scanned: null, timer: null, lastSent: '', chain: Promise.resolve() }));
    return e;
  }

  /** Where a pending note waits: its author, from the drafts document holding it. */
  pendingOwner(roomId: string, id: string): string | null {
    for (const [docId, items] of this.entry(roomId).pending) if (items.some((i) => i.id === id)) return docId.slice(draftsPrefix(roomId).length);
    return null;
  }

  /** What other processes tell this board's copy here: their pending items, and that the hidden notes changed. */
  private follow(board: Room): void {
    board.signalListeners.add((signal) => {
      if (signal.t === 'moderationPending') {
        this.entry(board.roomId).pending.set(signal.docId, signal.items);
        this.schedule(board);
      } else if (signal.t === 'moderationHidden') {
        void this.rereadHidden(board).catch((err: unknown) => this.log.warn({ err, roomId: board.roomId }, 'hidden notes not read again'));
      }
    });
  }

  private async rereadHidden(board: Room): Promise<void> {
    const hidden = await this.registry.acquireHidden(board.roomId);
    if (!hidden) return;
    try {
      await hidden.catchUp();
      this.setHidden(board.roomId, hidden);
      this.schedule(board);
    } finally {
      this.registry.release(hidden);
    }
  }

  private watchDrafts(drafts: Room): void {
    if (drafts.kind.kind !== 'drafts') return;
    const board = drafts.kind.board;
    const e = this.entry(board.roomId);
    const relist = (): void => {
      const items = Object.values(this.targets).flatMap((t) => t.pendingIn(drafts.doc));
      if (items.length > 0 || e.pending.has(drafts.roomId)) {
        e.pending.set(drafts.roomId, items);
        board.signalOthers({ t: 'moderationPending', docId: drafts.roomId, items });
      }
      this.schedule(board);
    };
    for (const t of Object.values(this.targets)) t.root(drafts.doc).observeDeep(relist);
    relist();
  }

  private watchBoard(board: Room, e: BoardQueue): void {
    if (e.watched === board) return;
    e.watched = board;
    for (const t of Object.values(this.targets)) t.root(board.doc).observeDeep(() => this.schedule(board));
  }

  /** Reads the hidden items again (after a load, a hide or a restore). */
  setHidden(roomId: string, hidden: Room): void {
    this.entry(roomId).hidden = Object.values(this.targets).flatMap((t) => t.hiddenIn(hidden.doc));
  }

  message(board: Room): ModerationMessage {
    const e = this.entry(board.roomId);
    const pending = [...e.pending.values()].flat().sort((a, b) => a.createdAt - b.createdAt);
    const flagged = [...pending.filter((i) => i.flags.length > 0), ...Object.values(this.targets).flatMap((t) => t.flagged(board))];
    return { t: 'moderation', pending, flagged, hidden: e.hidden };
  }

  schedule(board: Room): void {
    const e = this.entry(board.roomId);
    if (e.timer) return;
    e.timer = setTimeout(() => {
      e.timer = null;
      if (board !== e.watched) return;
      const msg = this.message(board);
      const json = JSON.stringify(msg);
      if (json === e.lastSent) return;
      e.lastSent = json;
      const frame = encodeControl(msg);
      board.forEachPeer((p) => p.actor.role === 'facilitator' && p.send(frame));
    }, this.throttleMs);
    e.timer.unref();
  }

  /** On a facilitator's hello: read every stored drafts document and the hidden notes once, then answer. */
  async greet(board: Room, peer: Peer): Promise<void> {
    if (peer.actor.role !== 'facilitator' || board.kind.kind !== 'board') return;
    const e = this.entry(board.roomId);
    this.watchBoard(board, e);
    e.scanned ??= this.scan(board.roomId).catch((err: unknown) => {
      e.scanned = null;
      throw err;
    });
    await e.scanned;
    peer.send(encodeControl(this.message(board)));
  }

  private async scan(roomId: string): Promise<void> {
    const prefix = draftsPrefix(roomId);
    for (const docId of await this.registry.draftsDocIds(roomId)) {
      const room = await this.registry.acquireDrafts(roomId, docId.slice(prefix.length));
      if (room) this.registry.release(room);
    }
    const hidden = await this.registry.acquireHidden(roomId);
    if (!hidden) return;
    this.setHidden(roomId, hidden);
    this.registry.release(hidden);
  }

  /**
   * Carries out a facilitator's action; an author whose pending item was
   * approved or rejected is told so. Resolves false when there was nothing
   * to act on (already handled, or no such item).
   */
  act(board: Room, action: ModerationAction, kind: ModeratedKind, id: string): Promise<boolean> {
    const e = this.entry(board.roomId);
    const run = async (): Promise<boolean> => {
      this.watchBoard(board, e);
      await e.scanned;
      const author = await this.targets[kind].act(action, board, id);
      if (author === null) return false;
      this.log.info({ roomId: board.roomId, action, kind, id }, 'moderated');
      if (action === 'approve' || action === 'reject') {
        board.tell({ participantId: author }, encodeControl({ t: 'moderated', kind, id, outcome: action === 'approve' ? 'approved' : 'rejected' }));
      }
      this.schedule(board);
      return true;
    };
    const done = e.chain.then(run, run);
    e.chain = done.catch(() => undefined);
    return done;
  }
}

/** Notes: pending in their author's drafts, hidden in the board's `~hidden` document. */
class NoteModeration implements ModerationTarget {
  constructor(
    private readonly registry: RoomRegistry,
    private readonly queue: Moderation,
  ) {}

  /** Where notes live and how one goes back onto the board (server/rooms/moderationMoves.ts). */
  private readonly kind: ItemKind = {
    root: notesOf,
    authorOf: (id, src) => readNote(id, src as NoteMap).authorId,
    place: (board, id, src, owner) => {
      const target = notesOf(board);
      const n = readNote(id, src as NoteMap);
      let scenarioId: string | null;
      if (owner !== undefined) {
        // Approved: into the frame it was written over.
        if (target.size >= this.registry.limits.maxNotes) return false;
        scenarioId = scenarioAt(board, n.x + NOTE_WIDTH / 2, n.y + NOTE_HEIGHT / 2);
      } else {
        // Restored: its frame may have gone meanwhile.
        scenarioId = n.scenarioId !== null && scenariosOf(board).has(n.scenarioId) ? n.scenarioId : null;
      }
      board.transact(() => target.set(id, copyNote(src as NoteMap, owner !== undefined ? { authorId: owner, scenarioId } : { scenarioId })));
      return true;
    },
    copyHidden: (hidden, id, src) => {
      hidden.transact(() => notesOf(hidden).set(id, copyNote(src as NoteMap)));
      return true;
    },
  };

  act(action: ModerationAction, board: Room, id: string): Promise<string | null> {
    return moveItem(this.kind, this.registry, this.queue, action, board, id);
  }

  root(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
    return notesOf(doc);
  }

  pendingIn(drafts: Y.Doc): ModeratedItem[] {
    const items: ModeratedItem[] = [];
    notesOf(drafts).forEach((m, id) => m.get('pending') === true && items.push(noteItem(id, m)));
    return items;
  }

  hiddenIn(hidden: Y.Doc): ModeratedItem[] {
    const items: ModeratedItem[] = [];
    notesOf(hidden).forEach((m, id) => items.push(noteItem(id, m)));
    return items;
  }

  flagged(board: Room): ModeratedItem[] {
    const out: ModeratedItem[] = [];
    notesOf(board.doc).forEach((m, id) => {
      const text = m.get('text');
      if (text instanceof Y.Text && profanitiesIn(text.toString()).length > 0) out.push(noteItem(id, m));
    });
    return out;
  }
}
