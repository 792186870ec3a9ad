import { describe, expect, it } from 'vitest';
import en from 'naughty-words/en.json';
import itWords from 'naughty-words/it.json';
import { isFlagged, profanitiesIn } from '../../../shared/profanity';

describe('the profanity filter', () => {
  it('flags listed English words, whatever their case', () => {
    expect(profanitiesIn('This plan is BULLSHIT')).toEqual(['bullshit']);
    expect(isFlagged('what a Bastard idea')).toBe(true);
  });

  it('flags listed Italian words, ignoring accents and case', () => {
    expect(isFlagged('che stronzata')).toBe(true);
    expect(isFlagged('Un progetto del CÀZZO')).toBe(true);
    expect(profanitiesIn('figlio di puttana!')).toEqual(expect.arrayContaining(['puttana', 'figlio di puttana']));
  });

  it('matches whole words only', () => {
    // "ass" and "cul" hide inside ordinary words in both languages.
    expect(isFlagged('Una classe di assessori e il calcolo del curriculum')).toBe(false);
    expect(isFlagged('We assess the class assignment in Scunthorpe')).toBe(false);
  });

  it('matches phrases only as a whole run of words', () => {
    expect(isFlagged('una nave e una scuola')).toBe(false);
    expect(profanitiesIn('Nave-scuola, che ritardo')).toEqual(['nave scuola']);
  });

  it('finds phrases of every length anywhere in a text, next to each other or overlapping', () => {
    // Three, four and six words; a phrase's first word alone flags nothing.
    expect(profanitiesIn('Proposta: Alabama hot pocket per tutti')).toEqual(['alabama hot pocket']);
    expect(profanitiesIn('blonde on blonde action')).toEqual(['blonde on blonde action', 'blonde action']);
    expect(profanitiesIn('Alabama is hot and so is the pocket')).toEqual([]);
    expect(profanitiesIn('nave scuola nave scuola')).toEqual(['nave scuola']);
    expect(isFlagged('Figlio di puttana')).toBe(true);
  });

  it('finds what a search for every listed entry finds', () => {
    const fold = (t: string): string[] => t.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    const entries = [...new Set([...en, ...itWords].map((e) => fold(e).join(' ')).filter(Boolean))];
    const naive = (t: string): string[] => entries.filter((e) => ` ${fold(t).join(' ')} `.includes(` ${e} `)).sort();
    // Texts made of listed entries, their words and ordinary ones, so phrases stand whole, overlap and break.
    const pool = [...entries, ...entries.flatMap((e) => e.split(' ')), 'progetto', 'fiume', 'Più', 'CÀZZO', 'nave', 'di'];
    let seed = 7;
    const pick = (): string => pool[(seed = (seed * 48271) % 2147483647) % pool.length]!;
    for (let i = 0; i < 2000; i++) {
      const text = Array.from({ length: 1 + (i % 12) }, pick).join(i % 3 ? ' ' : ', ');
      expect(profanitiesIn(text).sort(), text).toEqual(naive(text));
    }
  });

  it('leaves ordinary text alone', () => {
    expect(profanitiesIn('Più piste ciclabili vicino alle scuole')).toEqual([]);
    expect(profanitiesIn('More cycle lanes near schools')).toEqual([]);
    expect(profanitiesIn('')).toEqual([]);
  });
});
