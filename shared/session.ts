/** Facilitator-owned settings, kept in the `session` root map. */
import type * as Y from 'yjs';
import type { Phase } from './phases';
import {
  MAX_PROMPT_LENGTH,
  type Spotlight,
  type TimerState,
  DEFAULT_DOTS_PER_PERSON,
  MAX_TITLE_LENGTH,
  readSession,
  sessionOf,
  type SessionView,
} from './schema';
import { SessionFields, checked } from './documentSchemas';
import { clampText } from './text';

export interface NewSession {
  title: string;
  dotsPerPerson?: number;
  now?: number;
}

export function initSession(doc: Y.Doc, input: NewSession): void {
  doc.transact(() => {
    const s = sessionOf(doc);
    // The server writes these itself, outside the policy: the same schemas hold them.
    s.set('title', checked(SessionFields.title, clampText(input.title, MAX_TITLE_LENGTH), 'title'));
    s.set('dotsPerPerson', checked(SessionFields.dotsPerPerson, input.dotsPerPerson ?? DEFAULT_DOTS_PER_PERSON, 'dotsPerPerson'));
    s.set('createdAt', checked(SessionFields.createdAt, input.now ?? Date.now(), 'createdAt'));
  });
}

export const getSession = (doc: Y.Doc): SessionView => readSession(doc);

export function setTitle(doc: Y.Doc, title: string): void {
  sessionOf(doc).set('title', title.trim().slice(0, MAX_TITLE_LENGTH));
}

/** Returns false when the number is outside 0..MAX_DOTS_PER_PERSON. */
export function setDotsPerPerson(doc: Y.Doc, dots: number): boolean {
  if (!SessionFields.dotsPerPerson.safeParse(dots).success) return false;
  sessionOf(doc).set('dotsPerPerson', dots);
  return true;
}

export function setPhase(doc: Y.Doc, phase: Phase): void {
  const s = sessionOf(doc);
  doc.transact(() => {
    s.set('phase', phase);
    // A new phase starts without a pending question or an old spotlight.
    if (s.get('readyCheck') != null) s.set('readyCheck', null);
  });
}

export function setPrompt(doc: Y.Doc, phase: Phase, prompt: string): void {
  const s = sessionOf(doc);
  const prompts = { ...readSession(doc).prompts, [phase]: prompt.slice(0, MAX_PROMPT_LENGTH) };
  s.set('prompts', prompts);
}

export function setLocked(doc: Y.Doc, locked: boolean): void {
  sessionOf(doc).set('locked', locked);
}
export function setPrivateWriting(doc: Y.Doc, on: boolean): void {
  sessionOf(doc).set('privateWriting', on);
}
export function setPremoderation(doc: Y.Doc, on: boolean): void {
  sessionOf(doc).set('premoderation', on);
}
export function setCrowdThreshold(doc: Y.Doc, n: number): void {
  sessionOf(doc).set('crowdThreshold', Math.max(2, Math.min(10_000, Math.round(n))));
}

export function setSpotlight(doc: Y.Doc, spotlight: Omit<Spotlight, 'at'> | null, serverNow: number): void {
  sessionOf(doc).set('spotlight', spotlight ? { ...spotlight, at: serverNow } : null);
}

export function askReady(doc: Y.Doc, id: string, serverNow: number): void {
  sessionOf(doc).set('readyCheck', { id, askedAt: serverNow });
}
export function endReadyCheck(doc: Y.Doc): void {
  sessionOf(doc).set('readyCheck', null);
}

/** Time left on the timer at `serverNow` (server epoch ms), never negative. */
export function timerRemaining(t: TimerState, serverNow: number): number {
  if (t.state === 'running') return Math.max(0, t.endsAt - serverNow);
  return t.remainingMs;
}

function writeTimer(doc: Y.Doc, t: TimerState): void {
  sessionOf(doc).set('timer', t);
}

export function startTimer(doc: Y.Doc, durationMs: number, serverNow: number): void {
  writeTimer(doc, { state: 'running', endsAt: serverNow + durationMs, remainingMs: durationMs });
}

export function pauseTimer(doc: Y.Doc, serverNow: number): void {
  const t = readSession(doc).timer;
  if (t.state !== 'running') return;
  writeTimer(doc, { state: 'paused', endsAt: 0, remainingMs: timerRemaining(t, serverNow) });
}

export function resumeTimer(doc: Y.Doc, serverNow: number): void {
  const t = readSession(doc).timer;
  if (t.state === 'running') return;
  writeTimer(doc, { state: 'running', endsAt: serverNow + t.remainingMs, remainingMs: t.remainingMs });
}

/** Adds time whatever the state; a finished timer restarts with the extension. */
export function extendTimer(doc: Y.Doc, byMs: number, serverNow: number): void {
  const t = readSession(doc).timer;
  if (t.state === 'running') {
    const base = Math.max(t.endsAt, serverNow);
    writeTimer(doc, { ...t, endsAt: base + byMs });
  } else writeTimer(doc, { ...t, remainingMs: t.remainingMs + byMs });
}

export function resetTimer(doc: Y.Doc, durationMs: number): void {
  writeTimer(doc, { state: 'idle', endsAt: 0, remainingMs: durationMs });
}
