/** GET /api/rooms/:roomId/results: everything a facilitator needs for a report. */
import type * as Y from 'yjs';
import { listActions, type ActionView } from '../../shared/actions';
import { readSession } from '../../shared/schema';
import type { RoundResult } from '../../shared/scoring';
import { listRoundResults, openRoundResult, readVoteSettings, readVotingStatus, type VoteSettings, type VotingStatus } from '../../shared/voting';

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

export function buildReport(roomId: string, doc: Y.Doc): ResultsReport {
  const settings = readVoteSettings(doc);
  const session = readSession(doc);
  return {
    roomId,
    title: session.title,
    phase: session.phase,
    settings,
    status: readVotingStatus(doc),
    rounds: listRoundResults(doc),
    open: openRoundResult(doc),
    actions: listActions(doc),
    generatedAt: Date.now(),
  };
}
