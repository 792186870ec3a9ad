/**
 * Secret dot-voting. Ballots live in the board's private ballots document
 * (`${roomId}~ballots`), which the server alone writes and no client can
 * open, so who-voted-what never enters the shared board. Each change is
 * persisted like any other update before anyone is told of it. On reveal
 * the round is scored with the anonymity guard and the results, never the
 * ballots, are written into the board for everyone at once.
 */
import type * as Y from 'yjs';
import { encodeControl } from '../../shared/control';
import { BallotSchema, RESULTS_STATUS_KEY, RoundResultSchema, VotingStatusSchema, checked } from '../../shared/documentSchemas';
import { originAt, participationAt, rightsNow } from '../../shared/consultation';
import { readBallot, readSession, type Ballot, type Sector, type Where } from '../../shared/schema';
import { countedDots, dotTotal, scoreRound, type RoundBallot, type RoundResult } from '../../shared/scoring';
import { ballotRules, itemRefs, readVoteSettings, readVotingStatus, resultsOf, roundKey, type VotingStatus } from '../../shared/voting';
import { changeDots } from '../../shared/votes';
import type { Peer } from './peer';
import type { Room } from './room';
import type { RoomRegistry } from './roomRegistry';

const ballotKey = (round: number, participantId: string): string => `${round}:${participantId}`;
/** The round of a ballot key when it is the participant's, else null. */
function roundOfKey(key: string, participantId: string): number | null {
  const colon = key.indexOf(':');
  const round = Number(key.slice(0, colon));
  return colon > 0 && key.slice(colon + 1) === participantId && Number.isInteger(round) ? round : null;
}
const ballotsMap = (doc: Y.Doc): Y.Map<Ballot> => doc.getMap<Ballot>('ballots');
/** Stored ballots have the shape of open ones (BallotSchema) and are read the same way. */
const readStored = readBallot;

/** Why a vote cannot be taken now, read fresh from the board: after every await, the round may have moved on. */
function closedBecause(board: Room, peer: Peer): { reason: string; detail: string } | null {
  const session = readSession(board.doc);
  if (readVoteSettings(board.doc).mode !== 'secret') return { reason: 'open-voting', detail: 'this board votes openly' };
  const now = Date.now();
  if (!rightsNow(peer.actor.role, session, now).vote) {
    const between = participationAt(session, now).kind !== 'live';
    return { reason: session.locked ? 'locked' : between ? 'closed' : 'phase', detail: 'voting is closed now' };
  }
  if (readVotingStatus(board.doc).state !== 'open') return { reason: 'revealed', detail: 'this round is closed; wait for a new one' };
  return null;
}

export class SecretVoting {
  constructor(private readonly registry: RoomRegistry) {}

  private async ballots(board: Room): Promise<Room | null> {
    return this.registry.acquireBallots(board.roomId);
  }

  /** Places or removes one dot for the sender; answers every device of theirs. */
  async vote(board: Room, peer: Peer, itemId: string, delta: 1 | -1, sector: Sector, where?: Where): Promise<void> {
    const refuse = (reason: string, detail: string): void => peer.send(encodeControl({ t: 'voteRefused', reason, detail }));
    const me = peer.actor.participantId;
    if (!me || peer.actor.role === 'observer') return refuse('read-only', 'observers do not vote');
    const early = closedBecause(board, peer);
    if (early) return refuse(early.reason, early.detail);
    // Under the room's voting lock, after reading any reveal another process stored.
    return this.registry.votingLocks.vote(
      board.roomId,
      () => board.catchUp(),
      () => this.castUnderLock(board, peer, me, itemId, delta, sector, where, refuse),
    );
  }

  private async castUnderLock(
    board: Room,
    peer: Peer,
    me: string,
    itemId: string,
    delta: 1 | -1,
    sector: Sector,
    where: Where | undefined,
    refuse: (reason: string, detail: string) => void,
  ): Promise<void> {
    const room = await this.ballots(board);
    if (!room) return refuse('not-found', 'no such room');
    try {
      // Checked again after the await: a reveal may have scored the round meanwhile.
      const closed = closedBecause(board, peer);
      if (closed) return refuse(closed.reason, closed.detail);
      const status = readVotingStatus(board.doc);
      const key = ballotKey(status.round, me);
      const current = readStored(ballotsMap(room.doc).get(key));
      const rules = ballotRules(board.doc);
      const r = changeDots(current?.dots ?? {}, itemId, delta, rules);
      if (!r.ok) return refuse(r.reason, 'that dot cannot be placed');
      // Where the ballot was cast: the meeting or the window open now (its last change decides).
      const origin = originAt(readSession(board.doc), Date.now());
      const ballot = checked(BallotSchema, { sector, ...(where ? { where } : {}), origin, dots: r.dots, updatedAt: Date.now() }, 'secret ballot');
      ballotsMap(room.doc).set(key, ballot);
      // Durable before anyone hears of it, as every update.
      await room.flushNow();
      const frame = encodeControl({ t: 'ballot', round: status.round, dots: r.dots, remaining: r.remaining });
      board.tell({ participantId: me }, frame);
      this.sendProgress(board, room, status.round);
    } finally {
      this.registry.release(room);
    }
  }

