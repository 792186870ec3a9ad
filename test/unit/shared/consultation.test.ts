import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { closeWindow, deadlineProblem, extendWindow, MAX_WINDOW_MS, openWindow, originAt, participationAt, rightsNow } from '../../../shared/consultation';
import { readSession, sessionOf } from '../../../shared/schema';
import { initSession, setPhase } from '../../../shared/session';

const HOUR = 3600_000;
const NOW = 1_000_000_000_000;
const board = (): Y.Doc => {
  const doc = new Y.Doc();
  initSession(doc, { title: 'T', now: 1 });
  return doc;
};
const opens = { notes: true, comments: false, reactions: false, voting: true };

describe('consultation windows in the board', () => {
  it('reads an older board as a live meeting with no windows', () => {
    const s = readSession(board());
    expect([s.meeting, s.consultation, s.consultations]).toEqual(['live', null, []]);
    expect(participationAt(s, NOW)).toEqual({ kind: 'live' });
    expect(originAt(s, NOW)).toBe('meeting');
  });

  it('opens a window that closes the meeting, gives what it opens whatever the phase, and nothing after its deadline', () => {
    const doc = board();
    setPhase(doc, 'scenarios');
    const w = openWindow(doc, { opens, prompt: 'Q', deadline: NOW + HOUR, autoReveal: true }, NOW);
    expect(w.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const s = readSession(doc);
    expect(s.meeting).toBe('closed');
    expect(rightsNow('participant', s, NOW)).toEqual({ writeNotes: true, cluster: false, vote: true, codesign: false, discuss: opens.comments || opens.reactions });
    expect(originAt(s, NOW)).toBe(w.id);
    // Past the deadline, before anyone closed it: nothing.
    expect(participationAt(s, NOW + HOUR).kind).toBe('closed');
    expect(rightsNow('participant', s, NOW + HOUR)).toEqual({ writeNotes: false, cluster: false, vote: false, codesign: false, discuss: false });
    expect(rightsNow('facilitator', s, NOW + HOUR).writeNotes).toBe(true);
    expect(rightsNow('observer', s, NOW).writeNotes).toBe(false);
  });

  it('extends and closes only the window of that id, recording how it closed', () => {
    const doc = board();
    const w = openWindow(doc, { opens, prompt: '', deadline: NOW + HOUR, autoReveal: false }, NOW);
    expect(extendWindow(doc, 'x'.repeat(22), NOW + 2 * HOUR)).toBeNull();
    expect(extendWindow(doc, w.id, NOW + 2 * HOUR)?.deadline).toBe(NOW + 2 * HOUR);
    expect(closeWindow(doc, 'x'.repeat(22), NOW, 'deadline')).toBeNull();
    expect(closeWindow(doc, w.id, NOW + 5, 'facilitator')).toMatchObject({ id: w.id, closedAt: NOW + 5, closedBy: 'facilitator' });
    // A second close (a stale schedule) changes nothing.
    expect(closeWindow(doc, w.id, NOW + 6, 'deadline')).toBeNull();
    const s = readSession(doc);
    expect(s.consultation).toBeNull();
    expect(s.consultations.map((p) => p.id)).toEqual([w.id]);
    expect(participationAt(s, NOW)).toEqual({ kind: 'closed', window: null });
    sessionOf(doc).set('meeting', 'live');
    expect(participationAt(readSession(doc), NOW).kind).toBe('live');
  });

  it('refuses deadlines in the past or too far ahead', () => {
    expect(deadlineProblem(NOW, NOW)).toBe('past');
    expect(deadlineProblem(NOW + MAX_WINDOW_MS + 1, NOW)).toBe('too-far');
    expect(deadlineProblem(NOW + 7 * 24 * HOUR, NOW)).toBeNull();
  });
});
