/**
 * Louvain community detection (Blondel et al. 2008) on a weighted graph:
 * each node moves to the neighbouring community that most raises
 * modularity, in index order, until nothing moves; communities then become
 * nodes and it starts again, until a level changes nothing. Deterministic:
 * no random order, ties go to the lower community id. Adjacency is kept in
 * flat typed arrays, so a 2,000-note board takes milliseconds.
 */
import type { Edge } from './vectors';

const MAX_LEVELS = 20;
const MAX_PASSES = 50;
const EPS = 1e-12;

interface Graph {
  n: number;
  /** Neighbours of node i: nbr[start[i] .. start[i+1]), weights alike; self-loops included. */
  start: Int32Array;
  nbr: Int32Array;
  w: Float64Array;
}

function buildGraph(n: number, triples: ReadonlyArray<readonly [number, number, number]>): Graph {
  const deg = new Int32Array(n + 1);
  for (const [a, b] of triples) {
    deg[a + 1]!++;
    if (a !== b) deg[b + 1]!++;
  }
  for (let i = 0; i < n; i++) deg[i + 1]! += deg[i]!;
  const start = deg;
  const fill = start.slice(0, n);
  const nbr = new Int32Array(start[n]!);
  const w = new Float64Array(start[n]!);
  for (const [a, b, x] of triples) {
    nbr[fill[a]!] = b;
    w[fill[a]!++] = a === b ? 2 * x : x;
    if (a !== b) {
      nbr[fill[b]!] = a;
      w[fill[b]!++] = x;
    }
  }
  return { n, start, nbr, w };
}

/** The community of each node (dense ids). `resolution` > 1 makes smaller communities. */
export function louvain(count: number, edges: readonly Edge[], resolution = 1): Int32Array {
  let g = buildGraph(
    count,
    edges.map((e) => [e.a, e.b, e.sim] as const),
  );
  const membership = Int32Array.from({ length: count }, (_, i) => i);
  for (let level = 0; level < MAX_LEVELS; level++) {
    const { n, start, nbr, w } = g;
    const degree = new Float64Array(n);
    let m2 = 0;
    for (let i = 0; i < n; i++) for (let p = start[i]!; p < start[i + 1]!; p++) degree[i]! += w[p]!;
    for (const d of degree) m2 += d;
    if (m2 === 0) break;
    const comm = Int32Array.from({ length: n }, (_, i) => i);
    const tot = Float64Array.from(degree);
    const linkTo = new Float64Array(n);
    const seen: number[] = [];
    let moved = false;
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      let changed = false;
      for (let i = 0; i < n; i++) {
        const ci = comm[i]!;
        for (let p = start[i]!; p < start[i + 1]!; p++) {
          const j = nbr[p]!;
          if (j === i) continue;
          const c = comm[j]!;
          if (linkTo[c] === 0) seen.push(c);
          linkTo[c]! += w[p]!;
        }
        tot[ci]! -= degree[i]!;
        let best = ci;
        let bestGain = linkTo[ci]! - (resolution * tot[ci]! * degree[i]!) / m2;
        for (const c of seen) {
          const gain = linkTo[c]! - (resolution * tot[c]! * degree[i]!) / m2;
          if (gain > bestGain + EPS || (Math.abs(gain - bestGain) <= EPS && c < best)) {
            best = c;
            bestGain = gain;
          }
        }
        for (const c of seen) linkTo[c] = 0;
        seen.length = 0;
        tot[best]! += degree[i]!;
        if (best !== ci) {
          comm[i] = best;
          changed = true;
          moved = true;
        }
      }
      if (!changed) break;
    }
    if (!moved) break;
    // Communities become the nodes of the next level.
    const ids = new Int32Array(n).fill(-1);
    let k = 0;
    for (let i = 0; i < n; i++) if (ids[comm[i]!] === -1) ids[comm[i]!] = k++;
    for (let i = 0; i < count; i++) membership[i] = ids[comm[membership[i]!]!]!;
    const merged = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const a = ids[comm[i]!]!;
      for (let p = start[i]!; p < start[i + 1]!; p++) {
        const b = ids[comm[nbr[p]!]!]!;
        // Each undirected edge is seen from both ends; keep it once (a ≤ b), self-loops from their one entry halved back.
        if (a > b) continue;
        const key = a * k + b;
        merged.set(key, (merged.get(key) ?? 0) + (a === b ? w[p]! / 2 : w[p]!));
      }
    }
    g = buildGraph(
      k,
      [...merged].map(([key, x]) => [Math.floor(key / k), key % k, x] as const),
    );
  }
  return membership;
}
