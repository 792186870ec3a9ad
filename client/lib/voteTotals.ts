/**
 * What this device knows about dot-voting, and the one way to cast a dot.
 * Open voting reads the ballots in the document (dots per item from the
 * same `tally` the results use). Secret voting keeps nothing in the
 * document before the reveal: "my dots" and "dots left" come only from the
 * server's `ballot` messages, totals stay unknown until the round's results
 * are revealed, and facilitators get a head count (`voteProgress`). The
 * store listens to the control channel from the moment the room opens, so
 * a ballot sent right after `hello` is never missed by a card that mounts
 * later. Everything is recomputed lazily: nothing is done until a card asks.
 */
import type * as Y from 'yjs';
import type { ServerControl } from '../../shared/control';
import type { Sector, Where } from '../../shared/schema';
import { notesOf, readSession, scenariosOf, sessionOf, votesOf } from '../../shared/schema';
import { castDot, dotsOn, remainingDots, retractDot, tally } from '../../shared/votes';
import { listRoundResults, readVoteSettings, readVotingStatus, resultsOf, secretRoundOpen, type VoteSettings, type VotingStatus } from '../../shared/voting';
import type { ControlChannel } from './controlChannel';

type Ballot = Extract<ServerControl, { t: 'ballot' }>;
type Progress = Extract<ServerControl, { t: 'voteProgress' }>;

export interface VoteRefusal {
  reason: string;
  /** Counts refusals, so the same reason twice still shows twice. */
  n: number;
}

export interface VoteBudget {
  remaining: number;
  budget: number;
}

export interface Voter {
  id: string;
  sector: Sector;
  where?: Where;
}

export class VoteTotals {
  private totals: Map<string, number> | null = null;
  private revealed: Map<string, number> | null = null;
  private ballot: Ballot | null = null;
  private progress: Progress | null = null;
  private refusal: VoteRefusal | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly unobserve: Array<() => void> = [];

  constructor(
    private readonly doc: Y.Doc,
    private readonly control: ControlChannel | null = null,
  ) {
    // Shallow observers: ballots, budget and settings, items appearing or vanishing, round status and results.
    for (const type of [votesOf(doc), sessionOf(doc), notesOf(doc), scenariosOf(doc), resultsOf(doc)] as const) {
      const handler = (): void => this.invalidate();
      type.observe(handler);
      this.unobserve.push(() => type.unobserve(handler));
    }
    if (control) this.unobserve.push(control.subscribe(this.onControl));
  }

  private readonly onControl = (msg: ServerControl): void => {
    if (msg.t === 'ballot') this.ballot = msg;
    else if (msg.t === 'voteProgress') this.progress = msg;
    else if (msg.t === 'voteRefused') this.refusal = { reason: msg.reason, n: (this.refusal?.n ?? 0) + 1 };
    else return;
    this.invalidate();
  };

  private invalidate(): void {
    this.totals = null;
    this.revealed = null;
    this.listeners.forEach((l) => l());
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  settings(): VoteSettings {
    return readVoteSettings(this.doc);
  }

  status(): VotingStatus {
    return readVotingStatus(this.doc);
  }

  get secret(): boolean {
    return this.settings().mode === 'secret';
  }

  /** The server's ballot, if it is for the round now open. */
  private currentBallot(): Ballot | null {
    const b = this.ballot;
    return b && b.round === this.status().round ? b : null;
  }

  /** Dots on an item everyone may see: live in open voting, only once revealed in secret voting. */
  total(itemId: string): number | null {
    if (!this.secret) {
      if (!this.totals) this.totals = new Map(tally(this.doc).map((r) => [r.id, r.dots]));
      return this.totals.get(itemId) ?? 0;
    }
    const status = this.status();
    if (status.state !== 'revealed') return null;
    if (!this.revealed) {
      const result = listRoundResults(this.doc).find((r) => r.round === status.round);
      this.revealed = new Map((result?.items ?? []).map((i) => [i.id, i.dots]));
    }
    return this.revealed.get(itemId) ?? 0;
  }

  mine(participantId: string, itemId: string): number {
    if (!this.secret) return dotsOn(this.doc, participantId, itemId);
    return this.currentBallot()?.dots[itemId] ?? 0;
  }

  budget(participantId: string): VoteBudget {
    const budget = readSession(this.doc).dotsPerPerson;
    if (!this.secret) return { remaining: remainingDots(this.doc, participantId), budget };
    const b = this.currentBallot();
    return { remaining: b ? Math.max(0, Math.min(budget, b.remaining)) : budget, budget };
  }

  /** A secret round is being cast (Priorities, secret, open): participants' pointers stay private. */
  secretRoundOpen(): boolean {
    return secretRoundOpen(this.doc);
  }

  /** Whether dots can be placed now: secret rounds close when revealed. */
  open(): boolean {
    return !this.secret || this.status().state === 'open';
  }

  /** Facilitators: how many people have voted in the current secret round. */
  voters(): number | null {
    const p = this.progress;
    return p && p.round === this.status().round ? p.voters : null;
  }

  lastRefusal(): VoteRefusal | null {
    return this.refusal;
  }

  /** Places (+1) or removes (−1) one dot, secretly through the server or openly in the document. */
  vote(voter: Voter, itemId: string, delta: 1 | -1): void {
    if (this.secret) {
      this.control?.send({ t: 'vote', itemId, delta, sector: voter.sector, where: voter.where });
      return;
    }
    const r = delta === 1 ? castDot(this.doc, voter, itemId) : retractDot(this.doc, voter, itemId);
    if (!r.ok) {
      // Said the same way as a refusal from the server, so both modes explain themselves alike.
      this.refusal = { reason: r.reason, n: (this.refusal?.n ?? 0) + 1 };
      this.invalidate();
    }
  }

  destroy(): void {
    this.unobserve.forEach((u) => u());
    this.listeners.clear();
  }
}
