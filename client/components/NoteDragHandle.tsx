/**
 * The grip on a note's top row, and the one place a note meets dnd-kit.
 * dnd-kit's contexts change when any drag starts or ends, and everything
 * calling useDraggable renders then: here that is this small handle, never
 * the card with its text, dots and feedback. While dragged the card moves
 * through its element's `translate` (set here, beside the `transform` React
 * owns), so a pointer move renders nothing; the card itself renders only
 * when its own drag starts and ends (to style itself), through `onDragging`.
 */
import { memo, useLayoutEffect, useRef, type ReactNode, type RefObject } from 'react';
import { useDraggable } from '@dnd-kit/core';
import type { View } from '../lib/viewport';

interface NoteDragHandleProps {
  /** dnd-kit's id: the note id, with the draft prefix for a private draft. */
  dragId: string;
  viewRef: RefObject<View>;
  label: string;
  title: string;
  onDragging: (dragging: boolean) => void;
  children: ReactNode;
}

function NoteDragHandleImpl({ dragId, viewRef, label, title, onDragging, children }: NoteDragHandleProps) {
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({ id: dragId });

  const handleRef = useRef<HTMLDivElement | null>(null);
  // The card that moves and that dnd-kit measures: found from the handle, whose
  // ref is set before this effect runs (the card's own ref is set after).
  const cardRef = useRef<HTMLElement | null>(null);

  useLayoutEffect(() => {
    cardRef.current = handleRef.current?.closest<HTMLElement>('[data-note-id]') ?? null;
    setNodeRef(cardRef.current);
    return () => setNodeRef(null);
  }, [setNodeRef]);

  useLayoutEffect(() => {
    const card = cardRef.current;
    if (!card) return;
    // dnd-kit reports screen pixels; the note lives in world units.
    const zoom = viewRef.current.zoom;
    card.style.translate = transform ? `${transform.x / zoom}px ${transform.y / zoom}px` : '';
    // A handle removed mid-drag (the right to move was withdrawn) leaves its card where the note is.
    return () => {
      card.style.translate = '';
    };
  }, [transform, viewRef]);

  useLayoutEffect(() => {
    onDragging(isDragging);
    return () => onDragging(false);
  }, [isDragging, onDragging]);

  return (
    <div ref={handleRef} className="note-handle" data-drag-handle {...attributes} {...listeners} aria-label={label} title={title}>
      {children}
    </div>
  );
}

/** Renders again for its own props or dnd-kit's contexts, not for its card's. */
export const NoteDragHandle = memo(NoteDragHandleImpl);
