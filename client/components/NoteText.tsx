/**
 * A note's text for reading, outside its textarea: clamped to a few lines
 * with an ellipsis on a card, or whole with `full` (the projector's
 * spotlight, a list). It observes only its own note, so a peer typing
 * elsewhere never renders it.
 */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { useNoteText } from '../hooks/useNoteText';
import '../styles/NoteCard.css';

interface NoteTextProps {
  doc: Y.Doc;
  id: string;
  /** The whole text, however long; otherwise clamped with an ellipsis. */
  full?: boolean;
  /** Shown instead of the board's text (text kept on this device). */
  override?: string | null;
  className?: string;
}

export const NoteText = memo(function NoteText({ doc, id, full = false, override = null, className = '' }: NoteTextProps) {
  const { t } = useTranslation();
  const text = useNoteText(doc, id);
  const shown = override ?? text;
  return (
    <p className={`note-text-view${full ? ' is-full' : ''}${shown ? '' : ' is-empty'} ${className}`.trim()} data-note-text={id}>
      {shown || (full ? t('note.empty') : '')}
    </p>
  );
});
