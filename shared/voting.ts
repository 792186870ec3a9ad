/**
 * How dot-voting runs: secret rounds through the server (the default) or
 * open ballots in the shared document. Settings live in the facilitator's
 * `session` map; round status and revealed results live in the `results`
 * root map, which only the server writes.
 */
import type * as Y from 'yjs';
import { DEFAULT_ANONYMITY_K, clampBallot, scoreRound, type ItemRef, type RoundBallot, type RoundResult } from './scoring';
import { notesOf, readBallot, readNote, readScenario, readSession, scenariosOf, sessionOf, votesOf } from './schema';

export const ROOT_RESULTS = 'results';
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
export const MAX_ANONYMITY_K = 20;

export interface VotingStatus {
  round: number;
  state: 'open' | 'revealed';
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const intIn = (v: unknown, lo: number, hi: number): v is number => Number.isInteger(v) && (v as number) >= lo && (v as number) <= hi;

export function readVoteSettings(doc: Y.Doc): VoteSettings {
  const v = sessionOf(doc).get('voteSettings');
  if (!isObject(v)) return DEFAULT_VOTE_SETTINGS;
  return {
    mode: v.mode === 'open' ? 'open' : 'secret',
    maxPerItem: intIn(v.maxPerItem, 1, 50) ? v.maxPerItem : DEFAULT_VOTE_SETTINGS.maxPerItem,
    k: intIn(v.k, 1, MAX_ANONYMITY_K) ? v.k : DEFAULT_VOTE_SETTINGS.k,
    balanced: typeof v.balanced === 'boolean' ? v.balanced : DEFAULT_VOTE_SETTINGS.balanced,
  };
}

export function isValidVoteSettings(v: unknown): boolean {
  return (
    isObject(v) &&
    (v.mode === 'secret' || v.mode === 'open') &&
    intIn(v.maxPerItem, 1, 50) &&
    intIn(v.k, 1, MAX_ANONYMITY_K) &&
    typeof v.balanced === 'boolean'
  );
}

/** Facilitator: change some voting settings. */
export function setVoteSettings(doc: Y.Doc, patch: Partial<VoteSettings>): void {
  sessionOf(doc).set('voteSettings', { ...readVoteSettings(doc), ...patch });
}

export function readVotingStatus(doc: Y.Doc): VotingStatus {
  const v = resultsOf(doc).get('status');
  if (isObject(v) && intIn(v.round, 1, 1_000_000) && (v.state === 'open' || v.state === 'revealed')) return { round: v.round, state: v.state };
  return { round: 1, state: 'open' };
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
    if (key.startsWith('round:') && isObject(v)) out.push(v as unknown as RoundResult);
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

/**
 * Open voting scored as it stands (round 0), or null when voting is secret.
 * Ballots are clamped to the budget and per-item maximum the server enforces,
 * so the live view and the facilitator's report agree.
 */
export function openRoundResult(doc: Y.Doc): RoundResult | null {
  const settings = readVoteSettings(doc);
  if (settings.mode !== 'open') return null;
  const budget = readSession(doc).dotsPerPerson;
  const ballots: RoundBallot[] = [];
  votesOf(doc).forEach((raw, participantId) => {
    const b = readBallot(raw);
    if (b) ballots.push({ participantId, sector: b.sector, where: b.where, dots: clampBallot(b.dots, budget, settings.maxPerItem) });
  });
  return scoreRound(0, ballots, itemRefs(doc), settings.k);
}
