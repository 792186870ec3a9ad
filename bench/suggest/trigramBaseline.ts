/**
 * The anchor Decidim uses to flag similar proposals: PostgreSQL pg_trgm
 * similarity (shared trigrams of the lower-cased words, each padded with two
 * spaces in front and one behind, over the trigrams of both), with pg_trgm's
 * default threshold 0.3. No stemming, no stop words, no weights.
 */
export const PG_TRGM_THRESHOLD = 0.3;

export function trigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  }
  return out;
}

export function trigramSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

/** Every pair [a, b] (a before b) at or above the threshold: Decidim's "similar proposals". */
export function trigramDuplicates(notes: ReadonlyArray<{ id: string; text: string }>, threshold = PG_TRGM_THRESHOLD): Array<[string, string]> {
  const sets = notes.map((n) => trigrams(n.text));
  const out: Array<[string, string]> = [];
  for (let i = 0; i < notes.length; i++) for (let j = i + 1; j < notes.length; j++) if (trigramSimilarity(sets[i]!, sets[j]!) >= threshold) out.push([notes[i]!.id, notes[j]!.id]);
  return out;
}

/** Groups as connected components of the pairs at or above the threshold (what a similarity flag alone gives). */
export function trigramGroups(notes: ReadonlyArray<{ id: string; text: string }>, threshold: number, minSize = 3): string[][] {
  const parent = new Map(notes.map((n) => [n.id, n.id]));
  const find = (x: string): string => {
    while (parent.get(x) !== x) x = parent.get(x)!;
    return x;
  };
  for (const [a, b] of trigramDuplicates(notes, threshold)) parent.set(find(a), find(b));
  const groups = new Map<string, string[]>();
  for (const n of notes) groups.set(find(n.id), [...(groups.get(find(n.id)) ?? []), n.id]);
  return [...groups.values()].filter((g) => g.length >= minSize);
}
