/** GET /api/rooms/:roomId/results: everything a facilitator needs for a report. */
import type * as Y from 'yjs';
import { listActions, type ActionView } from '../../shared/actions';
import { notesOf, readBallot, readNote, readScenario, readSession, scenariosOf, votesOf } from '../../shared/schema';
import { scoreRound, type ItemRef, type RoundBallot, type RoundResult } from '../../shared/scoring';
import { listRoundResults, readVoteSettings, readVotingStatus, type VoteSettings, type VotingStatus } from '../../shared/voting';

export interface ResultsReport {
  roomId: string;
  title: string;
  phase: string;
  settings: VoteSettings;
  status: VotingStatus;
  /** Revealed secret rounds, oldest first (anonymity guard applied). */
  rounds: RoundResult[];
  /** Open voting: the live ballots scored the same way (round 0). */
  open: RoundResult | null;
  actions: ActionView[];
  generatedAt: number;
}

export function itemRefs(doc: Y.Doc): ItemRef[] {
  const items: ItemRef[] = [];
  notesOf(doc).forEach((m, id) => items.push({ id, kind: 'note', label: readNote(id, m).text.split('\n')[0]?.trim().slice(0, 120) ?? '' }));
  scenariosOf(doc).forEach((m, id) => items.push({ id, kind: 'scenario', label: readScenario(id, m).name }));
  return items;
}

export function buildReport(roomId: string, doc: Y.Doc): ResultsReport {
  const settings = readVoteSettings(doc);
  const session = readSession(doc);
  let open: RoundResult | null = null;
  if (settings.mode === 'open') {
    const ballots: RoundBallot[] = [];
    votesOf(doc).forEach((raw, participantId) => {
      const b = readBallot(raw);
      if (b) ballots.push({ participantId, sector: b.sector, where: b.where, dots: b.dots });
    });
    open = scoreRound(0, ballots, itemRefs(doc), settings.k);
  }
  return {
    roomId,
    title: session.title,
    phase: session.phase,
    settings,
    status: readVotingStatus(doc),
    rounds: listRoundResults(doc),
    open,
    actions: listActions(doc),
    generatedAt: Date.now(),
  };
}
