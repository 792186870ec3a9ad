/**
 * Two live regions, one polite and one assertive, saying what matters on
 * the board as it happens: a phase change, the lock, a ready check, a
 * reveal, the timer's last minute and its end, a refused dot and why, and
 * notes arriving from others counted over a window (client/lib/announcer.ts).
 * Children (the outline) say their own confirmations through `useAnnounce`.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { notesOf } from '../../shared/schema';
import { timerRemaining } from '../../shared/session';
import { useBoard } from '../hooks/useBoard';
import { useServerTime } from '../hooks/useServerTime';
import { useSession } from '../hooks/useSession';
import { useVoting } from '../hooks/useVoting';
import { Announcer, timerCue, type Announcement, type Politeness } from '../lib/announcer';
import { KNOWN_REASONS } from './VoteRefusedToast';

type Say = (text: string, politeness?: Politeness) => void;

const AnnounceContext = createContext<Say>(() => {});

/** Says something through the nearest LiveAnnouncer (nothing outside one). */
export const useAnnounce = (): Say => useContext(AnnounceContext);

const TIMER_TICK_MS = 1000;

interface LiveAnnouncerProps {
  /** The board has synced: notes loaded before that are the board, not news. */
  synced: boolean;
  /** Beside the board's own toast and timer, which already say refused dots and time's up. */
  besideBoard?: boolean;
  children?: ReactNode;
}

/** Notes added by someone else (or revealed by the server), as they arrive. */
function useArrivingNotes(doc: Y.Doc, synced: boolean, announcer: Announcer): void {
  const syncedRef = useRef(synced);
  syncedRef.current = synced;
  useEffect(() => {
    const notes = notesOf(doc);
    const onChange = (e: Y.YMapEvent<Y.Map<unknown>>): void => {
      if (e.transaction.local || !syncedRef.current) return;
      let added = 0;
      e.changes.keys.forEach((change) => change.action === 'add' && added++);
      announcer.notesArrived(added);
    };
    notes.observe(onChange);
    return () => notes.unobserve(onChange);
  }, [doc, announcer]);
}

/** Calls `onChange(previous, next)` when `value` changes after the first render. */
function useChange<T>(value: T, onChange: (previous: T, next: T) => void): void {
  const previous = useRef(value);
  const handler = useRef(onChange);
  handler.current = onChange;
  useEffect(() => {
    if (Object.is(previous.current, value)) return;
    const before = previous.current;
    previous.current = value;
    handler.current(before, value);
  }, [value]);
}

function useBoardAnnouncements(announcer: Announcer, synced: boolean, besideBoard: boolean): void {
  const { t } = useTranslation();
  const { doc, serverNow, role } = useBoard();
  const session = useSession(doc);
  const { status, refusal } = useVoting();
  const say = announcer.say.bind(announcer);

  useArrivingNotes(doc, synced, announcer);
  useChange(session.phase, (_, phase) => say(`${t('outline.announcer.phase', { phase: t(`phases.${phase}`) })} ${session.prompts[phase] || t(`phaseHint.${phase}`)}`));
  useChange(session.locked, (_, locked) => say(t(locked ? 'outline.announcer.locked' : 'outline.announcer.unlocked')));
  useChange(session.readyCheck?.id ?? null, (_, id) => id && role === 'participant' && say(t('ready.question')));
  useChange(status.state === 'revealed' ? status.round : null, (_, round) => round !== null && say(t('outline.announcer.revealed', { round })));
  useChange(refusal, (_, r) => {
    if (!r || besideBoard) return;
    const reason = (KNOWN_REASONS as readonly string[]).includes(r.reason) ? r.reason : 'other';
    say(`${t('voting.refused.toast')} ${t(`voting.refused.${reason}`)}`, 'assertive');
  });

  const running = session.timer.state === 'running';
  const now = useServerTime(serverNow, running, TIMER_TICK_MS);
  const remaining = running ? timerRemaining(session.timer, now) : null;
  const lastRemaining = useRef<number | null>(null);
  useEffect(() => {
    const cue = remaining === null ? null : timerCue(lastRemaining.current, remaining);
    lastRemaining.current = remaining;
    if (cue === 'last-minute') say(t('outline.announcer.lastMinute'));
    if (cue === 'times-up' && !besideBoard) say(t('timer.timesUp'), 'assertive');
  });
}

/** Alternating a trailing no-break space makes a region say the same words again. */
const spoken = (a: Announcement | null): string => (a ? `${a.text}${a.n % 2 ? '' : '\u00a0'}` : '');

export function LiveAnnouncer({ synced, besideBoard = false, children }: LiveAnnouncerProps) {
  const { t } = useTranslation();
  const tRef = useRef(t);
  tRef.current = t;
  const announcer = useMemo(() => new Announcer((count) => tRef.current('outline.announcer.newNotes', { count })), []);
  useEffect(() => () => announcer.destroy(), [announcer]);
  const [polite, setPolite] = useState<Announcement | null>(null);
  const [assertive, setAssertive] = useState<Announcement | null>(null);
  useEffect(() => announcer.subscribe((a) => (a.politeness === 'assertive' ? setAssertive : setPolite)(a)), [announcer]);
  useBoardAnnouncements(announcer, synced, besideBoard);
  const say = useCallback<Say>((text, politeness) => announcer.say(text, politeness), [announcer]);

  return (
    <AnnounceContext.Provider value={say}>
      {children}
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-announcer="polite">
        {spoken(polite)}
      </div>
      <div className="visually-hidden" role="alert" aria-live="assertive" aria-atomic="true" data-announcer="assertive">
        {spoken(assertive)}
      </div>
    </AnnounceContext.Provider>
  );
}
