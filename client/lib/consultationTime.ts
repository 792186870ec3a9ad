/**
 * A consultation's deadline as each reader sees it: in their language and
 * their time zone (Intl), and how long is left from the server's clock. The
 * deadline is server time; readers' clocks differ from it by the skew the
 * control channel measures, which is why "left" takes the server's now.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function formatDeadline(deadline: number, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'full', timeStyle: 'short' }).format(new Date(deadline));
}

export function formatDate(at: number, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));
}

/** "in 3 days", "tra 2 ore": the largest whole unit left (or passed). */
export function formatRelative(deadline: number, serverNow: number, language: string): string {
  const ms = deadline - serverNow;
  const f = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  const abs = Math.abs(ms);
  if (abs >= DAY) return f.format(Math.round(ms / DAY), 'day');
  if (abs >= HOUR) return f.format(Math.round(ms / HOUR), 'hour');
  return f.format(Math.max(1, Math.round(abs / MINUTE)) * Math.sign(ms || 1), 'minute');
}

export const localTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** A `datetime-local` input's value (the reader's wall clock) for a moment. */
export function toLocalInput(at: number): string {
  const d = new Date(at);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The moment a `datetime-local` value names in the reader's time zone, in server time; NaN when empty or invalid. */
export function fromLocalInput(value: string, skewMs: number): number {
  const local = new Date(value).getTime();
  return Number.isFinite(local) ? local + skewMs : NaN;
}
