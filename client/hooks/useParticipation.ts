/**
 * Who has contributed: notes and dots per sector and per person, in the room
 * versus remote, notes and comments by origin (meeting or consultation), and who is online without having contributed yet. For the
 * facilitator's balance panel; recomputed at most once a frame. Dots count
 * only in open voting: secret ballots stay on the server, and ballots left
 * in the document from an earlier open round are not this round's.
 */
import { useCallback, useMemo, useRef, useSyncExternalStore } from 'react';
import { oncePerFrame } from '../lib/throttle';
import type * as Y from 'yjs';
import { commentsOf, listComments } from '../../shared/comments';
import { isParticipantNote } from '../../shared/notes';
import { listReactions, reactionsOf } from '../../shared/reactions';
import { SECTORS, notesOf, readNote, votesOf, type Sector, type Where } from '../../shared/schema';
import { dotTotal } from '../../shared/scoring';
import { ORIGIN_MEETING } from '../../shared/documentSchemas';
import { countedBallots } from '../../shared/voting';
import type { PeerUser } from './usePeers';

export interface PersonTally {
  id: string;
  name: string;
  sector: Sector;
  where: Where;
  notes: number;
  dots: number;
}

export interface Participation {
  bySector: Record<Sector, { notes: number; dots: number; people: number }>;
  byWhere: Record<Where, number>;
  /** Participants' notes written in a meeting versus in consultation windows (shared/consultation.ts). */
  byOrigin: { meeting: number; consultation: number };
  /** Participants' comments, counted the same way. */
  commentsByOrigin: { meeting: number; consultation: number };
  /** Participants' reactions, counted the same way. */
  reactionsByOrigin: { meeting: number; consultation: number };
  people: PersonTally[];
  silent: PeerUser[];
}

function compute(doc: Y.Doc, peers: PeerUser[], countDots: boolean): Participation {
  const people = new Map<string, PersonTally>();
  const byOrigin = { meeting: 0, consultation: 0 };
  const commentsByOrigin = { meeting: 0, consultation: 0 };
  const reactionsByOrigin = { meeting: 0, consultation: 0 };
  const person = (id: string, name: string, sector: Sector, where: Where): PersonTally => {
    let p = people.get(id);
    if (!p) people.set(id, (p = { id, name, sector, where, notes: 0, dots: 0 }));
    return p;
  };
  notesOf(doc).forEach((m, id) => {
    const n = readNote(id, m);
    // A neutral facilitator is no stakeholder: their notes count in no sector.
    if (!isParticipantNote(n)) return;
    byOrigin[n.origin === ORIGIN_MEETING ? 'meeting' : 'consultation']++;
    person(n.authorId, n.authorName, n.authorSector, n.where).notes++;
  });
  for (const c of listComments(doc)) if (!c.byFacilitator) commentsByOrigin[c.origin === ORIGIN_MEETING ? 'meeting' : 'consultation']++;
  // A neutral facilitator's reactions carry no sector and count as no stakeholder's.
  for (const r of listReactions(doc)) if (r.sector !== null) reactionsByOrigin[r.origin === ORIGIN_MEETING ? 'meeting' : 'consultation']++;
  const peerById = new Map(peers.map((p) => [p.id, p]));
  if (countDots)
    // Counted as the cards and the results count them (shared/scoring.ts `countedDots`).
    countedBallots(doc).forEach((b) => {
      const voterId = b.participantId;
      const dots = dotTotal(b.dots);
      if (dots === 0) return;
      const peer = peerById.get(voterId);
      person(voterId, people.get(voterId)?.name ?? peer?.name ?? '', b.sector, people.get(voterId)?.where ?? peer?.where ?? 'remote').dots += dots;
    });
  const bySector = Object.fromEntries(SECTORS.map((s) => [s, { notes: 0, dots: 0, people: 0 }])) as Participation['bySector'];
  const byWhere: Record<Where, number> = { room: 0, remote: 0 };
  for (const p of people.values()) {
    bySector[p.sector].notes += p.notes;
    bySector[p.sector].dots += p.dots;
    bySector[p.sector].people++;
  }
  for (const p of peers) if (p.role !== 'observer') byWhere[p.where]++;
  const silent = peers.filter((p) => p.role === 'participant' && !people.has(p.id));
  return { bySector, byWhere, byOrigin, commentsByOrigin, reactionsByOrigin, people: [...people.values()].sort((a, b) => b.notes + b.dots - (a.notes + a.dots)), silent };
}

export function useParticipation(doc: Y.Doc, peers: PeerUser[], countDots: boolean): Participation {
  const version = useRef(0);
  const subscribe = useCallback(
    (onChange: () => void) => {
      const schedule = oncePerFrame(() => {
        version.current++;
        onChange();
      });
      const notes = notesOf(doc);
      const votes = votesOf(doc);
      const comments = commentsOf(doc);
      const reactions = reactionsOf(doc);
      notes.observe(schedule);
      votes.observe(schedule);
      comments.observe(schedule);
      reactions.observe(schedule);
      return () => {
        schedule.cancel();
        notes.unobserve(schedule);
        votes.unobserve(schedule);
        comments.unobserve(schedule);
        reactions.unobserve(schedule);
      };
    },
    [doc],
  );
  const v = useSyncExternalStore(subscribe, () => version.current);
  // v: the document changed; peers: someone joined, left or renamed.
  return useMemo(() => {
    void v; // the document is mutable: its version says when to recount
    return compute(doc, peers, countDots);
  }, [doc, peers, countDots, v]);
}
