/**
 * The facilitator's consultation section: whether the meeting is live (and
 * closing or starting it), the open window with extend and close now, or
 * the form to open one; and why the server did not make a change.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { participationAt } from '../../shared/consultation';
import { sessionOf, type ConsultationWindow, type SessionView } from '../../shared/schema';
import { useBoard } from '../hooks/useBoard';
import { useServerTime } from '../hooks/useServerTime';
import { formatDeadline, formatRelative, fromLocalInput, toLocalInput } from '../lib/consultationTime';
import { ConsultationForm } from './ConsultationForm';
import { BANNER_TICK_MS } from './ConsultationBanner';
import '../styles/Consultation.css';

const DAY = 24 * 3600_000;

function OpenWindow({ window: w, now }: { window: ConsultationWindow; now: number }) {
  const { t, i18n } = useTranslation();
  const { control, serverNow } = useBoard();
  const [extendTo, setExtendTo] = useState(() => toLocalInput(w.deadline + DAY));
  const extend = (): void => {
    const at = fromLocalInput(extendTo, serverNow() - Date.now());
    if (Number.isFinite(at)) control.send({ t: 'extendConsultation', windowId: w.id, deadline: at });
  };
  return (
    <div data-open-window={w.id}>
      <p>{t('consultation.panel.openUntil', { deadline: formatDeadline(w.deadline, i18n.language), relative: formatRelative(w.deadline, now, i18n.language) })}</p>
      {w.prompt && <p className="muted small">{w.prompt}</p>}
      <div className="panel-row">
        <label className="field field-inline">
          <span className="field-label">{t('consultation.panel.extendTo')}</span>
          <input className="input" type="datetime-local" value={extendTo} onChange={(e) => setExtendTo(e.target.value)} />
        </label>
        <button type="button" className="btn btn-secondary btn-small" onClick={extend}>
          {t('consultation.panel.extend')}
        </button>
      </div>
      <button type="button" className="btn btn-secondary btn-small" onClick={() => control.send({ t: 'closeConsultation', windowId: w.id })}>
        {t('consultation.panel.closeNow')}
      </button>
    </div>
  );
}

export function ConsultationPanel({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const { doc, control, serverNow } = useBoard();
  const now = useServerTime(serverNow, session.consultation !== null, BANNER_TICK_MS);
  const p = participationAt(session, now);
  const [refused, setRefused] = useState<string | null>(null);
  useEffect(() => control.subscribe((msg) => msg.t === 'consultationRefused' && setRefused(msg.reason)), [control]);
  // A change that did go through clears the last refusal.
  const openId = session.consultation?.id ?? null;
  useEffect(() => setRefused(null), [openId, session.consultation?.deadline]);

  return (
    <section className="panel-section" aria-labelledby="consultation-title">
      <h3 id="consultation-title" className="panel-title">
        {t('consultation.title')}
      </h3>
      {p.kind === 'consultation' ? (
        <OpenWindow window={p.window} now={now} />
      ) : (
        <>
          <p className="muted small">{t(session.meeting === 'live' ? 'consultation.panel.meetingLive' : 'consultation.panel.meetingClosed')}</p>
          <button
            type="button"
            className="btn btn-secondary btn-small"
            onClick={() => sessionOf(doc).set('meeting', session.meeting === 'live' ? 'closed' : 'live')}
          >
            {t(session.meeting === 'live' ? 'consultation.panel.closeMeeting' : 'consultation.panel.startMeeting')}
          </button>
          <ConsultationForm />
        </>
      )}
      {session.consultations.length > 0 && <p className="muted small">{t('consultation.panel.past', { count: session.consultations.length })}</p>}
      <p className="muted small" role="status">
        {refused ? t(`consultation.refused.${refused}`, { defaultValue: refused }) : ''}
      </p>
    </section>
  );
}
