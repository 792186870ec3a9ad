import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { extendTimer, getSession, pauseTimer, resetTimer, resumeTimer, startTimer, timerRemaining } from '../../../shared/session';
import { clockOffset } from '../../../shared/control';

const T0 = 1_800_000_000_000;

describe('the workshop timer', () => {
  it('counts down in server time', () => {
    const doc = new Y.Doc();
    startTimer(doc, 5 * 60_000, T0);
    const t = getSession(doc).timer;
    expect(t.state).toBe('running');
    expect(timerRemaining(t, T0 + 60_000)).toBe(4 * 60_000);
    expect(timerRemaining(t, T0 + 10 * 60_000)).toBe(0);
  });

  it('keeps what is left while paused and resumes from there', () => {
    const doc = new Y.Doc();
    startTimer(doc, 120_000, T0);
    pauseTimer(doc, T0 + 30_000);
    expect(timerRemaining(getSession(doc).timer, T0 + 500_000)).toBe(90_000);
    resumeTimer(doc, T0 + 600_000);
    expect(timerRemaining(getSession(doc).timer, T0 + 610_000)).toBe(80_000);
  });

  it('extends a running, a paused and a finished timer', () => {
    const doc = new Y.Doc();
    startTimer(doc, 60_000, T0);
    extendTimer(doc, 60_000, T0 + 10_000);
    expect(timerRemaining(getSession(doc).timer, T0 + 10_000)).toBe(110_000);
    // Finished: the extension counts from now, not from the past end.
    extendTimer(doc, 30_000, T0 + 500_000);
    expect(timerRemaining(getSession(doc).timer, T0 + 500_000)).toBe(30_000);
    pauseTimer(doc, T0 + 500_000);
    extendTimer(doc, 15_000, T0 + 900_000);
    expect(timerRemaining(getSession(doc).timer, T0)).toBe(45_000);
  });

  it('resets to an idle timer of the given length', () => {
    const doc = new Y.Doc();
    startTimer(doc, 60_000, T0);
    resetTimer(doc, 300_000);
    expect(getSession(doc).timer).toEqual({ state: 'idle', endsAt: 0, remainingMs: 300_000 });
  });

  it('shows the same remaining time on clients whose clocks disagree', () => {
    const doc = new Y.Doc();
    startTimer(doc, 60_000, T0);
    const timer = getSession(doc).timer;
    // Two devices, one 7 s fast and one 3 s slow, each measuring a 200 ms round trip.
    const views = [7_000, -3_000].map((skew) => {
      const sentAt = T0 + 10_000 + skew;
      const serverNow = T0 + 10_100;
      const offset = clockOffset(sentAt, serverNow, sentAt + 200);
      const localNow = T0 + 20_000 + skew;
      return timerRemaining(timer, localNow + offset);
    });
    expect(views[0]).toBe(40_000);
    expect(views[1]).toBe(40_000);
  });
});
