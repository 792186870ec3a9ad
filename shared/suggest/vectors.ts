/**
 * Sparse term vectors and the pairs of notes worth comparing. A vector is
 * its term ids in ascending order with their weights, L2-normalised, so the
 * cosine of two notes is a merge of two short arrays. Pairs come from an
 * inverted index: only notes sharing a term that is not everywhere are
 * compared, which keeps 2,000 notes far from 2,000² comparisons.
 */

export interface SparseVector {
  ids: Int32Array;
  weights: Float64Array;
}

/** Term strings to dense ids, in first-seen order (deterministic for a given input order). */
export class Vocabulary {
  private readonly ids = new Map<string, number>();
  readonly terms: string[] = [];

  id(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.ids.set(term, id);
      this.terms.push(term);
    }
    return id;
  }

  get size(): number {
    return this.terms.length;
  }
}

/** Term counts (already weighted by feature kind) to a normalised sparse vector. */
export function toVector(weights: ReadonlyMap<number, number>): SparseVector {
  const ids = Int32Array.from([...weights.keys()].sort((a, b) => a - b));
  const w = Float64Array.from(ids, (id) => weights.get(id) ?? 0);
  let norm = 0;
  for (const x of w) norm += x * x;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < w.length; i++) w[i]! /= norm;
  return { ids, weights: w };
}

export function cosine(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let dot = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i]!;
    const y = b.ids[j]!;
    if (x === y) dot += a.weights[i++]! * b.weights[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return dot;
}

export interface Edge {
  a: number;
  b: number;
  sim: number;
}

/**
 * Every pair (a < b) whose cosine is at least `minSim`, counting only the
 * features held by at most `maxDf` notes: a feature most notes hold says
 * nothing about a pair, so it is treated as a stop word of this board. The
 * dot products are summed along the posting lists (never note × note).
 */
export function similarPairs(vectors: readonly SparseVector[], minSim: number, maxDf: number): Edge[] {
  let size = 0;
  for (const v of vectors) if (v.ids.length) size = Math.max(size, v.ids[v.ids.length - 1]! + 1);
  const df = new Int32Array(size);
  for (const v of vectors) for (const id of v.ids) df[id]!++;
  const start = new Int32Array(size + 1);
  for (let id = 0; id < size; id++) start[id + 1] = start[id]! + (df[id]! <= maxDf ? df[id]! : 0);
  const notes = new Int32Array(start[size]!);
  const weights = new Float64Array(start[size]!);
  const fill = start.slice(0, size);
  vectors.forEach((v, n) => {
    v.ids.forEach((id, k) => {
      if (df[id]! > maxDf) return;
      notes[fill[id]!] = n;
      weights[fill[id]!++] = v.weights[k]!;
    });
  });
  const acc = new Float64Array(vectors.length);
  const touched: number[] = [];
  const edges: Edge[] = [];
  vectors.forEach((v, a) => {
    v.ids.forEach((id, k) => {
      if (df[id]! > maxDf) return;
      const wa = v.weights[k]!;
      // Posting lists are in note order: only the notes after `a`.
      for (let p = start[id + 1]! - 1; p >= start[id]! && notes[p]! > a; p--) {
        const b = notes[p]!;
        if (acc[b] === 0) touched.push(b);
        acc[b]! += wa * weights[p]!;
      }
    });
    touched.sort((x, y) => x - y);
    for (const b of touched) {
      if (acc[b]! >= minSim) edges.push({ a, b, sim: acc[b]! });
      acc[b] = 0;
    }
    touched.length = 0;
  });
  return edges;
}
