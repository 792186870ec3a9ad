/** Facilitator-owned settings, kept in the `session` root map. */
import type * as Y from 'yjs';
import {
  DEFAULT_DOTS_PER_PERSON,
  MAX_DOTS_PER_PERSON,
  MAX_TITLE_LENGTH,
  readSession,
  sessionOf,
  type SessionView,
} from './schema';

export interface NewSession {
  title: string;
  dotsPerPerson?: number;
  now?: number;
}

export function initSession(doc: Y.Doc, input: NewSession): void {
  doc.transact(() => {
    const s = sessionOf(doc);
    s.set('title', input.title.slice(0, MAX_TITLE_LENGTH));
    s.set('dotsPerPerson', input.dotsPerPerson ?? DEFAULT_DOTS_PER_PERSON);
    s.set('createdAt', input.now ?? Date.now());
  });
}

export const getSession = (doc: Y.Doc): SessionView => readSession(doc);

export function setTitle(doc: Y.Doc, title: string): void {
  sessionOf(doc).set('title', title.trim().slice(0, MAX_TITLE_LENGTH));
}

/** Returns false when the number is outside 0..MAX_DOTS_PER_PERSON. */
export function setDotsPerPerson(doc: Y.Doc, dots: number): boolean {
  if (!Number.isInteger(dots) || dots < 0 || dots > MAX_DOTS_PER_PERSON) return false;
  sessionOf(doc).set('dotsPerPerson', dots);
  return true;
}
