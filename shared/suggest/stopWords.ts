/**
 * Stop words for matching notes: stopwords-iso's Italian and English lists,
 * plus a few words every workshop note uses whatever its theme ("serve",
 * "bisogna", "proposta", "need"...). Without them two notes that both say
 * "servono più X" and "servono più Y" would look alike. Stored accent-free,
 * as matching compares words with their accents stripped.
 */
import { en as isoEn, it as isoIt } from 'stopwords-iso/stopwords-iso.json';

export type Language = 'it' | 'en';

/** Removes accents so "città" and "citta" match; labels keep the original word. */
export const stripAccents = (word: string): string => word.normalize('NFD').replace(/\p{M}+/gu, '');

/** Workshop filler: how people phrase a wish, not what they wish for. */
const WORKSHOP_FILLER: Record<Language, readonly string[]> = {
  it: [
    'serve', 'servono', 'servirebbe', 'servirebbero', 'bisogna', 'bisognerebbe', 'occorre', 'occorrono', 'vorrei', 'vorremmo',
    'proposta', 'proposte', 'propongo', 'idea', 'idee', 'chiediamo', 'chiedo', 'mancano', 'manca', 'maggiore', 'maggiori',
    'migliore', 'migliori', 'migliorare', 'nuovo', 'nuova', 'nuovi', 'nuove', 'creare', 'fare', 'avere', 'molto', 'troppo',
    'troppi', 'troppe', 'poco', 'pochi', 'poche', 'sempre', 'anche', 'ancora', 'esempio', 'cosa', 'cose', 'tutti', 'tutte',
    'dovrebbe', 'dovrebbero', 'potrebbe', 'potrebbero', 'sarebbe', 'possibile', 'possibilita', 'importante', 'paese', 'comune',
  ],
  en: ['need', 'needs', 'needed', 'want', 'would', 'should', 'could', 'more', 'less', 'new', 'better', 'idea', 'ideas', 'proposal', 'make', 'lot', 'lots', 'town', 'please'],
};

/**
 * stopwords-iso's lists are built for web search and hold words a workshop
 * note means ("young", "work", "area", "città", "persone"): these stay.
 */
const CONTENT_WORDS: Record<Language, readonly string[]> = {
  it: ['città', 'persone', 'luogo', 'posto', 'anno', 'giorno', 'ore', 'gente', 'lavoro', 'casa'],
  en: [
    'area', 'areas', 'computer', 'fire', 'free', 'goods', 'group', 'groups', 'help', 'home', 'homes', 'information', 'join', 'line', 'lines',
    'member', 'members', 'open', 'opening', 'page', 'place', 'places', 'problem', 'problems', 'research', 'room', 'rooms', 'site', 'state',
    'system', 'test', 'value', 'website', 'work', 'working', 'works', 'world', 'year', 'years', 'young', 'younger', 'old', 'older', 'oldest',
    'high', 'large', 'small', 'early', 'night', 'safe', 'clean',
  ],
};

const normalize = (w: string): string => stripAccents(w.toLowerCase());

function stopSet(iso: readonly string[], filler: readonly string[], keep: readonly string[]): ReadonlySet<string> {
  const kept = new Set(keep.map(normalize));
  return new Set([...iso, ...filler].map(normalize).filter((w) => !kept.has(w)));
}

export const STOP_WORDS: Record<Language, ReadonlySet<string>> = {
  it: stopSet(isoIt, WORKSHOP_FILLER.it, CONTENT_WORDS.it),
  en: stopSet(isoEn, WORKSHOP_FILLER.en, CONTENT_WORDS.en),
};

/**
 * Words that tell the two languages apart: each language's own stop words
 * that are not stop words of the other ("il", "della", "per" against "the",
 * "of", "for"). Counting them in a note is enough to tell its language.
 */
export const MARKERS: Record<Language, ReadonlySet<string>> = {
  it: new Set([...STOP_WORDS.it].filter((w) => !STOP_WORDS.en.has(w))),
  en: new Set([...STOP_WORDS.en].filter((w) => !STOP_WORDS.it.has(w))),
};
