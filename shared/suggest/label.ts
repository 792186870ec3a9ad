/**
 * A group's label: its one or two most telling phrases, as its notes wrote
 * them ("trasporto pubblico · piste ciclabili"). A phrase is a stem or a pair
 * of neighbouring stems; it scores by how many of the group's notes use it
 * times how rare it is on the whole board, so a word every note on the
 * board uses never names one group. A pair that several notes share beats
 * its single words.
 */
import type { Token } from './analyze';

export const LABEL_SEPARATOR = ' · ';
const MAX_PHRASES = 2;
/** A pair of words reads better than one word: prefer it at equal use. */
const PAIR_BONUS = 1.25;

interface Phrase {
  key: string;
  parts: string[];
  notes: number;
  score: number;
}

/** The surface form written most often for a key (ties: alphabetical, for determinism). */
function commonest(forms: Map<string, number>): string {
  let best = '';
  let n = -1;
  for (const [f, c] of forms) if (c > n || (c === n && f < best)) [best, n] = [f, c];
  return best;
}

export function labelOf(group: ReadonlyArray<readonly Token[]>, boardDf: ReadonlyMap<string, number>, boardSize: number): string {
  const uses = new Map<string, { notes: number; parts: string[]; forms: Map<string, number> }>();
  for (const tokens of group) {
    const seen = new Set<string>();
    const note = (key: string, parts: string[], surface: string): void => {
      const u = uses.get(key) ?? { notes: 0, parts, forms: new Map<string, number>() };
      if (!seen.has(key)) {
        u.notes++;
        seen.add(key);
      }
      u.forms.set(surface, (u.forms.get(surface) ?? 0) + 1);
      uses.set(key, u);
    };
    tokens.forEach((t, i) => {
      note(t.key, [t.key], t.surface);
      const prev = tokens[i - 1];
      if (prev && prev.key !== t.key) note(`${prev.key} ${t.key}`, [prev.key, t.key], `${prev.surface} ${t.surface}`);
    });
  }
  const minNotes = group.length > 2 ? 2 : 1;
  const phrases: Phrase[] = [];
  for (const [key, u] of uses) {
    if (u.notes < minNotes) continue;
    const idf = Math.log((1 + boardSize) / (boardDf.get(key) ?? 1));
    phrases.push({ key, parts: u.parts, notes: u.notes, score: u.notes * idf * (u.parts.length > 1 ? PAIR_BONUS : 1) });
  }
  phrases.sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const chosen: Phrase[] = [];
  const used = new Set<string>();
  for (const p of phrases) {
    if (chosen.length >= MAX_PHRASES) break;
    if (p.parts.some((k) => used.has(k))) continue;
    chosen.push(p);
    for (const k of p.parts) used.add(k);
  }
  return chosen.map((p) => commonest(uses.get(p.key)!.forms)).join(LABEL_SEPARATOR);
}
