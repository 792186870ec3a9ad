/**
 * Consultation windows on the server (the model: shared/consultation.ts).
 * The facilitator opens, extends and closes them through control messages;
 * the window goes into the board as a server write, through the document
 * schemas, with a durable schedule in the store that closes it at the
 * deadline whether or not anyone is connected, after a restart too. Closing
 * records the window among the past ones and, when it was set to, reveals
 * the voting round it opened through the one reveal path (secretVoting.ts).
 */
import { closeWindow, deadlineProblem, extendWindow, openWindow, type OpenWindow } from '../../shared/consultation';
import type { ConsultationWindow, PastWindow } from '../../shared/schema';
import { readVoteSettings, readVotingStatus } from '../../shared/voting';
import type { Logger } from '../log';
import type { Schedule } from '../storage/store';
import type { Room } from './room';
import type { RoomRegistry } from './roomRegistry';
import { Scheduler } from './scheduler';
import { SecretVoting } from './secretVoting';

/** The schedule that closes a room's consultation; its ref is the window id. */
export const CLOSE_SCHEDULE = 'consultation-close';

export type ConsultationOutcome<T> = { ok: true; value: T } | { ok: false; reason: 'not-found' | 'past' | 'too-far' | 'no-window' };

export class Consultations {
  private readonly voting: SecretVoting;

  constructor(
    private readonly registry: RoomRegistry,
    private readonly scheduler: Scheduler,
    private readonly log: Logger,
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

  async open(roomId: string, input: OpenWindow): Promise<ConsultationOutcome<ConsultationWindow>> {
    const problem = deadlineProblem(input.deadline, Date.now());
    if (problem) return { ok: false, reason: problem };
    const r = await this.withBoard(roomId, async (board) => {
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
    });
    return r ? { ok: true, value: r } : { ok: false, reason: 'not-found' };
  }

  async extend(roomId: string, windowId: string, deadline: number): Promise<ConsultationOutcome<ConsultationWindow>> {
    const problem = deadlineProblem(deadline, Date.now());
    if (problem) return { ok: false, reason: problem };
    const r = await this.withBoard(roomId, async (board) => {
      const current = extendWindow(board.doc, windowId, deadline);
      if (!current) return 'no-window' as const;
      await this.scheduler.set({ roomId, name: CLOSE_SCHEDULE, dueAt: deadline, ref: windowId });
      await board.flushNow();
      return current;
    });
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
    // Every process runs the schedule: one that already closed the window has stored it, so read what is stored first.
    await board.catchUp();
    const closed = closeWindow(board.doc, windowId, Date.now(), closedBy);
    if (!closed) return 'no-window';
    await board.flushNow();
    if (closed.autoReveal && closed.opens.voting) await this.voting.reveal(board);
    await this.scheduler.clear(board.roomId, CLOSE_SCHEDULE, windowId);
    this.log.info({ roomId: board.roomId, windowId, closedBy }, 'consultation closed');
    return closed;
  }
}
