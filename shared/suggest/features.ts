/**
 * What a note is compared by. Grouping weighs stems by TF-IDF (a stem many
 * notes share says less), plus pairs of neighbouring stems ("trasport
 * pubblic") and the character trigrams of each stem, which catch the
 * cognates of a mixed board ("pubblic"/"public", "turism"/"tourism") and
 * stems the stemmer left apart ("ciclabil"/"cicl"). Duplicates use plain
 * counts of the same features, so a note's duplicates do not depend on the
 * rest of the board and can be found one note at a time.
 */
import type { Token } from './analyze';
import { toVector, type SparseVector, type Vocabulary } from './vectors';

export interface FeatureWeights {
  /** Weight of a pair of neighbouring stems, relative to one stem. */
  bigram: number;
  /** Weight of one character trigram of a stem, relative to one stem. */
  trigram: number;
}

const TRIGRAM = '#';

/** How much one kind of feature counts, relative to one stem. */
export function kindWeight(term: string, w: FeatureWeights): number {
  if (term.startsWith(TRIGRAM)) return w.trigram;
  return term.includes(' ') ? w.bigram : 1;
}

/** The ids of a stem and its trigrams, worked out once per vocabulary: a board repeats its words. */
const wordFeatures = new WeakMap<Vocabulary, Map<string, number[]>>();

function featuresOfWord(key: string, vocab: Vocabulary, withTrigrams: boolean): number[] {
  let cache = wordFeatures.get(vocab);
  if (!cache) wordFeatures.set(vocab, (cache = new Map()));
  const cacheKey = withTrigrams ? key : `${key} `;
  let ids = cache.get(cacheKey);
  if (!ids) {
    ids = [vocab.id(key)];
    if (withTrigrams) {
      const padded = `^${key}$`;
      for (let k = 0; k + 3 <= padded.length; k++) ids.push(vocab.id(TRIGRAM + padded.slice(k, k + 3)));
    }
    cache.set(cacheKey, ids);
  }
  return ids;
}

/** Occurrences of each feature in one note; kinds weighing 0 are left out. */
export function featureCounts(tokens: readonly Token[], vocab: Vocabulary, w: FeatureWeights): Map<number, number> {
  const counts = new Map<number, number>();
  const add = (id: number): void => {
    counts.set(id, (counts.get(id) ?? 0) + 1);
  };
  tokens.forEach((t, i) => {
    for (const id of featuresOfWord(t.key, vocab, w.trigram > 0)) add(id);
    if (w.bigram > 0 && i > 0 && tokens[i - 1]!.key !== t.key) add(vocab.id(`${tokens[i - 1]!.key} ${t.key}`));
  });
  return counts;
}

/** Each term's kind weight, by id. */
function kindWeights(vocab: Vocabulary, w: FeatureWeights): Float64Array {
  return Float64Array.from(vocab.terms, (term) => kindWeight(term, w));
}

/** Sub-linear term frequency times inverse document frequency, times the kind's weight, normalised. */
export function tfidfVectors(counts: ReadonlyArray<Map<number, number>>, vocab: Vocabulary, w: FeatureWeights): SparseVector[] {
  const df = new Int32Array(vocab.size);
  for (const c of counts) for (const id of c.keys()) df[id]!++;
  const n = counts.length;
  const kind = kindWeights(vocab, w);
  return counts.map((c) => {
    const v = new Map<number, number>();
    for (const [id, x] of c) v.set(id, (1 + Math.log(x)) * Math.log((1 + n) / df[id]!) * kind[id]!);
    return toVector(v);
  });
}

/** Plain counts times the kind's weight, normalised: a note's vector on its own, for duplicates. */
export function countVector(counts: ReadonlyMap<number, number>, vocab: Vocabulary, w: FeatureWeights): SparseVector {
  const v = new Map<number, number>();
  for (const [id, x] of counts) v.set(id, x * kindWeight(vocab.terms[id]!, w));
  return toVector(v);
}
