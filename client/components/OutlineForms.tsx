/**
 * The outline's small controls: writing a note (kept on the device as it
 * is typed), making and naming a scenario, the silent countdown and the
 * dots left. Each writes through the same shared operations as the canvas.
 */
import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { newItemId } from '../../shared/ids';
import { getNote } from '../../shared/notes';
import { createScenario, getScenario, listScenarios, renameScenario } from '../../shared/scenarios';
import { MAX_NAME_LENGTH, MAX_NOTE_TEXT, SCENARIO_COLORS, type SessionView } from '../../shared/schema';
import { timerRemaining } from '../../shared/session';
import { useBoard } from '../hooks/useBoard';
import { useNoteKeptText } from '../hooks/useNoteKeptText';
import { useServerTime } from '../hooks/useServerTime';
import { useVoteBudget } from '../hooks/useVoteBudget';
import { scenarioLabel } from '../lib/outline';
import { PHONE_SEED_RINGS, freeFrameSpot, freeSpotNear } from '../lib/placement';
import { useAnnounce } from './LiveAnnouncer';
import type { RoomChrome } from './RoomScreen';
import { formatClock } from './TimerDisplay';

/** Where notes written here land on the board: near the top-left, fanned out, as from a phone. */
const WRITE_ORIGIN = { x: 40, y: 40 };

/**
 * The box to write a note. What is typed is kept on the device (the same
 * store as the phone view), so a phase change mid-sentence loses nothing.
 * After adding, focus stays in the box for the next note.
 */
export function WriteForm({ chrome }: { chrome: RoomChrome }) {
  const { t } = useTranslation();
  const { doc, identity } = useBoard();
  const say = useAnnounce();
  const [kept, setKept] = useNoteKeptText(`write.${chrome.roomId}`);
  const box = useRef<HTMLTextAreaElement>(null);
  const { writeNote } = chrome;
  const text = kept ?? '';
  if (!writeNote && !text) return null;
  const add = (): void => {
    if (!writeNote || !text.trim()) return;
    const spot = freeSpotNear(chrome.occupied, listScenarios(doc), WRITE_ORIGIN.x, WRITE_ORIGIN.y, { id: identity.id, rings: PHONE_SEED_RINGS });
    const id = writeNote(spot.x, spot.y, text.trim());
    if (!id) return;
    setKept(null);
    box.current?.focus();
    // A note lands in a scenario when its free spot is inside that frame, as from a phone: say so.
    const scenarioId = getNote(doc, id)?.scenarioId;
    const frame = scenarioId ? getScenario(doc, scenarioId) : null;
    say(frame ? t('outline.addedTo', { where: scenarioLabel(frame.name, t) }) : t('outline.added'));
  };
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    add();
  };
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      add();
    }
  };
  return (
    <form className="outline-write" onSubmit={submit} aria-labelledby="outline-write-title">
      <h2 tabIndex={-1} id="outline-write-title">{t('outline.write')}</h2>
      <label className="field">
        <span className="field-label">{t('outline.newNote')}</span>
        <textarea
          ref={box}
          className="input"
          rows={3}
          value={text}
          maxLength={MAX_NOTE_TEXT}
          readOnly={!writeNote}
          aria-describedby="outline-write-hint"
          onChange={(e) => setKept(e.target.value || null)}
          onKeyDown={onKey}
        />
      </label>
      <p id="outline-write-hint" className="muted small">
        {writeNote ? t('outline.writeHint') : t('phone.kept')}
      </p>
      {/* aria-disabled keeps focus on the button when the box empties after adding. */}
      <button type="submit" className="btn btn-primary" aria-disabled={!writeNote || !text.trim()}>
        {t('toolbar.addNote')}
      </button>
    </form>
  );
}

export function NewScenarioForm() {
  const { t } = useTranslation();
  const { doc, positions } = useBoard();
  const say = useAnnounce();
  const [name, setName] = useState('');
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const frames = listScenarios(doc);
    const id = newItemId();
    const chosen = name.trim() || t('scenario.defaultName', { n: frames.length + 1 });
    const spot = freeFrameSpot(positions.entries(), frames, WRITE_ORIGIN.x, WRITE_ORIGIN.y);
    createScenario(doc, { id, name: chosen, x: spot.x, y: spot.y, color: SCENARIO_COLORS[frames.length % SCENARIO_COLORS.length] });
    setName('');
    say(t('outline.created', { name: chosen }));
  };
  return (
    <form className="outline-row" onSubmit={submit}>
      <label className="field">
        <span className="field-label">{t('outline.newScenario')}</span>
        <input className="input" value={name} maxLength={MAX_NAME_LENGTH} onChange={(e) => setName(e.target.value)} />
      </label>
      <button type="submit" className="btn btn-secondary">
        {t('outline.createScenario')}
      </button>
    </form>
  );
}

/** A scenario's name as a field, for whoever may cluster; saved as typed, like the frame's title. */
export function ScenarioName({ id, name }: { id: string; name: string }) {
  const { t } = useTranslation();
  const { doc } = useBoard();
  return (
    <label className="field outline-scenario-name">
      <span className="field-label">{t('outline.rename')}</span>
      <input className="input" value={name} maxLength={MAX_NAME_LENGTH} onChange={(e) => renameScenario(doc, id, e.target.value)} />
    </label>
  );
}

/** The countdown as text, silent: the announcer says its last minute and its end. */
export function OutlineTimer({ timer, serverNow }: { timer: SessionView['timer']; serverNow: () => number }) {
  const { t } = useTranslation();
  const now = useServerTime(serverNow, timer.state === 'running');
  if (timer.state === 'idle') return null;
  const remaining = timerRemaining(timer, now);
  const done = timer.state === 'running' && remaining <= 0;
  return (
    <p className="outline-timer" role="timer" data-timer-state={done ? 'done' : timer.state}>
      {done ? t('timer.timesUp') : t('timer.remaining', { time: formatClock(remaining) })}
      {timer.state === 'paused' && ` (${t('timer.paused')})`}
    </p>
  );
}

export function DotsLeftLine() {
  const { t } = useTranslation();
  const { remaining, budget } = useVoteBudget();
  return (
    <p className="outline-dots-left" data-remaining={remaining}>
      {t('dots.left', { remaining, budget })}
    </p>
  );
}
