import { describe, expect, it } from 'vitest';
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

  it('leaves ordinary text alone', () => {
    expect(profanitiesIn('Più piste ciclabili vicino alle scuole')).toEqual([]);
    expect(profanitiesIn('More cycle lanes near schools')).toEqual([]);
    expect(profanitiesIn('')).toEqual([]);
  });
});
