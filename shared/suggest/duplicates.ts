/**
 * Near-duplicates: two notes saying the same thing in slightly different
 * words. Compared by plain counts of stems, stem pairs and stem trigrams
 * (features.ts `countVector`), so whether two notes are duplicates depends
 * on those two notes only: the facilitator's client checks just the notes
 * that changed against an index of the others (DuplicateIndex), and the
 * server's full pass (findDuplicates) finds the same pairs.
 */
import type { Token } from './analyze';
import { countVector, featureCounts, type FeatureWeights } from './features';
import { cosine, Vocabulary, type SparseVector } from './vectors';

export interface DuplicateOptions {
  duplicateThreshold: number;
  features: FeatureWeights;
}

interface Entry {
  vector: SparseVector;
  /** Stem ids: a duplicate must share at least one stem. */
  stems: number[];
}

/** Notes by key, each with its vector; finds the ones alike to a given note through a stem index. */
export class DuplicateIndex<K> {
  private readonly vocab = new Vocabulary();
  private readonly entries = new Map<K, Entry>();
  private readonly postings = new Map<number, Set<K>>();

  constructor(private readonly opts: DuplicateOptions) {}

  set(key: K, tokens: readonly Token[]): void {
    this.delete(key);
    const counts = featureCounts(tokens, this.vocab, this.opts.features);
    const stems = [...new Set(tokens.map((t) => this.vocab.id(t.key)))];
    this.entries.set(key, { vector: countVector(counts, this.vocab, this.opts.features), stems });
    for (const s of stems) {
      const set = this.postings.get(s) ?? new Set<K>();
      set.add(key);
      this.postings.set(s, set);
    }
  }

  delete(key: K): void {
    const e = this.entries.get(key);
    if (!e) return;
    for (const s of e.stems) this.postings.get(s)?.delete(key);
    this.entries.delete(key);
  }

  /**
   * The other notes alike to `key` above the threshold, most alike first.
   * Only notes sharing at least half the stems of the shorter of the two
   * are compared at all: a reworded note keeps most of its words, and
   * counting shared stems along the index is far cheaper than a cosine.
   */
  alikeTo(key: K): Array<{ key: K; sim: number }> {
    const e = this.entries.get(key);
    if (!e) return [];
    const shared = new Map<K, number>();
    for (const s of e.stems) for (const other of this.postings.get(s) ?? []) if (other !== key) shared.set(other, (shared.get(other) ?? 0) + 1);
    const out: Array<{ key: K; sim: number }> = [];
    for (const [other, n] of shared) {
      const o = this.entries.get(other)!;
      if (2 * n < Math.min(e.stems.length, o.stems.length)) continue;
      const sim = cosine(e.vector, o.vector);
      if (sim >= this.opts.duplicateThreshold) out.push({ key: other, sim });
    }
    return out.sort((a, b) => b.sim - a.sim);
  }
}

/**
 * Every duplicate pair [a, b] with a < b, by index into `tokens`, in order:
 * the same rule as DuplicateIndex.alikeTo, in one pass over flat arrays.
 */
export function findDuplicates(tokens: ReadonlyArray<readonly Token[]>, opts: DuplicateOptions): Array<[number, number]> {
  const vocab = new Vocabulary();
  const vectors = tokens.map((t) => countVector(featureCounts(t, vocab, opts.features), vocab, opts.features));
  const stems = tokens.map((t) => [...new Set(t.map((x) => vocab.id(x.key)))]);
  const postings = new Map<number, number[]>();
  stems.forEach((ids, n) => {
    for (const id of ids) {
      const list = postings.get(id);
      if (list) list.push(n);
      else postings.set(id, [n]);
    }
  });
  const shared = new Int32Array(tokens.length);
  const touched: number[] = [];
  const pairs: Array<[number, number]> = [];
  stems.forEach((ids, a) => {
    for (const id of ids) {
      const list = postings.get(id)!;
      for (let p = list.length - 1; p >= 0 && list[p]! > a; p--) {
        const b = list[p]!;
        if (shared[b] === 0) touched.push(b);
        shared[b]!++;
      }
    }
    touched.sort((x, y) => x - y);
    for (const b of touched) {
      if (2 * shared[b]! >= Math.min(ids.length, stems[b]!.length) && cosine(vectors[a]!, vectors[b]!) >= opts.duplicateThreshold) pairs.push([a, b]);
      shared[b] = 0;
    }
    touched.length = 0;
  });
  return pairs;
}
