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
import { rightsOf } from '../../shared/phases';
import { readSession, isSector, type Sector, type Where } from '../../shared/schema';
import { scoreRound, type RoundBallot, type RoundResult } from '../../shared/scoring';
import { itemRefs, readVoteSettings, readVotingStatus, resultsOf, roundKey } from '../../shared/voting';
import { changeDots, itemExists } from '../../shared/votes';
import type { Peer } from './peer';
import type { Room } from './room';
import type { RoomRegistry } from './roomRegistry';

const ballotKey = (round: number, participantId: string): string => `${round}:${participantId}`;
const ballotsMap = (doc: Y.Doc): Y.Map<StoredBallot> => doc.getMap<StoredBallot>('ballots');

interface StoredBallot {
  sector: Sector;
  where?: Where;
  dots: Record<string, number>;
  updatedAt: number;
}

function readStored(v: unknown): StoredBallot | null {
  if (typeof v !== 'object' || v === null) return null;
  const b = v as Partial<StoredBallot>;
  return isSector(b.sector) && typeof b.dots === 'object' && b.dots !== null ? (b as StoredBallot) : null;
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
    const session = readSession(board.doc);
    const settings = readVoteSettings(board.doc);
    const status = readVotingStatus(board.doc);
    if (settings.mode !== 'secret') return refuse('open-voting', 'this board votes openly');
    if (!rightsOf(peer.actor.role, session.phase, session.locked).vote) {
      return refuse(session.locked ? 'locked' : 'phase', 'voting is closed now');
    }
    if (status.state !== 'open') return refuse('revealed', 'this round is closed; wait for a new one');
    const room = await this.ballots(board);
    if (!room) return refuse('not-found', 'no such room');
    try {
      const key = ballotKey(status.round, me);
      const current = readStored(ballotsMap(room.doc).get(key));
      const r = changeDots(current?.dots ?? {}, itemId, delta, {
        budget: session.dotsPerPerson,
        maxPerItem: settings.maxPerItem,
        exists: (id) => itemExists(board.doc, id),
      });
      if (!r.ok) return refuse(r.reason, 'that dot cannot be placed');
      ballotsMap(room.doc).set(key, { sector, ...(where ? { where } : {}), dots: r.dots, updatedAt: Date.now() });
      // Durable before anyone hears of it, as every update.
      await room.flushNow();
      const frame = encodeControl({ t: 'ballot', round: status.round, dots: r.dots, remaining: r.remaining });
      board.forEachPeer((p) => p.actor.participantId === me && p.send(frame));
      this.sendProgress(board, room, status.round);
    } finally {
      this.registry.release(room);
    }
  }

  /** On hello: the sender's own ballot, and for facilitators the number of voters. */
  async greet(board: Room, peer: Peer): Promise<void> {
    const me = peer.actor.participantId;
    if (!me || readVoteSettings(board.doc).mode !== 'secret') return;
    const status = readVotingStatus(board.doc);
    const room = await this.ballots(board);
    if (!room) return;
    try {
      const stored = readStored(ballotsMap(room.doc).get(ballotKey(status.round, me)));
      // Dots on items deleted since no longer count, as on the open board.
      const dots = Object.fromEntries(Object.entries(stored?.dots ?? {}).filter(([id, n]) => n > 0 && itemExists(board.doc, id)));
      const used = Object.values(dots).reduce((a, b) => a + b, 0);
      peer.send(encodeControl({ t: 'ballot', round: status.round, dots, remaining: Math.max(0, readSession(board.doc).dotsPerPerson - used) }));
      if (peer.actor.role === 'facilitator') this.sendProgress(board, room, status.round, peer);
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
    else board.forEachPeer((p) => p.actor.role === 'facilitator' && p.send(frame));
  }

  /** Scores the open round and writes its guarded results into the board. */
  async reveal(board: Room): Promise<RoundResult | null> {
    const status = readVotingStatus(board.doc);
    if (status.state !== 'open') return null;
    const room = await this.ballots(board);
    if (!room) return null;
    try {
      const result = this.score(board, room, status.round);
      board.doc.transact(() => {
        resultsOf(board.doc).set(roundKey(status.round), result);
        resultsOf(board.doc).set('status', { round: status.round, state: 'revealed' });
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
    resultsOf(board.doc).set('status', { round, state: 'open' });
    await board.flushNow();
    const empty = encodeControl({ t: 'ballot', round, dots: {}, remaining: readSession(board.doc).dotsPerPerson });
    const progress = encodeControl({ t: 'voteProgress', round, voters: 0 });
    board.forEachPeer((p) => {
      if (p.actor.participantId) p.send(empty);
      if (p.actor.role === 'facilitator') p.send(progress);
    });
  }

  private score(board: Room, ballots: Room, round: number): RoundResult {
    const items = itemRefs(board.doc);
    const list: RoundBallot[] = [];
    ballotsMap(ballots.doc).forEach((v, key) => {
      const b = readStored(v);
      if (!b || !key.startsWith(`${round}:`)) return;
      list.push({ participantId: key.slice(`${round}:`.length), sector: b.sector, where: b.where, dots: b.dots });
    });
    return scoreRound(round, list, items, readVoteSettings(board.doc).k);
  }
}
