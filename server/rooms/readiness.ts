/**
 * Answers to a board's ready check ("are you ready to move on?"), which only
 * facilitators are told. The check itself lives in the board (session
 * `readyCheck`); the answers do not, since a participant's "ready" is not
 * a contribution. Alone, a process keeps them in memory. With Redis they
 * are also written to a hash per check, so a process that loads the board
 * later (a facilitator reconnecting through the load balancer, a restarted
 * process) starts from every answer given so far instead of from none;
 * answers given meanwhile reach the loaded copies as relay signals.
 */
import type { Sector } from '../../shared/schema';
import type { Logger } from '../log';

export interface ReadyEntry {
  name: string;
  sector: Sector;
}

/** Where answers outlive one process (see redisReadiness.ts). */
export interface ReadinessStore {
  record(roomId: string, checkId: string, participantId: string, entry: ReadyEntry | null): Promise<void>;
  load(roomId: string, checkId: string): Promise<Map<string, ReadyEntry>>;
}

export class Readiness {
  private checkId: string | null = null;
  private readonly ready = new Map<string, ReadyEntry>();
  /** The check whose stored answers were read (or are being read). */
  private loadedFor: string | null = null;
  /** Answers given here or relayed since the load started, which the stored ones must not overwrite. */
  private readonly fresh = new Set<string>();

  constructor(
    private readonly roomId: string,
    private readonly store: ReadinessStore | null,
    private readonly log: Logger,
    /** Sends the current answers to every facilitator connected here. */
    private readonly tellFacilitators: () => void,
  ) {}

  private reset(checkId: string): void {
    if (this.checkId === checkId) return;
    this.checkId = checkId;
    this.ready.clear();
    this.fresh.clear();
  }

  /** An answer given on this process (`record`: written to the store too) or relayed from another. */
  answer(checkId: string, participantId: string, ready: boolean, entry: ReadyEntry, record: boolean): void {
    this.reset(checkId);
    this.fresh.add(participantId);
    if (ready) this.ready.set(participantId, entry);
    else this.ready.delete(participantId);
    this.tellFacilitators();
    if (record && this.store) {
      this.store.record(this.roomId, checkId, participantId, ready ? entry : null).catch((err: unknown) => {
        // Answers still reach loaded copies through the relay; only a later loader misses this one.
        this.log.warn({ err, roomId: this.roomId, checkId }, 'ready answer not stored');
      });
    }
  }

  /**
   * The answers to `checkId` as the facilitators' message lists them. The
   * first call for a check also reads the stored answers, and tells the
   * facilitators again once they are in.
   */
  answersTo(checkId: string): { participantId: string; name: string; sector: Sector }[] {
    this.reset(checkId);
    if (this.store && this.loadedFor !== checkId) {
      this.loadedFor = checkId;
      this.store.load(this.roomId, checkId).then(
        (stored) => {
          if (this.checkId !== checkId || stored.size === 0) return;
          for (const [pid, entry] of stored) if (!this.fresh.has(pid)) this.ready.set(pid, entry);
          this.tellFacilitators();
        },
        (err: unknown) => {
          this.loadedFor = null;
          this.log.warn({ err, roomId: this.roomId, checkId }, 'stored ready answers not read');
        },
      );
    }
    return [...this.ready].map(([participantId, e]) => ({ participantId, ...e }));
  }
}
