/** A note's options: colour, scenario membership, delete (confirmed). */
import { usePopoverDismiss } from '../hooks/usePopoverDismiss';
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTE_COLORS, type NoteColor } from '../../shared/schema';
import { deleteNote, recolorNote, setNoteScenario } from '../../shared/notes';
import { setSpotlight } from '../../shared/session';
import { useBoard } from '../hooks/useBoard';
import { useScenarios } from '../hooks/useScenarios';

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
  const { doc, role, space, serverNow } = useBoard();
  const scenarios = useScenarios(doc);
  const [confirming, setConfirming] = useState(false);
  const ref = useRef<HTMLDivElement>(null);

  usePopoverDismiss(ref, onClose, (menu) => [menu.parentElement]);
  const above = useOpensUpward(ref);

  return (
    <div className={`popover note-menu${above ? ' is-above' : ''}`} ref={ref} role="group" aria-label={t('note.menu')} data-no-pan>
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

/** Room the menu keeps from the bottom edge of what covers the canvas. */
const BOTTOM_MARGIN = 8;

/**
 * Whether the menu must open upward: it does when, opened downward, it would
 * reach under the floating toolbar or past the bottom of the screen.
 */
function useOpensUpward(ref: RefObject<HTMLDivElement | null>): boolean {
  const [above, setAbove] = useState(false);
  useLayoutEffect(() => {
    const menu = ref.current;
    if (!menu) return;
    const box = menu.getBoundingClientRect();
    const toolbar = document.querySelector('.toolbar')?.getBoundingClientRect();
    const toolbarOverlaps = toolbar && box.right > toolbar.left && box.left < toolbar.right ? toolbar.top : Infinity;
    const limit = Math.min(window.innerHeight, toolbarOverlaps) - BOTTOM_MARGIN;
    const noteTop = menu.parentElement?.getBoundingClientRect().top ?? 0;
    // Upward only when there is more room above the note than below it.
    setAbove(box.bottom > limit && noteTop > limit - box.top);
  }, [ref]);
  return above;
}
