/**
 * Dragging notes seen from far away (NoteChip) through one draggable for all
 * of them. dnd-kit renders every useDraggable caller when a drag starts and
 * ends; at 100 % that is the few dozen cards on screen, but zoomed out on a
 * plenary board it is every note, and 2,000 handles rendering at once made
 * the frame that picks a note up last 70–100 ms. Here chips carry plain
 * listeners; the one draggable below points itself at the chip a pointer or
 * key went down on, and forwards that event to dnd-kit's sensor, so a drag
 * start renders this component and the picked-up chip only.
 */
import { createContext, useContext, useLayoutEffect, useMemo, useRef, type KeyboardEvent, type PointerEvent, type ReactNode, type RefObject, type TouchEvent } from 'react';
import { useDraggable } from '@dnd-kit/core';
import type { View } from '../lib/viewport';

/** dnd-kit's id for whichever chip is being dragged; the note id is in its data. */
export const CHIP_DRAG_ID = 'chip';

export interface ChipDragData {
  noteId: string;
}

interface ChipDragApi {
  /** Listeners and attributes for a chip's handle; stable for the canvas's life. */
  handleProps(noteId: string): {
    onPointerDown: (e: PointerEvent<HTMLElement>) => void;
    onKeyDown: (e: KeyboardEvent<HTMLElement>) => void;
    onTouchStart: (e: TouchEvent<HTMLElement>) => void;
    role: 'button';
    tabIndex: 0;
    'aria-roledescription': string;
    'aria-describedby': string | undefined;
  };
}

const ChipDragContext = createContext<ChipDragApi | null>(null);

export const useChipDrag = (): ChipDragApi | null => useContext(ChipDragContext);

export function ChipDragProvider({ viewRef, children }: { viewRef: RefObject<View>; children: ReactNode }) {
  // One mutable object: dnd-kit keeps the latest `data`, read back on drop.
  const data = useRef<ChipDragData>({ noteId: '' }).current;
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({ id: CHIP_DRAG_ID, data });
  const card = useRef<HTMLElement | null>(null);
  // The latest listeners and ref setter, read by the stable handle props.
  const latest = useRef({ listeners, setNodeRef });
  latest.current = { listeners, setNodeRef };
  const describedBy = attributes['aria-describedby'];
  const roleDescription = attributes['aria-roledescription'];

  // A pointer move renders this component only: the chip moves through its element's translate.
  useLayoutEffect(() => {
    const el = card.current;
    if (!el) return;
    const zoom = viewRef.current.zoom;
    el.style.translate = transform ? `${transform.x / zoom}px ${transform.y / zoom}px` : '';
  }, [transform, viewRef]);

  useLayoutEffect(() => {
    const el = card.current;
    if (!el) return;
    el.classList.toggle('is-dragging', isDragging);
    if (!isDragging) el.style.translate = '';
  }, [isDragging]);

  const api = useMemo<ChipDragApi>(() => {
    const aim = (noteId: string, target: HTMLElement): void => {
      const el = target.closest<HTMLElement>('[data-note-id]');
      // A chip unmounted mid-drag leaves its element where the note is.
      if (card.current && card.current !== el) card.current.style.translate = '';
      card.current = el;
      data.noteId = noteId;
      latest.current.setNodeRef(el);
    };
    return {
      handleProps: (noteId) => ({
        onPointerDown: (e) => {
          aim(noteId, e.currentTarget);
          latest.current.listeners?.onPointerDown?.(e);
        },
        onKeyDown: (e) => {
          aim(noteId, e.currentTarget);
          latest.current.listeners?.onKeyDown?.(e);
        },
        onTouchStart: (e) => {
          aim(noteId, e.currentTarget);
          latest.current.listeners?.onTouchStart?.(e);
        },
        role: 'button',
        tabIndex: 0,
        'aria-roledescription': roleDescription,
        'aria-describedby': describedBy,
      }),
    };
  }, [data, describedBy, roleDescription]);

  return <ChipDragContext.Provider value={api}>{children}</ChipDragContext.Provider>;
}
