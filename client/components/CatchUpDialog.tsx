/**
 * What a participant sees first when they come back after a while, or
 * arrive between meetings: the phase and its question, the consultation
 * and how long it stays open, the scenarios with their note counts, the
 * latest revealed results, the action plan, and what was added since their
 * last visit on this device. A snapshot taken when it opens; dismissed with
 * one button or Escape.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { listActions } from '../../shared/actions';
import { participationAt } from '../../shared/consultation';
import { notesOf, readNote, type SessionView } from '../../shared/schema';
import { listScenarios, scenarioNoteCounts } from '../../shared/scenarios';
import { latestRoundResult } from '../../shared/voting';
import { formatDate, formatDeadline, formatRelative } from '../lib/consultationTime';
import { readLastVisit, writeLastVisit } from '../lib/lastVisit';
import { Dialog } from './Dialog';
import '../styles/Consultation.css';

/** Away at least this long, a returning participant is caught up first. */
export const CATCH_UP_AFTER_MS = 6 * 3600_000;
const TOP_RESULTS = 5;

interface CatchUpInput {
  doc: Y.Doc;
  roomId: string;
  session: SessionView;
  /** The participant has said who they are and the board is synced: counts are real. */
  ready: boolean;
  serverNow: () => number;
}

/** Anything created after `since` in a root map of entries carrying `createdAt` (notes, and comments once they exist). */
function createdSince(doc: Y.Doc, root: string, since: number): number {
  if (!doc.share.has(root)) return 0;
  let n = 0;
  doc.getMap<unknown>(root).forEach((v) => {
    const at = v && typeof v === 'object' && 'get' in v ? (v as Y.Map<unknown>).get('createdAt') : (v as { createdAt?: unknown } | null)?.createdAt;
    if (typeof at === 'number' && at > since) n++;
  });
  return n;
}

function CatchUpContent({ doc, session, since, serverNow }: { doc: Y.Doc; session: SessionView; since: number | null; serverNow: () => number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const snapshot = useMemo(() => {
    const counts = scenarioNoteCounts(doc);
    let newNotes = 0;
    if (since !== null) notesOf(doc).forEach((m, id) => void (readNote(id, m).createdAt > since && newNotes++));
    const result = latestRoundResult(doc);
    return {
      scenarios: listScenarios(doc).map((s) => ({ id: s.id, name: s.name, notes: counts.get(s.id) ?? 0 })),
      newNotes,
      newComments: since === null ? 0 : createdSince(doc, 'comments', since),
      result,
      top: result ? [...result.items].sort((a, b) => a.rank - b.rank).slice(0, TOP_RESULTS) : [],
      actions: listActions(doc),
    };
  }, [doc, since]);
  const now = serverNow();
  const p = participationAt(session, now);
  const prompt = session.prompts[session.phase];
  return (
    <div className="catch-up" data-catch-up>
      {since !== null ? (
        <section data-catch-up-since>
          <p>{t('consultation.catchUp.since', { when: formatDate(since, lang) })}</p>
          <ul>
            <li data-new-notes={snapshot.newNotes}>{t('consultation.catchUp.newNotes', { count: snapshot.newNotes })}</li>
            <li data-new-comments={snapshot.newComments}>{t('consultation.catchUp.newComments', { count: snapshot.newComments })}</li>
          </ul>
        </section>
      ) : (
        <p>{t('consultation.catchUp.firstVisit')}</p>
      )}
      <section>
        <p>{t('consultation.catchUp.phase', { phase: t(`phases.${session.phase}`) })}</p>
        {prompt && <p className="muted">{prompt}</p>}
        {p.kind === 'consultation' && (
          <p data-catch-up-window>
            {t('consultation.banner.open', { deadline: formatDeadline(p.window.deadline, lang), relative: formatRelative(p.window.deadline, now, lang) })}
            {p.window.prompt && ` ${t('consultation.banner.prompt')} ${p.window.prompt}`}
          </p>
        )}
        {p.kind === 'closed' && <p>{t('consultation.banner.closed')}</p>}
      </section>
      <section>
        <h3>{t('consultation.catchUp.scenarios')}</h3>
        {snapshot.scenarios.length === 0 ? (
          <p className="muted">{t('consultation.catchUp.noScenarios')}</p>
        ) : (
          <ul>
            {snapshot.scenarios.map((s) => (
              <li key={s.id} data-scenario-count={s.notes}>
                {s.name || t('consultation.catchUp.untitled')}: {t('consultation.catchUp.scenarioNotes', { count: s.notes })}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        {snapshot.result ? (
          <>
            <h3>{t('consultation.catchUp.results', { round: snapshot.result.round })}</h3>
            <ol>
              {snapshot.top.map((i) => (
                <li key={i.id}>
                  {i.label || t('consultation.catchUp.untitled')} — {t('consultation.catchUp.dots', { count: i.dots })}
                </li>
              ))}
            </ol>
          </>
        ) : (
          <p className="muted">{t('consultation.catchUp.noResults')}</p>
        )}
      </section>
      <section>
        <h3>{t('consultation.catchUp.plan')}</h3>
        {snapshot.actions.length === 0 ? (
          <p className="muted">{t('consultation.catchUp.noPlan')}</p>
        ) : (
          <ul>
            {snapshot.actions.map((a) => (
              <li key={a.id}>{a.title || t('consultation.catchUp.untitled')}</li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export function CatchUpDialog({ doc, roomId, session, ready, serverNow }: CatchUpInput) {
  const { t } = useTranslation();
  // Read once, before this visit is recorded.
  const [since] = useState(() => readLastVisit(roomId));
  const [dismissed, setDismissed] = useState(false);
  const live = session.meeting === 'live' && session.consultation === null;
  // Decided once, on arrival: someone already on the board is not interrupted when the facilitator closes the meeting.
  const [due, setDue] = useState<boolean | null>(null);
  if (ready && due === null) setDue(since === null ? !live : Date.now() - since >= CATCH_UP_AFTER_MS);
  useEffect(() => {
    // This visit counts from now; leaving the page (or hiding it) moves it on.
    writeLastVisit(roomId);
    const left = (): void => writeLastVisit(roomId);
    window.addEventListener('pagehide', left);
    document.addEventListener('visibilitychange', left);
    return () => {
      window.removeEventListener('pagehide', left);
      document.removeEventListener('visibilitychange', left);
      left();
    };
  }, [roomId]);
  const open = ready && due === true && !dismissed;
  return (
    <Dialog open={open} title={t('consultation.catchUp.title')} onClose={() => setDismissed(true)} className="catch-up-dialog">
      {open && <CatchUpContent doc={doc} session={session} since={since} serverNow={serverNow} />}
      <div className="dialog-actions">
        <button type="button" className="btn btn-primary" onClick={() => setDismissed(true)} autoFocus>
          {t('consultation.catchUp.dismiss')}
        </button>
      </div>
    </Dialog>
  );
}
