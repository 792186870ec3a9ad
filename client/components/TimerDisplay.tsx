/** The shared countdown, in server time; at zero it turns red and says so. */
import { useTranslation } from 'react-i18next';
import type { TimerState } from '../../shared/schema';
import { timerRemaining } from '../../shared/session';
import { useServerTime } from '../hooks/useServerTime';

export const formatClock = (ms: number): string => {
  const total = Math.ceil(ms / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
};

export function TimerDisplay({ timer, serverNow, size = 'normal' }: { timer: TimerState; serverNow: () => number; size?: 'normal' | 'large' }) {
  const { t } = useTranslation();
  const now = useServerTime(serverNow, timer.state === 'running');
  const remaining = timerRemaining(timer, now);
  const done = timer.state === 'running' && remaining <= 0;
  if (timer.state === 'idle') return null;
  return (
    <div className={`timer timer-${done ? 'done' : timer.state} timer-${size}`} data-timer-state={done ? 'done' : timer.state}>
      <svg className="timer-icon" width="18" height="18" viewBox="0 0 24 24" aria-hidden="true">
        <circle cx="12" cy="13" r="8" fill="none" stroke="currentColor" strokeWidth="2.2" />
        <path d="M12 9v4l2.5 2.5M9 2h6" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
      </svg>
      <span className="timer-clock" role="timer" aria-label={t('timer.remaining', { time: formatClock(remaining) })}>
        {formatClock(remaining)}
      </span>
      {timer.state === 'paused' && <span className="timer-note">{t('timer.paused')}</span>}
      <span className="timer-done" role="status" aria-live="assertive">
        {done ? t('timer.timesUp') : ''}
      </span>
    </div>
  );
}
