/**
 * The profanity filter for Italian and English, from the LDNOOBW word lists
 * (the `naughty-words` package). It only says which listed words or phrases
 * a text contains, so the facilitator can review the item: it never edits
 * anything. Whole words only ("classe" is not "ass"), ignoring case and
 * accents ("CAZZÒ" matches "cazzo").
 */
import en from 'naughty-words/en.json';
import it from 'naughty-words/it.json';

/** Plain ASCII has no accents to strip: skipping the Unicode normalisation halves the cost of a typical note. */
const NON_ASCII = /[^ -~\t\n\r]/;
/** Lower case without accents, so lists and texts compare alike. */
const fold = (s: string): string => (NON_ASCII.test(s) ? s.normalize('NFD').replace(/\p{M}/gu, '') : s).toLowerCase();
const words = (s: string): string[] => fold(s).match(/[\p{L}\p{N}]+/gu) ?? [];

/** One-word entries, for a set lookup per word of the text. */
const SINGLE = new Set<string>();
/** Multi-word entries, as their words joined by one space, for a set lookup per run of words. */
const PHRASES = new Set<string>();
/** The first words of multi-word entries: only a run starting with one of them is looked up. */
const PHRASE_STARTS = new Set<string>();
/** How many words the multi-word entries have (2, 3, 4, 6): the run lengths to look up. */
const PHRASE_LENGTHS: number[] = [];
for (const entry of [...en, ...it]) {
  const w = words(entry);
  if (w.length === 1) SINGLE.add(w[0]!);
  else if (w.length > 1) {
    PHRASES.add(w.join(' '));
    PHRASE_STARTS.add(w[0]!);
    if (!PHRASE_LENGTHS.includes(w.length)) PHRASE_LENGTHS.push(w.length);
  }
}

/**
 * The listed words and phrases the text contains, each once, in the folded
 * form they matched. A text costs a set lookup per word, and a few more
 * where a word starts a listed phrase, rather than a search per listed
 * phrase: the server checks every note of a board for its facilitators.
 */
export function profanitiesIn(text: string): string[] {
  const w = words(text);
  const found = new Set<string>();
  for (let i = 0; i < w.length; i++) {
    const word = w[i]!;
    if (SINGLE.has(word)) found.add(word);
    if (!PHRASE_STARTS.has(word)) continue;
    for (const len of PHRASE_LENGTHS) {
      if (i + len > w.length) continue;
      const run = w.slice(i, i + len).join(' ');
      if (PHRASES.has(run)) found.add(run);
    }
  }
  return [...found];
}

/** Whether a text should be reviewed by the facilitator. */
export const isFlagged = (text: string): boolean => profanitiesIn(text).length > 0;
