/**
 * What everyone sees between meetings: the open consultation's question and
 * its deadline with the time left, in the reader's language and time zone;
 * or that the meeting is closed and the board only readable.
 */
import { useTranslation } from 'react-i18next';
import { participationAt } from '../../shared/consultation';
import type { SessionView } from '../../shared/schema';
import { useBoard } from '../hooks/useBoard';
import { useServerTime } from '../hooks/useServerTime';
import { formatDate, formatDeadline, formatRelative } from '../lib/consultationTime';

/** "Closes in 3 minutes" needs no finer tick. */
export const BANNER_TICK_MS = 15_000;

export function ConsultationBanner({ session }: { session: SessionView }) {
  const { t, i18n } = useTranslation();
  const { serverNow } = useBoard();
  const now = useServerTime(serverNow, session.consultation !== null, BANNER_TICK_MS);
  const p = participationAt(session, now);
  if (p.kind === 'live') return null;
  if (p.kind === 'consultation') {
    const w = p.window;
    return (
      <div className="banner banner-consultation" role="region" aria-label={t('consultation.title')} data-consultation={w.id}>
        <span>{t('consultation.banner.open', { deadline: formatDeadline(w.deadline, i18n.language), relative: formatRelative(w.deadline, now, i18n.language) })}</span>
        {w.prompt && (
          <span className="banner-prompt">
            <strong>{t('consultation.banner.prompt')}</strong> {w.prompt}
          </span>
        )}
      </div>
    );
  }
  const last = session.consultations[session.consultations.length - 1];
  return (
    <div className="banner banner-closed" role="status" data-meeting-closed>
      {t('consultation.banner.closed')}
      {last && ` ${t('consultation.banner.ended', { date: formatDate(last.closedAt, i18n.language) })}`}
    </div>
  );
}
