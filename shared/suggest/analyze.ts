/**
 * From a note's text to the words that carry its meaning: Unicode-aware
 * tokens, the note's language (Italian or English, per note, so a mixed
 * board works), stop words out, each word stemmed in its note's language.
 * A token keeps its surface form (lower case, accents kept) for labels and
 * a key (the stem, accents stripped) for matching.
 */
import { stemmer as stemEnglish } from '@orama/stemmers/english';
import { stemmer as stemItalian } from '@orama/stemmers/italian';
import { MARKERS, STOP_WORDS, stripAccents, type Language } from './stopWords';

export type { Language } from './stopWords';

export interface Token {
  /** As written, lower case: what a label shows. */
  surface: string;
  /** The stem without accents: what matching compares. */
  key: string;
}

export interface AnalyzedText {
  language: Language;
  tokens: Token[];
}

const STEMMERS: Record<Language, (word: string) => string> = { it: stemItalian, en: stemEnglish };
/** Stems already worked out: a board repeats its words, and stemming is the slow part of analysis. */
const STEM_CACHE: Record<Language, Map<string, string>> = { it: new Map(), en: new Map() };
const STEM_CACHE_LIMIT = 50_000;

function keyOf(word: string, language: Language): string {
  const cache = STEM_CACHE[language];
  let key = cache.get(word);
  if (key === undefined) {
    key = stripAccents(STEMMERS[language](word));
    if (cache.size >= STEM_CACHE_LIMIT) cache.clear();
    cache.set(word, key);
  }
  return key;
}
/** Letters and digits, with apostrophes and hyphens splitting words ("l'accesso" → "l", "accesso"). */
const WORD = /[\p{L}\p{N}]+/gu;
const MIN_WORD_LENGTH = 2;

export function words(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(WORD) ?? [];
}

/** The language whose own function words ("il", "della" / "the", "of") the note uses more; ties go to the fallback. */
export function detectLanguage(ws: readonly string[], fallback: Language = 'it'): Language {
  let it = 0;
  let en = 0;
  for (const w of ws) {
    const k = stripAccents(w);
    if (MARKERS.it.has(k)) it++;
    else if (MARKERS.en.has(k)) en++;
  }
  return it === en ? fallback : it > en ? 'it' : 'en';
}

const isStopWord = (bare: string): boolean => STOP_WORDS.it.has(bare) || STOP_WORDS.en.has(bare);

export function analyze(text: string, fallback: Language = 'it'): AnalyzedText {
  const ws = words(text);
  const language = detectLanguage(ws, fallback);
  const tokens: Token[] = [];
  for (const surface of ws) {
    const bare = stripAccents(surface);
    // Stop words of either language go: an Italian note quoting "the" or an English one saying "per" alike.
    if (bare.length < MIN_WORD_LENGTH || isStopWord(bare) || /^\p{N}+$/u.test(bare)) continue;
    tokens.push({ surface, key: keyOf(surface, language) });
  }
  return { language, tokens };
}
