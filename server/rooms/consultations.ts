/**
 * Consultation windows on the server (the model: shared/consultation.ts).
 * The facilitator opens, extends and closes them through control messages;
 * the window goes into the board as a server write, through the document
 * schemas, with a durable schedule in the store that closes it at the
 * deadline whether or not anyone is connected, after a restart too. Closing
 * records the window among the past ones and, when it was set to, reveals
 * the voting round it opened through the one reveal path (secretVoting.ts).
 *
 * Every process runs the schedule, and the facilitator may press "Close now"
 * or "Extend" on another process at the deadline: each change to a room's
 * window holds the room's consultation lock (Store.lock) and reads what the
 * other processes stored before deciding, so a window is closed, recorded
 * and revealed by one process only, and a stale close never overwrites a
 * window opened or extended meanwhile.
 */
import { closeWindow, deadlineProblem, extendWindow, openWindow, type OpenWindow } from '../../shared/consultation';
import type { ConsultationWindow, PastWindow } from '../../shared/schema';
import { readVoteSettings, readVotingStatus } from '../../shared/voting';
import type { Logger } from '../log';
import type { Schedule, Store } from '../storage/store';
import type { Room } from './room';
import type { RoomRegistry } from './roomRegistry';
import { Scheduler } from './scheduler';
import { SecretVoting } from './secretVoting';

/** The schedule that closes a room's consultation; its ref is the window id. */
export const CLOSE_SCHEDULE = 'consultation-close';

const lockName = (roomId: string): string => `consultation:${roomId}`;

export type ConsultationOutcome<T> = { ok: true; value: T } | { ok: false; reason: 'not-found' | 'past' | 'too-far' | 'no-window' };

export class Consultations {
  private readonly voting: SecretVoting;

  constructor(
    private readonly registry: RoomRegistry,
    private readonly scheduler: Scheduler,
    private readonly log: Logger,
    private readonly store: Pick<Store, 'lock'>,
  ) {
    this.voting = new SecretVoting(registry);
    scheduler.on(CLOSE_SCHEDULE, (s: Schedule) => this.closeAtDeadline(s));
  }

  /** Holds the board loaded for one server-side change. */
  private async withBoard<T>(roomId: string, run: (board: Room) => Promise<T>): Promise<T | null> {
    const board = await this.registry.acquire(roomId);
    if (!board) return null;
    board.holds++;
    try {
      return await run(board);
    } finally {
      board.holds--;
      this.registry.release(board);
    }
  }

  /**
   * Runs one change to the board's window holding the room's lock, after
   * reading what other processes stored; the change is stored before the
   * lock is let go, so the next holder reads it.
   */
  private async underLock<T>(board: Room, change: () => Promise<T>): Promise<T> {
    const release = await this.store.lock(lockName(board.roomId), 'exclusive');
    try {
      await board.catchUp();
      return await change();
    } finally {
      await release();
    }
  }

  async open(roomId: string, input: OpenWindow): Promise<ConsultationOutcome<ConsultationWindow>> {
    const problem = deadlineProblem(input.deadline, Date.now());
    if (problem) return { ok: false, reason: problem };
    const r = await this.withBoard(roomId, (board) =>
      this.underLock(board, async () => {
        // The schedule is stored before the window exists: a window is never open without its close.
        const window = openWindow(board.doc, input, Date.now());
        await this.scheduler.set({ roomId, name: CLOSE_SCHEDULE, dueAt: window.deadline, ref: window.id });
        // A voting window starts a fresh round when the last one was revealed.
        if (input.opens.voting && readVoteSettings(board.doc).mode === 'secret' && readVotingStatus(board.doc).state === 'revealed') {
          await this.voting.reopen(board);
        }
        await board.flushNow();
        this.log.info({ roomId, windowId: window.id, deadline: window.deadline }, 'consultation opened');
        return window;
      }),
    );
    return r ? { ok: true, value: r } : { ok: false, reason: 'not-found' };
  }

  async extend(roomId: string, windowId: string, deadline: number): Promise<ConsultationOutcome<ConsultationWindow>> {
    const problem = deadlineProblem(deadline, Date.now());
    if (problem) return { ok: false, reason: problem };
    const r = await this.withBoard(roomId, (board) =>
      this.underLock(board, async () => {
        const current = extendWindow(board.doc, windowId, deadline);
        if (!current) return 'no-window' as const;
        await this.scheduler.set({ roomId, name: CLOSE_SCHEDULE, dueAt: deadline, ref: windowId });
        await board.flushNow();
        return current;
      }),
    );
    if (r === null) return { ok: false, reason: 'not-found' };
    return r === 'no-window' ? { ok: false, reason: 'no-window' } : { ok: true, value: r };
  }

  /** The facilitator closes the window early. */
  async close(roomId: string, windowId: string): Promise<ConsultationOutcome<PastWindow>> {
    const r = await this.withBoard(roomId, (board) => this.closeIn(board, windowId, 'facilitator'));
    if (r === null) return { ok: false, reason: 'not-found' };
    return r === 'no-window' ? { ok: false, reason: 'no-window' } : { ok: true, value: r };
  }

  private async closeAtDeadline(s: Schedule): Promise<void> {
    await this.withBoard(s.roomId, (board) => this.closeIn(board, s.ref, 'deadline'));
  }

  private async closeIn(board: Room, windowId: string, closedBy: PastWindow['closedBy']): Promise<PastWindow | 'no-window'> {
    // Every process runs the schedule: the one that holds the lock first closes it; the others read that and find no window.
    const closed = await this.underLock(board, async () => {
      const past = closeWindow(board.doc, windowId, Date.now(), closedBy);
      if (past) await board.flushNow();
      return past;
    });
    if (!closed) {
      // A stale schedule, or another process closed it first.
      this.log.info({ roomId: board.roomId, windowId, closedBy }, 'consultation already closed');
      return 'no-window';
    }
    // Only the process that closed the window reveals its round.
    if (closed.autoReveal && closed.opens.voting) await this.voting.reveal(board);
    await this.scheduler.clear(board.roomId, CLOSE_SCHEDULE, windowId);
    this.log.info({ roomId: board.roomId, windowId, closedBy }, 'consultation closed');
    return closed;
  }
}
