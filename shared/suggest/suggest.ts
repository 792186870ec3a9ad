/**
 * Suggested scenarios and duplicate flags, from the notes' text alone, on
 * the server or in the browser alike (no service, no model):
 * 1. analyse each note (analyze.ts): Unicode words, the note's language,
 *    Italian and English stop words and workshop filler out, stems;
 * 2. weigh its features by TF-IDF (features.ts): stems, pairs of
 *    neighbouring stems (0.3) and the stems' character trigrams (0.3, for
 *    cognates across languages); a feature held by more than 5% of the
 *    notes (20 at least) is a stop word of this board;
 * 3. link the pairs that share a feature (vectors.ts) and blend each direct
 *    cosine half and half with the cosine of the two notes' neighbourhoods
 *    (graph.ts, second order: two notes on one theme often share no word but
 *    share neighbours), keeping each note's 10 strongest links;
 * 4. find communities in that graph (louvain.ts, resolution 0.8), drop the
 *    members not alike to the rest of their group (off-topic notes mostly)
 *    and name each group from its own words (label.ts).
 * Notes alike enough to be the same idea reworded are reported as
 * duplicates (duplicates.ts). On the labelled workshops (bench/data) the
 * second-order links raised pairwise F1 from 0.35 to 0.39 (valley relaunch)
 * and from 0.24 to 0.33 (river contract), against 0.23 and 0.20 for one
 * group of everything; the thresholds were tuned on both (README,
 * "Suggested scenarios").
 */
import { analyze, type Language, type Token } from './analyze';
import { findDuplicates } from './duplicates';
import { featureCounts, tfidfVectors, type FeatureWeights } from './features';
import { labelOf } from './label';
import { blendedLinks } from './graph';
import { louvain } from './louvain';
import { similarPairs, Vocabulary, type SparseVector } from './vectors';

export interface SuggestNote {
  id: string;
  text: string;
}

export interface SuggestedGroup {
  label: string;
  noteIds: string[];
}

export interface Suggestions {
  groups: SuggestedGroup[];
  /** Pairs of note ids, each pair in the order the notes were given (the earlier note first). */
  duplicates: Array<[string, string]>;
}

export interface SuggestOptions {
  /** Each note keeps links to at most this many most alike notes. */
  neighbours: number;
  /** Least cosine for a link between two notes. */
  linkThreshold: number;
  /** Share of a link's weight from second-order similarity (graph.ts); 0 links by direct cosine alone. */
  secondOrder: number;
  /** Louvain's resolution: above 1 finds smaller groups. */
  resolution: number;
  /** A member whose average cosine to the rest of its group is lower leaves it (off-topic notes mostly). */
  cohesion: number;
  /** Smaller groups are left out: two notes alike are a pair, not a scenario. */
  minGroupSize: number;
  /** Least cosine (plain counts) for two notes to be flagged as duplicates. */
  duplicateThreshold: number;
  /** Features compared for duplicates (duplicates.ts). */
  features: FeatureWeights;
  /** Features compared for groups: pairs of neighbouring stems help there, while for duplicates they only lowered recall. */
  groupFeatures: FeatureWeights;
  /** Language of a note with no telling words either way. */
  fallbackLanguage: Language;
  /** Features held by more than this share of the notes count as stop words of the board. */
  maxDfShare: number;
}

export const DEFAULT_SUGGEST_OPTIONS: SuggestOptions = {
  neighbours: 10,
  linkThreshold: 0.05,
  secondOrder: 0.5,
  resolution: 0.8,
  cohesion: 0.015,
  minGroupSize: 3,
  duplicateThreshold: 0.7,
  features: { bigram: 0, trigram: 0.3 },
  groupFeatures: { bigram: 0.3, trigram: 0.3 },
  fallbackLanguage: 'it',
  maxDfShare: 0.05,
};
/** Pair look-ups never skip a feature held by this few notes, however small the board. */
const MIN_MAX_DF = 20;

export function analyzeNotes(notes: readonly SuggestNote[], fallback: Language): Token[][] {
  return notes.map((n) => analyze(n.text, fallback).tokens);
}

export function suggestGroups(notes: readonly SuggestNote[], tokens: ReadonlyArray<readonly Token[]>, opts: SuggestOptions): SuggestedGroup[] {
  const vocab = new Vocabulary();
  const counts = tokens.map((t) => featureCounts(t, vocab, opts.groupFeatures));
  const vectors = tfidfVectors(counts, vocab, opts.groupFeatures);
  const maxDf = Math.max(MIN_MAX_DF, Math.floor(opts.maxDfShare * notes.length));
  const direct = similarPairs(vectors, opts.linkThreshold, maxDf);
  const edges = blendedLinks(notes.length, direct, opts.neighbours, opts.secondOrder, opts.linkThreshold);
  const membership = louvain(notes.length, edges, opts.resolution);
  const communities = new Map<number, number[]>();
  membership.forEach((c, i) => communities.set(c, [...(communities.get(c) ?? []), i]));
  const clusters = [...communities.values()].map((c) => cohesive(c, vectors, opts.cohesion)).filter((c) => c.length >= opts.minGroupSize);

  // Board-wide document frequency of stems and stem pairs, for the labels.
  const boardDf = new Map<string, number>();
  for (const c of counts) for (const id of c.keys()) boardDf.set(vocab.terms[id]!, (boardDf.get(vocab.terms[id]!) ?? 0) + 1);
  return clusters
    .map((c) => ({ label: labelOf(c.map((i) => tokens[i]!), boardDf, notes.length), noteIds: c.map((i) => notes[i]!.id), first: c[0]! }))
    .sort((a, b) => b.noteIds.length - a.noteIds.length || a.first - b.first)
    .map(({ label, noteIds }) => ({ label, noteIds }));
}

/**
 * The members alike, on average, to the rest of their group. A member's
 * average cosine to the others is its dot product with the group's summed
 * vector minus itself, so this is linear in the group's size.
 */
function cohesive(members: readonly number[], vectors: readonly SparseVector[], least: number): number[] {
  if (members.length < 2) return [...members];
  const sum = new Map<number, number>();
  for (const i of members) vectors[i]!.ids.forEach((id, k) => sum.set(id, (sum.get(id) ?? 0) + vectors[i]!.weights[k]!));
  return members.filter((i) => {
    const v = vectors[i]!;
    let dot = 0;
    v.ids.forEach((id, k) => (dot += v.weights[k]! * sum.get(id)!));
    // Minus the member's own cosine with itself (1 for a non-empty vector).
    const self = v.ids.length > 0 ? 1 : 0;
    return (dot - self) / (members.length - 1) >= least;
  });
}

/** Groups among `forGroups` (e.g. the notes not yet in a scenario) and duplicates among all `notes`. */
export function suggest(notes: readonly SuggestNote[], options: Partial<SuggestOptions> = {}, forGroups?: ReadonlySet<string>): Suggestions {
  const opts = { ...DEFAULT_SUGGEST_OPTIONS, ...options };
  const tokens = analyzeNotes(notes, opts.fallbackLanguage);
  const pick = forGroups ? notes.map((n, i) => (forGroups.has(n.id) ? i : -1)).filter((i) => i >= 0) : notes.map((_, i) => i);
  const groups = suggestGroups(
    pick.map((i) => notes[i]!),
    pick.map((i) => tokens[i]!),
    opts,
  );
  const duplicates = findDuplicates(tokens, opts).map(([a, b]) => [notes[a]!.id, notes[b]!.id] as [string, string]);
  return { groups, duplicates };
}
