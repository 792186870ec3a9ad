/**
 * One sticky note. It subscribes to its own Y.Map (useNote) and binds its
 * textarea to its own Y.Text (useYTextArea), so a change elsewhere on the
 * board never renders it. While dragged it moves by CSS transform only; the
 * position is written once, on drop, by the board.
 */
import { memo, useState } from 'react';
import { useDraggable } from '@dnd-kit/core';
import { useTranslation } from 'react-i18next';
import { MAX_NOTE_TEXT } from '../../shared/schema';
import { useBoard } from '../hooks/useBoard';
import { useNote } from '../hooks/useNote';
import { useYTextArea } from '../hooks/useYTextArea';
import { DotControls } from './DotControls';
import { NoteMenu } from './NoteMenu';
import { SectorBadge } from './SectorBadge';
import '../styles/NoteCard.css';

interface NoteCardProps {
  id: string;
}

function NoteCardImpl({ id }: NoteCardProps) {
  const { t } = useTranslation();
  const { doc, viewRef } = useBoard();
  const note = useNote(doc, id);
  const text = useYTextArea(note?.ytext ?? null);
  const [menuOpen, setMenuOpen] = useState(false);
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({ id });

  if (!note) return null;
  // dnd-kit reports screen pixels; the note lives in world units.
  const zoom = viewRef.current.zoom;
  const dx = transform ? transform.x / zoom : 0;
  const dy = transform ? transform.y / zoom : 0;

  return (
    <div
      ref={setNodeRef}
      className={`note note-${note.color}${isDragging ? ' is-dragging' : ''}${menuOpen ? ' has-menu' : ''}`}
      style={{ transform: `translate(${note.x + dx}px, ${note.y + dy}px)` }}
      role="group"
      aria-label={t('note.label', { name: note.authorName })}
      data-note-id={id}
      data-scenario-id={note.scenarioId ?? ''}
    >
      <div className="note-top">
        <div className="note-handle" data-drag-handle {...attributes} {...listeners} aria-label={t('note.move')} title={t('note.move')}>
          <span className="note-grip" aria-hidden="true">
            ⋮⋮
          </span>
          <span className="note-author">{note.authorName}</span>
          <SectorBadge sector={note.authorSector} compact />
        </div>
        <button
          type="button"
          className="icon-btn note-menu-btn"
          aria-label={t('note.menu')}
          title={t('note.menu')}
          aria-expanded={menuOpen}
          onClick={() => setMenuOpen((o) => !o)}
        >
          ⋯
        </button>
      </div>
      <textarea
        ref={text.ref}
        className="note-text"
        aria-label={t('note.text')}
        maxLength={MAX_NOTE_TEXT}
        onInput={text.onInput}
        spellCheck
      />
      <div className="note-footer">
        <DotControls itemId={id} />
      </div>
      {menuOpen && <NoteMenu id={id} color={note.color} scenarioId={note.scenarioId} onClose={() => setMenuOpen(false)} />}
    </div>
  );
}

/** Only the id can change what a card shows; everything else it observes itself. */
export const NoteCard = memo(NoteCardImpl, (prev, next) => prev.id === next.id);
