import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  DEFAULT_DOTS_PER_PERSON,
  MAX_DOTS_PER_PERSON,
  MAX_TITLE_LENGTH,
  sessionOf,
} from '../../../shared/schema';
import { getSession, initSession, setDotsPerPerson, setTitle } from '../../../shared/session';

describe('session settings', () => {
  it('a fresh board has no title and the default dot budget', () => {
    expect(getSession(new Y.Doc())).toMatchObject({ title: '', dotsPerPerson: DEFAULT_DOTS_PER_PERSON, createdAt: 0, phase: 'listening', locked: false, privateWriting: true, spotlight: null, readyCheck: null });
  });

  it('starts a session with its title, budget and creation time', () => {
    const doc = new Y.Doc();
    initSession(doc, { title: 'Mobility 2040', dotsPerPerson: 7, now: 1700 });
    expect(getSession(doc)).toMatchObject({ title: 'Mobility 2040', dotsPerPerson: 7, createdAt: 1700 });
  });

  it('starts with the default budget when none is given', () => {
    const doc = new Y.Doc();
    initSession(doc, { title: 'W' });
    expect(getSession(doc).dotsPerPerson).toBe(DEFAULT_DOTS_PER_PERSON);
  });

  it('cuts a long title to the limit', () => {
    const doc = new Y.Doc();
    initSession(doc, { title: 't'.repeat(MAX_TITLE_LENGTH + 5) });
    expect(getSession(doc).title).toHaveLength(MAX_TITLE_LENGTH);
    setTitle(doc, 'u'.repeat(MAX_TITLE_LENGTH + 5));
    expect(getSession(doc).title).toHaveLength(MAX_TITLE_LENGTH);
  });

  it('renaming trims surrounding spaces', () => {
    const doc = new Y.Doc();
    setTitle(doc, '   Water futures  ');
    expect(getSession(doc).title).toBe('Water futures');
  });

  it('accepts any whole budget from zero to the maximum', () => {
    const doc = new Y.Doc();
    expect(setDotsPerPerson(doc, 0)).toBe(true);
    expect(getSession(doc).dotsPerPerson).toBe(0);
    expect(setDotsPerPerson(doc, MAX_DOTS_PER_PERSON)).toBe(true);
    expect(getSession(doc).dotsPerPerson).toBe(MAX_DOTS_PER_PERSON);
  });

  it.each([-1, MAX_DOTS_PER_PERSON + 1, 2.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses a budget of %s and keeps the old one',
    (dots) => {
      const doc = new Y.Doc();
      setDotsPerPerson(doc, 3);
      expect(setDotsPerPerson(doc, dots)).toBe(false);
      expect(getSession(doc).dotsPerPerson).toBe(3);
    },
  );

  it('reads a budget written out of range by another client as the default', () => {
    const doc = new Y.Doc();
    sessionOf(doc).set('dotsPerPerson', 1000);
    expect(getSession(doc).dotsPerPerson).toBe(DEFAULT_DOTS_PER_PERSON);
    sessionOf(doc).set('dotsPerPerson', '3');
    expect(getSession(doc).dotsPerPerson).toBe(DEFAULT_DOTS_PER_PERSON);
  });
});
