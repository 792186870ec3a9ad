/** The facilitator's controls beside the board: timer, lock, private writing
 * (with draft counts) and reveal, voting rounds and settings (in Priorities
 * only, where voting happens), ready check, spotlight, and the participation
 * balance. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newItemId } from '../../shared/ids';
import { SECTORS, type SessionView } from '../../shared/schema';
import {
  askReady,
  endReadyCheck,
  extendTimer,
  pauseTimer,
  resetTimer,
  resumeTimer,
  setLocked,
  setPremoderation,
  setPrivateWriting,
  setSpotlight,
  startTimer,
  timerRemaining,
} from '../../shared/session';
import { useBoard } from '../hooks/useBoard';
import type { PeerUser } from '../hooks/usePeers';
import { useDraftCounts } from '../hooks/useDraftCounts';
import { useModerationQueue } from '../hooks/useModerationQueue';
import { Dialog } from './Dialog';
import { ModerationPanel } from './ModerationPanel';
import { useReadiness } from '../hooks/useReadiness';
import { useServerTime } from '../hooks/useServerTime';
import { BalancePanel } from './BalancePanel';
import { ConsultationPanel } from './ConsultationPanel';
import { SectorBadge } from './SectorBadge';
import { SuggestPanel } from './SuggestPanel';
import { UnrevealedRoundNote, VotingControls } from './VotingControls';
import { WorkshopTools } from './WorkshopTools';
import { Icon } from './icons';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DEFAULT_MINUTES = 5;
const PANEL_TICK_MS = SECOND;
const MAX_MINUTES = 180;

/** The duration the two fields ask for, in whole seconds up to MAX_MINUTES; nothing usable means the default. */
function timerDuration(minutes: string, seconds: string): number {
  const m = Number(minutes) || 0;
  const s = Number(seconds) || 0;
  const ms = Math.round(m * 60 + s) * SECOND;
  if (!Number.isFinite(ms) || ms < SECOND) return DEFAULT_MINUTES * MINUTE;
  return Math.min(MAX_MINUTES * MINUTE, ms);
}

