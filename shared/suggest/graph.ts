/**
 * The similarity graph the groups are found in. Two short notes on one
 * theme often share no word at all ("scale di risalita per i pesci" and
 * "deflusso minimo vitale") but are both alike to the same other notes. So
 * beside the direct cosine, each pair is scored by how alike their
 * neighbourhoods are (second order, "shared nearest neighbours"): each
 * note's profile is its links to its nearest notes, itself included, and
 * the second-order similarity is the cosine of two profiles. The graph
 * keeps each note's strongest links by the blend of both.
 */
import { similarPairs, toVector, type Edge, type SparseVector } from './vectors';

/** Each note's `k` strongest links (a link stays when either end keeps it), in a stable order. */
export function nearestLinks(count: number, edges: readonly Edge[], k: number): Edge[] {
  const byNote: Edge[][] = Array.from({ length: count }, () => []);
  for (const e of edges) {
    byNote[e.a]!.push(e);
    byNote[e.b]!.push(e);
  }
  const keep = new Set<Edge>();
  for (const list of byNote) for (const e of list.sort((x, y) => y.sim - x.sim || x.a - y.a || x.b - y.b).slice(0, k)) keep.add(e);
  return edges.filter((e) => keep.has(e));
}

/** Each note's links as a sparse vector over note ids, with itself at weight 1, normalised. */
export function linkProfiles(count: number, links: readonly Edge[]): SparseVector[] {
  const rows = Array.from({ length: count }, (_, i) => new Map<number, number>([[i, 1]]));
  for (const e of links) {
    rows[e.a]!.set(e.b, e.sim);
    rows[e.b]!.set(e.a, e.sim);
  }
  return rows.map(toVector);
}

const pairKey = (e: Edge, count: number): number => e.a * count + e.b;

/**
 * Each note's `k` nearest direct links blended with second-order ones:
 * weight (1 − share) × cosine + share × cosine of the two notes' link
 * profiles, each note then keeping its `k` strongest. Pairs with neither
 * kind of similarity stay unlinked.
 */
export function blendedLinks(count: number, direct: readonly Edge[], k: number, share: number, minSim: number): Edge[] {
  const first = nearestLinks(count, direct, k);
  if (share <= 0) return first;
  const second = similarPairs(linkProfiles(count, first), minSim, Number.POSITIVE_INFINITY);
  const blend = new Map<number, Edge>();
  // Only the direct links some note keeps take part: on 2,000 notes the rest are most of
  // the pairs, and blending them too cost 0.3 s of CPU without changing a group on bench/data.
  for (const e of first) blend.set(pairKey(e, count), { a: e.a, b: e.b, sim: (1 - share) * e.sim });
  for (const e of second) {
    const key = pairKey(e, count);
    const prev = blend.get(key);
    blend.set(key, { a: e.a, b: e.b, sim: (prev?.sim ?? 0) + share * e.sim });
  }
  const edges = [...blend.values()].sort((x, y) => x.a - y.a || x.b - y.b);
  return nearestLinks(count, edges, k);
}

