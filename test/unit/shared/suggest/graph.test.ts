import { describe, expect, it } from 'vitest';
import { blendedLinks, linkProfiles, nearestLinks } from '../../../../shared/suggest/graph';
import type { Edge } from '../../../../shared/suggest/vectors';

const edge = (a: number, b: number, sim: number): Edge => ({ a, b, sim });

describe('similarity graph', () => {
  it("keeps each note's k strongest links, a link staying when either end keeps it", () => {
    const edges = [edge(0, 1, 0.9), edge(0, 2, 0.5), edge(0, 3, 0.1), edge(2, 3, 0.05)];
    // Note 0 keeps 0-1; 1 keeps 0-1; 2 keeps 0-2; 3 keeps 0-3 (its strongest).
    expect(nearestLinks(4, edges, 1)).toEqual([edge(0, 1, 0.9), edge(0, 2, 0.5), edge(0, 3, 0.1)]);
  });

  it("gives each note a profile of its links, itself included, normalised", () => {
    const [p0] = linkProfiles(2, [edge(0, 1, 1)]);
    expect([...p0!.ids]).toEqual([0, 1]);
    expect(p0!.weights[0]).toBeCloseTo(Math.SQRT1_2);
  });

  it('links two notes with no direct similarity through the neighbours they share, and only by direct links at share 0', () => {
    // Notes 0 and 1 share no word, but both are alike to 2 and 3; note 4 is alike to 3 only, weakly.
    const direct = [edge(0, 2, 0.6), edge(0, 3, 0.6), edge(1, 2, 0.6), edge(1, 3, 0.6), edge(3, 4, 0.1)];
    const pair = (links: Edge[], a: number, b: number) => links.find((e) => e.a === a && e.b === b);
    expect(pair(blendedLinks(5, direct, 4, 0, 0.05), 0, 1)).toBeUndefined();
    const blended = blendedLinks(5, direct, 4, 0.5, 0.05);
    expect(pair(blended, 0, 1)!.sim).toBeGreaterThan(pair(blended, 3, 4)!.sim);
    // A direct link keeps part of its weight and gains its second-order share.
    expect(pair(blended, 0, 2)!.sim).toBeGreaterThan(0.5 * 0.6);
  });
});
