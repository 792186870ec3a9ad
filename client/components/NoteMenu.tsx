/** A note's options: colour, scenario membership, delete (confirmed). */
import { usePopoverDismiss } from '../hooks/usePopoverDismiss';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTE_COLORS, type NoteColor } from '../../shared/schema';
import { deleteNote, recolorNote, setNoteScenario } from '../../shared/notes';
import { setSpotlight } from '../../shared/session';
import { useBoard } from '../hooks/useBoard';
import { useScenarios } from '../hooks/useScenarios';
import { useLiftAboveToolbar } from '../hooks/useLiftAboveToolbar';

interface NoteMenuProps {
  id: string;
  color: NoteColor;
  scenarioId: string | null;
  canMove: boolean;
  canDelete: boolean;
  onClose: () => void;
}

/** Colour and scenario need the right to move the note; delete, authorship; spotlight, the facilitator. */
export function NoteMenu({ id, color, scenarioId, canMove, canDelete, onClose }: NoteMenuProps) {
  const { t } = useTranslation();
  const { doc, role, space, serverNow, control } = useBoard();
  const scenarios = useScenarios(doc);
  const [confirming, setConfirming] = useState(false);
  const ref = useRef<HTMLDivElement>(null);

  usePopoverDismiss(ref, onClose, (menu) => [menu.parentElement]);
  const lift = useLiftAboveToolbar(ref, confirming);

  return (
    <div
      className="popover note-menu"
      style={lift > 0 ? { top: `calc(38px - ${lift}px)` } : undefined}
      ref={ref}
      role="group"
      aria-label={t('note.menu')}
      data-no-pan
    >
      {role === 'facilitator' && space === 'board' && (
        <button
          type="button"
          className="btn btn-secondary btn-small"
          onClick={() => {
            setSpotlight(doc, { kind: 'note', id }, serverNow());
            onClose();
          }}
        >
          {t('spotlight.button')}
        </button>
      )}
      {role === 'facilitator' && space === 'board' && (
        <button
          type="button"
          className="btn btn-secondary btn-small"
          title={t('moderation.hideNote')}
          onClick={() => {
            // The server moves it off the board for everyone; the moderation queue can restore it.
            control.send({ t: 'moderate', action: 'hide', kind: 'note', id });
            onClose();
          }}
        >
          {t('moderation.hide')}
        </button>
      )}
      {canMove && (
      <fieldset className="swatches">
        <legend className="field-label">{t('note.color')}</legend>
        {NOTE_COLORS.map((c) => (
          <label key={c} className={`swatch note-${c}`} title={t(`noteColor.${c}`)}>
            <input
              type="radio"
              name={`note-color-${id}`}
              checked={c === color}
              aria-label={t(`noteColor.${c}`)}
              onChange={() => recolorNote(doc, id, c)}
            />
          </label>
        ))}
      </fieldset>
      )}
      {canMove && space === 'board' && (
      <label className="field">
        <span className="field-label">{t('note.scenario')}</span>
        <select
          className="input"
          value={scenarioId ?? ''}
          onChange={(e) => setNoteScenario(doc, id, e.target.value || null)}
        >
          <option value="">{t('note.noScenario')}</option>
          {scenarios.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name || t('scenario.unnamed')}
            </option>
          ))}
        </select>
      </label>
      )}
      {!canDelete ? null : confirming ? (
        <div className="confirm" role="alert">
          <span>{t('note.confirmDelete')}</span>
          <div className="confirm-actions">
            <button type="button" className="btn btn-ghost btn-small" onClick={() => setConfirming(false)}>
              {t('note.cancel')}
            </button>
            <button type="button" className="btn btn-danger btn-small" onClick={() => deleteNote(doc, id)}>
              {t('note.confirm')}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="btn btn-ghost btn-small btn-danger-text" onClick={() => setConfirming(true)}>
          {t('note.delete')}
        </button>
      )}
    </div>
  );
}