function TimerControls({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const { doc, serverNow } = useBoard();
  const [minutes, setMinutes] = useState(String(DEFAULT_MINUTES));
  const [seconds, setSeconds] = useState('0');
  const timer = session.timer;
  const duration = timerDuration(minutes, seconds);
  // A second is precise enough to switch Pause off; the countdown itself is TimerDisplay's.
  const now = useServerTime(serverNow, timer.state === 'running', PANEL_TICK_MS);
  // Time's up: nothing left to pause; Reset or +1 min are what make sense.
  const timeUp = timer.state === 'running' && timerRemaining(timer, now) <= 0;
  return (
    <section className="panel-section" aria-labelledby="timer-title">
      <h3 id="timer-title" className="panel-title">
        {t('timer.title')}
      </h3>
      <div className="panel-row">
        <label className="field field-inline">
          <span className="field-label">{t('timer.minutes')}</span>
          <input className="input input-number" type="number" min={0} max={MAX_MINUTES} step={1} value={minutes} onChange={(e) => setMinutes(e.target.value)} />
        </label>
        <label className="field field-inline">
          <span className="field-label">{t('timer.seconds')}</span>
          <input className="input input-number" type="number" min={0} max={59} step={5} value={seconds} onChange={(e) => setSeconds(e.target.value)} />
        </label>
      </div>
      <div className="panel-row">
        <button type="button" className="btn btn-primary btn-small" onClick={() => startTimer(doc, duration, serverNow())}>
          {t('timer.start')}
        </button>
        {timer.state === 'running' ? (
          <button type="button" className="btn btn-secondary btn-small" disabled={timeUp} onClick={() => pauseTimer(doc, serverNow())}>
            {t('timer.pause')}
          </button>
        ) : (
          <button type="button" className="btn btn-secondary btn-small" disabled={timer.state === 'idle'} onClick={() => resumeTimer(doc, serverNow())}>
            {t('timer.resume')}
          </button>
        )}
        <button type="button" className="btn btn-secondary btn-small" disabled={timer.state === 'idle'} onClick={() => extendTimer(doc, MINUTE, serverNow())}>
          {t('timer.addMinute')}
        </button>
        <button
          type="button"
          className={`btn btn-small ${timeUp ? 'btn-primary' : 'btn-ghost'}`}
          disabled={timer.state === 'idle'}
          onClick={() => resetTimer(doc, duration)}
        >
          {t('timer.reset')}
        </button>
      </div>
    </section>
  );
}

function ReadyCheckControls({ session, present }: { session: SessionView; present: number }) {
  const { t } = useTranslation();
  const { doc, control, serverNow } = useBoard();
  const check = session.readyCheck;
  const ready = useReadiness(control, check?.id ?? null);
  return (
    <section className="panel-section" aria-labelledby="ready-title">
      <h3 id="ready-title" className="panel-title">
        {t('ready.title')}
      </h3>
      {check ? (
        <>
          <p className="ready-count" role="status" data-ready-count={ready.length} data-present={present}>
            {t('ready.countOf', { count: ready.length, present: Math.max(present, ready.length) })}
          </p>
          <ul className="ready-sectors">
            {SECTORS.map((s) => (
              <li key={s} data-ready-sector={s}>
                <SectorBadge sector={s} compact /> {ready.filter((r) => r.sector === s).length}
              </li>
            ))}
          </ul>
          {ready.length > 0 && <p className="muted small ready-names">{ready.map((r) => r.name).join(', ')}</p>}
          <button type="button" className="btn btn-secondary btn-small" onClick={() => endReadyCheck(doc)}>
            {t('ready.end')}
          </button>
        </>
      ) : (
        <button type="button" className="btn btn-secondary btn-small" onClick={() => askReady(doc, newItemId(), serverNow())}>
          {t('ready.ask')}
        </button>
      )}
    </section>
  );
}

/** What private writing has produced so far: counts per sector, never a word of it. */
function DraftCountsLine() {
  const { t } = useTranslation();
  const { control } = useBoard();
  const counts = useDraftCounts(control);
  if (!counts) return null;
  return (
    <div className="draft-counts" role="status" data-draft-notes={counts.notes} data-draft-writers={counts.writers}>
      <p className="draft-counts-total">{t('privateWriting.drafts', { count: counts.notes })} {t('privateWriting.draftWriters', { count: counts.writers })}</p>
      {counts.notes > 0 && (
        <ul className="ready-sectors">
          {SECTORS.filter((s) => (counts.bySector[s]?.notes ?? 0) > 0).map((s) => (
            <li key={s} data-draft-sector={s} data-count={counts.bySector[s]?.notes ?? 0}>
              <SectorBadge sector={s} compact /> {counts.bySector[s]?.notes ?? 0}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Pre-moderation on or off, what waits, and the queue in a dialog. */
function ModerationControls({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const { doc, control } = useBoard();
  const queue = useModerationQueue(control);
  const [open, setOpen] = useState(false);
  return (
    <section className="panel-section" aria-labelledby="moderation-title">
      <h3 id="moderation-title" className="panel-title">
        {t('moderation.title')}
      </h3>
      <label className="check">
        <input type="checkbox" checked={session.premoderation} onChange={(e) => setPremoderation(doc, e.target.checked)} />
        {t('moderation.toggle')}
      </label>
      {queue && (
        <p className="muted small" role="status" data-pending={queue.pending.length}>
          {t('moderation.summary', { pending: queue.pending.length, flagged: queue.flagged.length, hidden: queue.hidden.length })}
        </p>
      )}
      <button type="button" className="btn btn-secondary btn-small" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {t('moderation.open')}
      </button>
      <Dialog open={open} title={t('moderation.title')} onClose={() => setOpen(false)} className="moderation-dialog">
        <ModerationPanel queue={queue} />
        <div className="dialog-actions">
          <button type="button" className="btn btn-secondary" onClick={() => setOpen(false)}>
            {t('moderation.close')}
          </button>
        </div>
      </Dialog>
    </section>
  );
}

function BoardControls({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const { doc, control } = useBoard();
  const [revealed, setRevealed] = useState<{ notes: number; pending: number } | null>(null);
  useEffect(() => control.subscribe((msg) => msg.t === 'revealed' && setRevealed({ notes: msg.notes, pending: msg.pending ?? 0 })), [control]);
  return (
    <section className="panel-section" aria-labelledby="board-controls-title">
      <h3 id="board-controls-title" className="panel-title">
        {t('facilitate.board')}
      </h3>
      <button
        type="button"
        className={`btn btn-small ${session.locked ? 'btn-danger' : 'btn-secondary'}`}
        aria-pressed={session.locked}
        onClick={() => setLocked(doc, !session.locked)}
      >
        {session.locked && <Icon name="lock" />}{session.locked ? ' ' : ''}
        {t(session.locked ? 'lock.unlock' : 'lock.toggle')}
      </button>
      <label className="check">
        <input type="checkbox" checked={session.privateWriting} onChange={(e) => setPrivateWriting(doc, e.target.checked)} />
        {t('privateWriting.toggle')}
      </label>
      {session.privateWriting && <DraftCountsLine />}
      <button type="button" className="btn btn-secondary btn-small" onClick={() => control.send({ t: 'reveal' })}>
        {t('privateWriting.reveal')}
      </button>
      <span className="muted small" role="status">
        {revealed === null ? '' : revealed.pending > 0 ? t('moderation.revealedPending', { count: revealed.pending }) : t('privateWriting.revealed', { count: revealed.notes })}
      </span>
      {session.spotlight && (
        <button type="button" className="btn btn-ghost btn-small" onClick={() => setSpotlight(doc, null, 0)}>
          {t('spotlight.clear')}
        </button>
      )}
    </section>
  );
}

export function FacilitatorPanel({ session, peers, crowd, onClose, roomId }: { session: SessionView; peers: PeerUser[]; crowd: boolean; onClose: () => void; roomId: string }) {
  const { t } = useTranslation();
  // "Of how many": participants online now (each person once, whatever their devices).
  const present = peers.filter((p) => p.role === 'participant').length;
  return (
    <aside className="facilitator-panel" aria-labelledby="facilitate-title">
      <header className="results-header">
        <h2 id="facilitate-title">{t('facilitate.title')}</h2>
        {crowd && (
          <span className="crowd-badge" role="status">
            {t('crowd.on')}
          </span>
        )}
        <button type="button" className="icon-btn" aria-label={t('facilitate.close')} title={t('facilitate.close')} onClick={onClose}>
          ✕
        </button>
      </header>
      <div className="panel-body">
        {session.phase === 'scenarios' && <SuggestPanel />}
        <TimerControls session={session} />
        <BoardControls session={session} />
        <ModerationControls session={session} />
        <ConsultationPanel session={session} />
        {session.phase === 'priorities' || session.consultation?.opens.voting ? <VotingControls present={present} /> : <UnrevealedRoundNote />}
        <ReadyCheckControls session={session} present={present} />
        <BalancePanel peers={peers} />
        <WorkshopTools roomId={roomId} />
      </div>
    </aside>
  );
}
