/**
 * A note as seen from far away: the board zoomed out below SIMPLE_BELOW_ZOOM,
 * where a card's buttons, dots and author line are a few pixels tall. One
 * coloured block with the note's text (clamped; none further out still) and
 * a drag handle over the whole of it (one draggable for all chips: ChipDrag), no shadow, no textarea: a plenary board of 2,000 notes paints
 * 2,000 of these instead of 2,000 full cards. Double-clicking one zooms the
 * board to 100 % there (Canvas), where the full card is back.
 */
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ORIGIN_MEETING } from '../../shared/documentSchemas';
import { noteRights, useBoard } from '../hooks/useBoard';
import { useNote } from '../hooks/useNote';
import { useChipDrag } from './ChipDrag';
import { NoteText } from './NoteText';
import '../styles/NoteCard.css';

/** Below this zoom the board shows notes as chips (Canvas)… */
export const SIMPLE_BELOW_ZOOM = 0.45;
/** …and below this one, where text would be a couple of pixels high, chips without their text. */
export const TEXTLESS_BELOW_ZOOM = 0.25;

function NoteChipImpl({ id, showText }: { id: string; showText: boolean }) {
  const { t } = useTranslation();
  const ctx = useBoard();
  const { doc } = ctx;
  const note = useNote(doc, id);
  const drag = useChipDrag();
  const handleProps = useMemo(() => drag?.handleProps(id), [drag, id]);
  const may = noteRights(ctx, note?.authorId ?? '');
  if (!note) return null;
  const authorBadge = note.byFacilitator ? t('identity.facilitatorChip') : t(`sector.${note.authorSector}`);
  const badge = note.origin === ORIGIN_MEETING ? authorBadge : `${authorBadge} ${t('consultation.badge')}`;
  return (
    <div
      className={`note note-${note.color} note-chip`}
      style={{ transform: `translate(${note.x}px, ${note.y}px)` }}
      role="group"
      aria-label={t('note.label', { name: note.authorName })}
      data-note-id={id}
      data-simple
      data-where={note.where}
      data-scenario-id={note.scenarioId ?? ''}
    >
      {showText && <NoteText doc={doc} id={id} />}
      {may.move && handleProps && (
        <div className="note-handle" data-drag-handle {...handleProps} aria-label={t('a11y.moveNote', { name: note.authorName, badge })} title={t('note.move')} />
      )}
    </div>
  );
}

/** Only the id and the level of detail change what a chip shows; everything else it observes itself. */
export const NoteChip = memo(NoteChipImpl, (prev, next) => prev.id === next.id && prev.showText === next.showText);
