/** Announcements: said as they happen, except new notes, which are counted over a window and said once. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Announcer, LAST_MINUTE_MS, NEW_NOTES_WINDOW_MS, timerCue, type Announcement } from '../../../../client/lib/announcer';

describe('the announcer', () => {
  let heard: Announcement[];
  let announcer: Announcer;
  beforeEach(() => {
    vi.useFakeTimers();
    heard = [];
    announcer = new Announcer((n) => `${n} new ${n === 1 ? 'note' : 'notes'}`);
    announcer.subscribe((a) => heard.push(a));
  });
  afterEach(() => {
    announcer.destroy();
    vi.useRealTimers();
  });

  it('says one count for notes arriving within the window, not one per note', () => {
    announcer.notesArrived();
    vi.advanceTimersByTime(1000);
    announcer.notesArrived();
    announcer.notesArrived();
    expect(heard).toEqual([]);
    vi.advanceTimersByTime(NEW_NOTES_WINDOW_MS);
    expect(heard.map((a) => [a.text, a.politeness])).toEqual([['3 new notes', 'polite']]);
  });

  it('starts a new count after the window closed', () => {
    announcer.notesArrived(2);
    vi.advanceTimersByTime(NEW_NOTES_WINDOW_MS);
    announcer.notesArrived();
    vi.advanceTimersByTime(NEW_NOTES_WINDOW_MS);
    expect(heard.map((a) => a.text)).toEqual(['2 new notes', '1 new note']);
  });

  it('says other things at once, and the same words twice as two announcements', () => {
    announcer.notesArrived();
    announcer.say('Phase now: Scenarios.');
    announcer.say('Time’s up', 'assertive');
    announcer.say('Time’s up', 'assertive');
    expect(heard.map((a) => [a.text, a.politeness])).toEqual([
      ['Phase now: Scenarios.', 'polite'],
      ['Time’s up', 'assertive'],
      ['Time’s up', 'assertive'],
    ]);
    expect(heard[1]!.n).not.toBe(heard[2]!.n);
  });

  it('says nothing after it is destroyed', () => {
    announcer.notesArrived(4);
    announcer.destroy();
    vi.advanceTimersByTime(NEW_NOTES_WINDOW_MS * 2);
    expect(heard).toEqual([]);
  });
});

describe('timer cues', () => {
  it('says the last minute once when crossed and the end once at zero', () => {
    const readings = [120_000, 61_000, 60_000, 59_000, 1000, 0, -1000];
    const cues = readings.map((r, i) => timerCue(i === 0 ? null : readings[i - 1]!, r));
    expect(cues).toEqual([null, null, 'last-minute', null, null, 'times-up', null]);
  });

  it('says only the end of a timer started under a minute', () => {
    expect(timerCue(null, 30_000)).toBe(null);
    expect(timerCue(30_000, 29_000)).toBe(null);
    expect(timerCue(500, 0)).toBe('times-up');
    expect(LAST_MINUTE_MS).toBe(60_000);
  });
});
