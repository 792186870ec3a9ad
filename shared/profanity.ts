/**
 * The profanity filter for Italian and English, from the LDNOOBW word lists
 * (the `naughty-words` package). It only says which listed words or phrases
 * a text contains, so the facilitator can review the item: it never edits
 * anything. Whole words only ("classe" is not "ass"), ignoring case and
 * accents ("CAZZÒ" matches "cazzo").
 */
import en from 'naughty-words/en.json';
import it from 'naughty-words/it.json';

/** Lower case without accents, so lists and texts compare alike. */
const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const words = (s: string): string[] => fold(s).match(/[\p{L}\p{N}]+/gu) ?? [];

/** One-word entries, for a set lookup per word of the text. */
const SINGLE = new Set<string>();
/** Multi-word entries, as their words joined by one space. */
const PHRASES: string[] = [];
for (const entry of [...en, ...it]) {
  const w = words(entry);
  if (w.length === 1) SINGLE.add(w[0]!);
  else if (w.length > 1) PHRASES.push(w.join(' '));
}

/** The listed words and phrases the text contains, each once, in the folded form they matched. */
export function profanitiesIn(text: string): string[] {
  const w = words(text);
  const found = new Set<string>();
  for (const word of w) if (SINGLE.has(word)) found.add(word);
  if (w.length > 1) {
    // Spaces around both sides make every phrase match whole words only.
    const joined = ` ${w.join(' ')} `;
    for (const p of PHRASES) if (joined.includes(` ${p} `)) found.add(p);
  }
  return [...found];
}

/** Whether a text should be reviewed by the facilitator. */
export const isFlagged = (text: string): boolean => profanitiesIn(text).length > 0;
