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
  const { doc, role, space, serverNow, control } = useBoard();
  const scenarios = useScenarios(doc);
  const [confirming, setConfirming] = useState(false);
  const ref = useRef<HTMLDivElement>(null);

  usePopoverDismiss(ref, onClose, (menu) => [menu.parentElement]);
  const lift = useLiftAboveToolbar(ref, confirming);

  return (
    <div
      className="popover note-menu"
      style={lift > 0 ? { top: `calc(32px - ${lift}px)` } : undefined}
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

/** Screen pixels the menu keeps from the edges of what it must not go under. */
const EDGE_MARGIN = 8;

/**
 * How far (in world units) the menu must move up to stay clear of the
 * floating toolbar and the bottom of the canvas: opened near the bottom of
 * the screen it slides up over its own note, never above the canvas.
 */
function useLiftAboveToolbar(ref: RefObject<HTMLDivElement | null>, confirming: boolean): number {
  const [lift, setLift] = useState(0);
  // On opening and whenever the menu grows (it asks to confirm a delete).
  useLayoutEffect(() => {
    const menu = ref.current;
    const note = menu?.parentElement;
    if (!menu || !note) return;
    // The menu lives in the zoomed world: screen pixels over the world's scale.
    const zoom = note.offsetHeight > 0 ? note.getBoundingClientRect().height / note.offsetHeight : 1;
    const lifted = menu.getBoundingClientRect();
    // Where the menu would be without any lift.
    const box = { top: lifted.top + lift * zoom, bottom: lifted.bottom + lift * zoom, left: lifted.left, right: lifted.right };
    const canvas = menu.closest('.canvas')?.getBoundingClientRect();
    const toolbar = document.querySelector('.toolbar')?.getBoundingClientRect();
    const underToolbar = toolbar && box.right > toolbar.left && box.left < toolbar.right ? toolbar.top : Infinity;
    const bottom = Math.min(canvas?.bottom ?? window.innerHeight, underToolbar) - EDGE_MARGIN;
    const top = (canvas?.top ?? 0) + EDGE_MARGIN;
    const px = Math.max(0, Math.min(box.bottom - bottom, box.top - top));
    const next = Math.round(px / zoom);
    if (next !== lift) setLift(next);
  }, [ref, lift, confirming]);
  return lift;
}
