/**
 * What the screen reader is told, and when. A live region that speaks on
 * every remote keystroke or every arriving note is noise that drowns what
 * matters, so new notes are counted over a window and said once ("3 new
 * notes"); everything else is said as it happens, politely unless it
 * interrupts the person's work (time's up, a refused action). Pure logic:
 * the LiveAnnouncer component owns the regions that speak.
 */

export type Politeness = 'polite' | 'assertive';

export interface Announcement {
  text: string;
  politeness: Politeness;
  /** Counts announcements, so the same words twice are still said twice. */
  n: number;
}

/** New notes are gathered for this long, then said as one count. */
export const NEW_NOTES_WINDOW_MS = 5000;
/** The timer speaks once when this much is left, and once at zero. */
export const LAST_MINUTE_MS = 60_000;

export class Announcer {
  private pendingNotes = 0;
  private windowTimer: ReturnType<typeof setTimeout> | null = null;
  private count = 0;
  private readonly listeners = new Set<(a: Announcement) => void>();

  /** `newNotes` words a count of new notes (read at the end of the window, so in the language then shown). */
  constructor(
    private readonly newNotes: (count: number) => string,
    private readonly windowMs = NEW_NOTES_WINDOW_MS,
  ) {}

  say(text: string, politeness: Politeness = 'polite'): void {
    if (!text) return;
    const a: Announcement = { text, politeness, n: ++this.count };
    this.listeners.forEach((l) => l(a));
  }

  /** Notes arrived from someone else: counted, and said once the window closes. */
  notesArrived(count = 1): void {
    if (count <= 0) return;
    this.pendingNotes += count;
    this.windowTimer ??= setTimeout(() => this.flushNotes(), this.windowMs);
  }

  private flushNotes(): void {
    this.windowTimer = null;
    const n = this.pendingNotes;
    this.pendingNotes = 0;
    if (n > 0) this.say(this.newNotes(n));
  }

  readonly subscribe = (listener: (a: Announcement) => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  destroy(): void {
    if (this.windowTimer) clearTimeout(this.windowTimer);
    this.windowTimer = null;
    this.pendingNotes = 0;
    this.listeners.clear();
  }
}

export type TimerCue = 'last-minute' | 'times-up' | null;

/**
 * What a running countdown should say between two readings of what is
 * left: the last minute once when it is crossed, time's up once at zero.
 * A timer started with less than a minute says only its end.
 */
export function timerCue(before: number | null, after: number): TimerCue {
  if (before === null) return null;
  if (before > 0 && after <= 0) return 'times-up';
  if (before > LAST_MINUTE_MS && after <= LAST_MINUTE_MS) return 'last-minute';
  return null;
}
