/**
 * How dot-voting runs: secret rounds through the server (the default) or
 * open ballots in the shared document. Settings live in the facilitator's
 * `session` map; round status and revealed results live in the `results`
 * root map, which only the server writes.
 */
import type * as Y from 'yjs';
import { DEFAULT_ANONYMITY_K, countedDots, scoreRound, type BallotRules, type ItemRef, type RoundBallot, type RoundResult } from './scoring';
import { notesOf, readBallot, readNote, readScenario, readSession, scenariosOf, sessionOf, votesOf } from './schema';
import {
  RESULTS_STATUS_KEY,
  ROOT_RESULTS,
  ROUND_KEY_PATTERN,
  RoundResultSchema,
  VoteSettingsFields,
  VoteSettingsSchema,
  VotingStatusSchema,
  readOr,
} from './documentSchemas';

export { MAX_ANONYMITY_K, ROOT_RESULTS } from './documentSchemas';
export const resultsOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>(ROOT_RESULTS);

export type VoteMode = 'secret' | 'open';

export interface VoteSettings {
  mode: VoteMode;
  /** Most dots one person may put on one item. */
  maxPerItem: number;
  /** Anonymity guard: smallest group of a sector whose breakdown is shown. */
  k: number;
  /** Show sector-balanced counts beside the raw ones. */
  balanced: boolean;
}

export const DEFAULT_VOTE_SETTINGS: VoteSettings = { mode: 'secret', maxPerItem: 3, k: DEFAULT_ANONYMITY_K, balanced: true };

export interface VotingStatus {
  round: number;
  state: 'open' | 'revealed';
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Each setting read on its own, so one bad field does not reset the others. */
export function readVoteSettings(doc: Y.Doc): VoteSettings {
  const v = sessionOf(doc).get('voteSettings');
  if (!isObject(v)) return DEFAULT_VOTE_SETTINGS;
  const f = VoteSettingsFields;
  const d = DEFAULT_VOTE_SETTINGS;
  return {
    mode: readOr(f.mode, v.mode, d.mode),
    maxPerItem: readOr(f.maxPerItem, v.maxPerItem, d.maxPerItem),
    k: readOr(f.k, v.k, d.k),
    balanced: readOr(f.balanced, v.balanced, d.balanced),
  };
}

export function isValidVoteSettings(v: unknown): boolean {
  return VoteSettingsSchema.safeParse(v).success;
}

/** Facilitator: change some voting settings. */
export function setVoteSettings(doc: Y.Doc, patch: Partial<VoteSettings>): void {
  sessionOf(doc).set('voteSettings', { ...readVoteSettings(doc), ...patch });
}

export function readVotingStatus(doc: Y.Doc): VotingStatus {
  return readOr(VotingStatusSchema, resultsOf(doc).get(RESULTS_STATUS_KEY), { round: 1, state: 'open' });
}

/**
 * A secret round is being cast now: Priorities, secret mode, round open.
 * While it is, nothing may show where a participant points or clicks
 * (their cursor would show which "+" they press).
 */
export function secretRoundOpen(doc: Y.Doc): boolean {
  return readSession(doc).phase === 'priorities' && readVoteSettings(doc).mode === 'secret' && readVotingStatus(doc).state === 'open';
}

export const roundKey = (round: number): string => `round:${round}`;

/** Revealed rounds, oldest first. */
export function listRoundResults(doc: Y.Doc): RoundResult[] {
  const out: RoundResult[] = [];
  resultsOf(doc).forEach((v, key) => {
    const r = ROUND_KEY_PATTERN.test(key) ? RoundResultSchema.safeParse(v) : null;
    if (r?.success) out.push(r.data);
  });
  return out.sort((a, b) => a.round - b.round);
}

export function latestRoundResult(doc: Y.Doc): RoundResult | null {
  const all = listRoundResults(doc);
  return all[all.length - 1] ?? null;
}

/** Every note and scenario as results name them: a note by its first line. */
export function itemRefs(doc: Y.Doc): ItemRef[] {
  const items: ItemRef[] = [];
  notesOf(doc).forEach((m, id) => items.push({ id, kind: 'note', label: readNote(id, m).text.split('\n')[0]?.trim().slice(0, 120) ?? '' }));
  scenariosOf(doc).forEach((m, id) => items.push({ id, kind: 'scenario', label: readScenario(id, m).name }));
  return items;
}

/** The budget, per-item maximum and live items every count of this board uses (shared/scoring.ts `countedDots`). */
export function ballotRules(doc: Y.Doc): BallotRules {
  const notes = notesOf(doc);
  const scenarios = scenariosOf(doc);
  return { budget: readSession(doc).dotsPerPerson, maxPerItem: readVoteSettings(doc).maxPerItem, exists: (id) => notes.has(id) || scenarios.has(id) };
}

/**
 * Open voting scored as it stands (round 0), or null when voting is secret.
 * Ballots count as `countedDots` counts them, as on the cards and in the
 * participation panel, so every view and the facilitator's report agree.
 */
export function openRoundResult(doc: Y.Doc): RoundResult | null {
  const settings = readVoteSettings(doc);
  if (settings.mode !== 'open') return null;
  return scoreRound(0, countedBallots(doc), itemRefs(doc), settings.k);
}

/** The open ballots in the board, each counted by `countedDots`. */
export function countedBallots(doc: Y.Doc): RoundBallot[] {
  const rules = ballotRules(doc);
  const ballots: RoundBallot[] = [];
  votesOf(doc).forEach((raw, participantId) => {
    const b = readBallot(raw);
    if (b) ballots.push({ participantId, sector: b.sector, where: b.where, origin: b.origin, dots: countedDots(b.dots, rules) });
  });
  return ballots;
}
