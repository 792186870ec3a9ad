/**
 * One sticky note. It subscribes to its own Y.Map (useNote) and binds its
 * textarea to its own Y.Text (useYTextArea), so a change elsewhere on the
 * board never renders it. Dragging goes through NoteDragHandle: a drag
 * anywhere on the board renders no other card, a pointer move renders none,
 * and the position is written once, on drop, by the canvas. What it offers
 * follows the role, the phase and authorship (noteRights); a private draft
 * says so.
 */
import { memo, useEffect, useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { MAX_NOTE_TEXT } from '../../shared/schema';
import { applyTextEdit, clampText } from '../../shared/text';
import { noteRights, useBoard } from '../hooks/useBoard';
import { useNote } from '../hooks/useNote';
import { useNoteKeptText } from '../hooks/useNoteKeptText';
import { useYTextArea } from '../hooks/useYTextArea';
import { DotControls } from './DotControls';
import { DuplicateMarker } from './DuplicateMarker';
import { ItemFeedback } from './ItemFeedback';
import { NoteDragHandle } from './NoteDragHandle';
import { NoteMenu } from './NoteMenu';
import { NoteText } from './NoteText';
import { AuthorBadge } from './SectorBadge';
import { FlagMarker } from './FlagMarker';
import { OriginBadge } from './OriginBadge';
import { ORIGIN_MEETING } from '../../shared/documentSchemas';
import '../styles/NoteCard.css';
import '../styles/Moderation.css';

interface NoteCardProps {
  id: string;
}

/** Drafts live in another document; their drag ids say so. */
export const DRAFT_DRAG_PREFIX = 'draft:';

function NoteCardImpl({ id }: NoteCardProps) {
  const { t } = useTranslation();
  const ctx = useBoard();
  const { doc, viewRef, space, role } = ctx;
  const note = useNote(doc, id);
  const [menuOpen, setMenuOpen] = useState(false);
  const may = noteRights(ctx, note?.authorId ?? '');
  const drafts = space === 'drafts';
  const pending = drafts && note?.pending === true;
  const kept = useKeptTyping(id, note?.ytext ?? null, may.edit);
  const text = useYTextArea(note?.ytext ?? null, MAX_NOTE_TEXT, kept.text);
  const [isDragging, setDragging] = useState(false);

  if (!note) return null;
  const hasMenu = may.move || may.remove || (role === 'facilitator' && !drafts);
  const authorBadge = note.byFacilitator ? t('identity.facilitatorChip') : t(`sector.${note.authorSector}`);
  // The handle's name holds all its visible text (WCAG 2.5.3), the consultation badge included.
  const badge = note.origin === ORIGIN_MEETING ? authorBadge : `${authorBadge} ${t('consultation.badge')}`;
  // The handle shows the author: its name begins with that (WCAG 2.5.3), then says what it does.
  const privateLabel = pending ? t('moderation.waiting') : t('note.private');
  const handleName = drafts ? t('a11y.moveDraft', { label: privateLabel }) : t('a11y.moveNote', { name: note.authorName, badge });

  return (
    <div
      className={`note note-${note.color}${isDragging ? ' is-dragging' : ''}${menuOpen ? ' has-menu' : ''}${drafts ? ' is-draft' : ''}${pending ? ' is-pending' : ''}`}
      style={{ transform: `translate(${note.x}px, ${note.y}px)` }}
      role="group"
      aria-label={pending ? t('moderation.waitingLabel') : drafts ? t('note.draftLabel') : t('note.label', { name: note.authorName })}
      data-note-id={id}
      data-draft={drafts || undefined}
      data-pending={pending || undefined}
      data-where={note.where}
      data-scenario-id={note.scenarioId ?? ''}
    >
      <DuplicateMarker id={id} />
      {role === 'facilitator' && !drafts && <FlagMarker id={id} />}
      {/* A tab on the card's top edge, not in its header: there the author's name and sector show whole. */}
      {!drafts && <OriginBadge origin={note.origin} />}
      <div className="note-top">
        {may.move ? (
          <NoteDragHandle
            dragId={drafts ? DRAFT_DRAG_PREFIX + id : id}
            viewRef={viewRef}
            label={handleName}
            title={t('note.move')}
            onDragging={setDragging}
          >
            <span className="note-grip" aria-hidden="true">
              ⋮⋮
            </span>
            <span className="note-author">{drafts ? privateLabel : note.authorName}</span>{' '}
            {!drafts && <AuthorBadge note={note} compact />}
          </NoteDragHandle>
        ) : (
          <div className="note-handle is-static">
            <span className="note-author">{note.authorName}</span>{' '}
            <AuthorBadge note={note} compact />
          </div>
        )}
        {hasMenu && (
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
        )}
      </div>
      <div className="note-body">
        {/* Read as a clamped paragraph; focus shows the textarea, grown to the whole text. */}
        <NoteText doc={doc} id={id} override={kept.text} />
        <textarea
          ref={(el) => {
            text.ref(el);
            kept.areaRef.current = el;
          }}
          className="note-text"
          aria-label={t('note.text')}
          maxLength={MAX_NOTE_TEXT}
          onInput={kept.carryingOn ? kept.onInput : text.onInput}
          onBlur={kept.onBlur}
          readOnly={!may.edit && !kept.carryingOn}
          spellCheck
        />
      </div>
      {kept.text !== null && (
        <p className="note-kept" role="status">
          {t(kept.carryingOn ? 'note.keptTyping' : 'note.kept')}
        </p>
      )}
      <div className="note-footer">
        {/* In the footer, not the top row: the author's name there shows whole (WCAG 1.4.10). */}
        {!drafts && <ItemFeedback itemId={id} compact />}
        {drafts ? <span className="draft-hint">{pending ? t('moderation.waiting') : t('note.privateHint')}</span> : <DotControls itemId={id} />}
      </div>
      {menuOpen && (
        <NoteMenu
          id={id}
          color={note.color}
          scenarioId={note.scenarioId}
          canMove={may.move}
          canDelete={may.remove}
          onClose={() => setMenuOpen(false)}
        />
      )}
    </div>
  );
}

/**
 * Keeps what its author was typing when writing closed (phase change, lock):
 * they may finish the sentence, the text stays on this device (across
 * reloads) and goes into the note as soon as they may edit it again.
 */
function useKeptTyping(id: string, ytext: Y.Text | null, mayEdit: boolean) {
  const [text, setText] = useNoteKeptText(`note.${id}`);
  const [carryingOn, setCarryingOn] = useState(false);
  const areaRef = useRef<HTMLTextAreaElement | null>(null);
  const couldEdit = useRef(mayEdit);

  useLayoutEffect(() => {
    const area = areaRef.current;
    if (couldEdit.current && !mayEdit && area && document.activeElement === area) {
      setText(area.value);
      setCarryingOn(true);
    }
    couldEdit.current = mayEdit;
  }, [mayEdit, setText]);

  useEffect(() => {
    if (!mayEdit || text === null || !ytext) return;
    if (ytext.toString() !== text) applyTextEdit(ytext, clampText(text, MAX_NOTE_TEXT));
    setText(null);
    setCarryingOn(false);
  }, [mayEdit, text, ytext, setText]);

  return {
    text,
    carryingOn,
    areaRef,
    onInput: (e: FormEvent<HTMLTextAreaElement>) => setText(e.currentTarget.value),
    onBlur: () => {
      setCarryingOn(false);
      // Everything typed reached the board after all: nothing to keep.
      if (text !== null && ytext?.toString() === text) setText(null);
    },
  };
}

/** Only the id can change what a card shows; everything else it observes itself. */
export const NoteCard = memo(NoteCardImpl, (prev, next) => prev.id === next.id);
