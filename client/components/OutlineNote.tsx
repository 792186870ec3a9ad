/**
 * One note of the outline as a list item: its text (an editable field when
 * it is the person's own and writing is open), who wrote it and its dots,
 * "Move to…" (a choice and a button, not a drag) for whoever may move it,
 * and dot buttons named with the note while voting.
 */
import { memo, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deleteNote, noteText, setNoteScenario } from '../../shared/notes';
import { MAX_NOTE_TEXT } from '../../shared/schema';
import { noteRights, useBoard } from '../hooks/useBoard';
import { useItemDots } from '../hooks/useItemDots';
import { useVoteBudget } from '../hooks/useVoteBudget';
import { useYTextArea } from '../hooks/useYTextArea';
import { requestFocus } from '../lib/focusRequest';
import { authorText, dotsText, noteDetails, noteLabel, scenarioLabel, type OutlineNote } from '../lib/outline';
import { useAnnounce } from './LiveAnnouncer';
import { ItemFeedback } from './ItemFeedback';
import { ConfirmDelete } from './OutlineConfirm';

/** Add / remove one dot; the new count is said once the vote has landed (the server's ballot, in a secret round). */
export const OutlineDots = memo(function OutlineDots({ itemId, label }: { itemId: string; label: string }) {
  const { t } = useTranslation();
  const { voteTotals, identity } = useBoard();
  const { total, mine, open } = useItemDots(itemId);
  const { remaining } = useVoteBudget();
  const say = useAnnounce();
  const pending = useRef(false);
  useEffect(() => {
    if (!pending.current) return;
    pending.current = false;
    say(t('outline.dotsNow', { item: label, mine, remaining }));
  }, [mine, remaining, label, say, t]);
  const vote = (delta: 1 | -1): void => {
    pending.current = true;
    voteTotals.vote({ id: identity.id, sector: identity.sector, where: identity.where }, itemId, delta);
  };
  // aria-disabled, not disabled: removing one's last dot must not drop focus to the page.
  const cannotRemove = mine === 0 || !open;
  return (
    <div className="outline-dots" data-outline-dots={itemId} data-dots={total ?? undefined} data-my-dots={mine}>
      <button
        type="button"
        className="dot-btn"
        aria-label={t('outline.removeDot', { item: label })}
        aria-disabled={cannotRemove}
        onClick={() => !cannotRemove && vote(-1)}
      >
        −
      </button>
      <span className="outline-dot-count">
        {total === null ? t('dots.mineSecret', { count: mine }) : dotsText(total, mine, t) || t('outline.dots', { count: 0 })}
      </span>
      <button type="button" className="dot-btn" aria-label={t('outline.addDot', { item: label })} aria-disabled={!open} onClick={() => open && vote(1)}>
        +
      </button>
    </div>
  );
});

/** The person's own note, bound to its text as on the canvas. */
function NoteField({ id, label }: { id: string; label: string }) {
  const { doc } = useBoard();
  const ytext = useMemo(() => noteText(doc, id), [doc, id]);
  const text = useYTextArea(ytext, MAX_NOTE_TEXT);
  return (
    <label className="field outline-note-field">
      <span className="field-label">{label}</span>
      <textarea ref={text.ref} className="input" rows={2} maxLength={MAX_NOTE_TEXT} onInput={text.onInput} />
    </label>
  );
}

function MoveTo({ note, label, scenarios }: { note: OutlineNote & { scenarioId: string | null }; label: string; scenarios: ReadonlyArray<{ id: string; name: string }> }) {
  const { t } = useTranslation();
  const { doc } = useBoard();
  const say = useAnnounce();
  const selectId = useId();
  const [target, setTarget] = useState(note.scenarioId ?? '');
  const move = (): void => {
    const to = target || null;
    if (to === note.scenarioId) return;
    // The item remounts in its new list; its "Move to…" choice takes focus there.
    requestFocus(`[data-outline-note="${note.id}"] select`);
    if (!setNoteScenario(doc, note.id, to)) return;
    const where = to ? scenarioLabel(scenarios.find((s) => s.id === to)?.name ?? '', t) : t('outline.nowhere');
    say(t('outline.moved', { where }));
  };
  return (
    <div className="outline-move">
      <label className="visually-hidden" htmlFor={selectId}>
        {t('outline.moveTo', { note: label })}
      </label>
      <select id={selectId} className="input" value={target} onChange={(e) => setTarget(e.target.value)}>
        <option value="">{t('note.noScenario')}</option>
        {scenarios.map((s) => (
          <option key={s.id} value={s.id}>
            {scenarioLabel(s.name, t)}
          </option>
        ))}
      </select>
      <button type="button" className="btn btn-secondary btn-small" aria-label={t('outline.moveNamed', { note: label })} onClick={move}>
        {t('outline.move')}
      </button>
    </div>
  );
}

interface OutlineNoteItemProps {
  note: OutlineNote;
  scenarioId: string | null;
  scenarios: ReadonlyArray<{ id: string; name: string }>;
}

export const OutlineNoteItem = memo(function OutlineNoteItem({ note, scenarioId, scenarios }: OutlineNoteItemProps) {
  const { t } = useTranslation();
  const ctx = useBoard();
  const may = noteRights(ctx, note.authorId);
  const drafts = ctx.space === 'drafts';
  const label = noteLabel(note.text, t);
  const voting = !drafts && ctx.rights.vote && ctx.role !== 'observer';
  return (
    <li className="outline-note" tabIndex={-1} data-outline-note={note.id}>
      {may.edit ? <NoteField id={note.id} label={t('outline.mine')} /> : <p className="outline-note-text">{note.text || t('note.empty')}</p>}
      <p className="outline-note-details muted small">{drafts ? t(note.pending ? 'moderation.waiting' : 'outline.private') : voting ? authorText(note, t) : noteDetails(note, t)}</p>
      {((!drafts && (may.move || voting)) || may.remove) && (
        <div className="outline-note-actions">
          {!drafts && may.move && <MoveTo key={scenarioId ?? ''} note={{ ...note, scenarioId }} label={label} scenarios={scenarios} />}
          {voting && <OutlineDots itemId={note.id} label={label} />}
          {may.remove && (
            <ConfirmDelete
              text={t('note.delete')}
              name={t('outline.deleteNote', { note: label })}
              question={t('note.confirmDelete')}
              confirm={t('note.confirm')}
              cancel={t('note.cancel')}
              onConfirm={() => deleteNote(ctx.doc, note.id)}
            />
          )}
        </div>
      )}
      {!drafts && <ItemFeedback itemId={note.id} label={label} />}
    </li>
  );
});
