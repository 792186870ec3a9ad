import { describe, expect, it } from 'vitest';
import { analyze, detectLanguage, words } from '../../../../shared/suggest/analyze';

const keys = (text: string): string[] => analyze(text).tokens.map((t) => t.key);

describe('analyze', () => {
  it('tells Italian from English note by note, with the fallback on a tie', () => {
    expect(analyze('Più corse degli autobus per le frazioni della valle').language).toBe('it');
    expect(analyze('More buses for the villages of the valley').language).toBe('en');
    expect(detectLanguage(words('autobus'), 'en')).toBe('en');
    expect(detectLanguage(words('autobus'), 'it')).toBe('it');
  });

  it('drops Italian and English stop words and workshop filler, keeps the words that carry meaning', () => {
    expect(keys('Servono più piste ciclabili per la città')).toEqual(['pist', 'ciclabil', 'citt']);
    expect(keys('We need more bike lanes for the young people')).toEqual(['bike', 'lane', 'young', 'peopl']);
  });

  it('stems inflections to one key in each language, accents stripped for matching but kept on the surface', () => {
    expect(keys('trasporto')).toEqual(keys('trasporti'));
    expect(keys('the parks')).toEqual(keys('the park'));
    const [token] = analyze('Più attività in città').tokens.filter((t) => t.surface === 'città');
    expect(token).toEqual({ surface: 'città', key: 'citt' });
    expect(keys('citta')).toEqual(['citt']);
  });

  it('splits elisions and punctuation the Unicode way', () => {
    expect(words("L'accesso all'università, dall’ospedale!")).toEqual(['l', 'accesso', 'all', 'università', 'dall', 'ospedale']);
  });
});