  /** On hello: the sender's own ballot, and for facilitators the number of voters. */
  async greet(board: Room, peer: Peer): Promise<void> {
    const me = peer.actor.participantId;
    if (!me || readVoteSettings(board.doc).mode !== 'secret') return;
    const room = await this.ballots(board);
    if (!room) return;
    try {
      const round = readVotingStatus(board.doc).round; // fresh after the await
      const stored = readStored(ballotsMap(room.doc).get(ballotKey(round, me)));
      // Counted as every view counts: dots on items deleted since no longer count, as on the open board.
      const rules = ballotRules(board.doc);
      const dots = countedDots(stored?.dots ?? {}, rules);
      peer.send(encodeControl({ t: 'ballot', round, dots, remaining: Math.max(0, rules.budget - dotTotal(dots)) }));
      if (peer.actor.role === 'facilitator') this.sendProgress(board, room, round, peer);
    } finally {
      this.registry.release(room);
    }
  }

  /** Every ballot the participant has stored, by round (for their download). */
  async ballotsOf(board: Room, participantId: string): Promise<Array<{ round: number; ballot: Ballot }>> {
    const room = await this.ballots(board);
    if (!room) return [];
    try {
      await room.catchUp();
      const out: Array<{ round: number; ballot: Ballot }> = [];
      ballotsMap(room.doc).forEach((v, key) => {
        const b = readStored(v);
        const round = roundOfKey(key, participantId);
        if (b && round !== null) out.push({ round, ballot: b });
      });
      return out.sort((a, b) => a.round - b.round);
    } finally {
      this.registry.release(room);
    }
  }

  /**
   * Removes every ballot of the participant, of every round: in the open
   * round their dots no longer count; revealed rounds keep their results,
   * which never held a ballot. The stored log is compacted so none of it is
   * left. Their devices hear that their ballot is empty, facilitators the
   * new count of voters. Returns how many ballots went.
   */
  async forget(board: Room, participantId: string): Promise<number> {
    const room = await this.ballots(board);
    if (!room) return 0;
    try {
      await room.catchUp();
      const map = ballotsMap(room.doc);
      const keys = [...map.keys()].filter((key) => roundOfKey(key, participantId) !== null);
      if (keys.length > 0) {
        room.doc.transact(() => keys.forEach((key) => map.delete(key)));
        await room.flushNow();
      }
      await room.compact();
      if (keys.length > 0 && readVoteSettings(board.doc).mode === 'secret') {
        const round = readVotingStatus(board.doc).round;
        board.tell({ participantId }, encodeControl({ t: 'ballot', round, dots: {}, remaining: readSession(board.doc).dotsPerPerson }));
        this.sendProgress(board, room, round);
      }
      return keys.length;
    } finally {
      this.registry.release(room);
    }
  }

  private sendProgress(board: Room, ballots: Room, round: number, only?: Peer): void {
    let voters = 0;
    ballotsMap(ballots.doc).forEach((v, key) => {
      const b = readStored(v);
      if (key.startsWith(`${round}:`) && b && Object.values(b.dots).some((n) => n > 0)) voters++;
    });
    const frame = encodeControl({ t: 'voteProgress', round, voters });
    if (only) only.send(frame);
    else board.tell({ role: 'facilitator' }, frame);
  }

  /** Scores the open round and writes its guarded results into the board. */
  async reveal(board: Room): Promise<RoundResult | null> {
    if (readVotingStatus(board.doc).state !== 'open') return null;
    // No vote is taken anywhere while the round is scored and closed.
    return this.registry.votingLocks.reveal(board.roomId, async () => {
      // Another process may have revealed first: read its results before scoring again.
      await board.catchUp();
      return this.revealUnderLock(board);
    });
  }

  private async revealUnderLock(board: Room): Promise<RoundResult | null> {
    const room = await this.ballots(board);
    if (!room) return null;
    try {
      // Ballots cast on other processes count too: read what is stored and not yet relayed here.
      await room.catchUp();
      // Read after the await, and scored and closed in one synchronous step, so no vote can land in between.
      const status = readVotingStatus(board.doc);
      if (status.state !== 'open') return null;
      const result = checked(RoundResultSchema, this.score(board, room, status.round), 'round result');
      const revealed: VotingStatus = checked(VotingStatusSchema, { round: status.round, state: 'revealed' }, 'voting status');
      board.doc.transact(() => {
        resultsOf(board.doc).set(roundKey(status.round), result);
        resultsOf(board.doc).set(RESULTS_STATUS_KEY, revealed);
      });
      await board.flushNow();
      return result;
    } finally {
      this.registry.release(room);
    }
  }

  /** A new round: earlier results stay; ballots start empty, and every device is told so. */
  async reopen(board: Room): Promise<void> {
    const status = readVotingStatus(board.doc);
    if (status.state !== 'revealed') return;
    const round = status.round + 1;
    resultsOf(board.doc).set(RESULTS_STATUS_KEY, checked(VotingStatusSchema, { round, state: 'open' }, 'voting status'));
    await board.flushNow();
    const empty = encodeControl({ t: 'ballot', round, dots: {}, remaining: readSession(board.doc).dotsPerPerson });
    const progress = encodeControl({ t: 'voteProgress', round, voters: 0 });
    board.tell({ role: 'participant' }, empty);
    board.tell({ role: 'facilitator' }, empty);
    board.tell({ role: 'facilitator' }, progress);
  }

  private score(board: Room, ballots: Room, round: number): RoundResult {
    const items = itemRefs(board.doc);
    const rules = ballotRules(board.doc);
    const list: RoundBallot[] = [];
    ballotsMap(ballots.doc).forEach((v, key) => {
      const b = readStored(v);
      if (!b || !key.startsWith(`${round}:`)) return;
      // Counted as every other view counts (budget and per-item maximum as they stand at the reveal).
      list.push({ participantId: key.slice(`${round}:`.length), sector: b.sector, where: b.where, origin: b.origin, dots: countedDots(b.dots, rules) });
    });
    return scoreRound(round, list, items, readVoteSettings(board.doc).k);
  }
}
