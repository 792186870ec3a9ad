/**
 * The infinite canvas: frames behind notes, other people's cursors on top.
 * Only notes whose box meets the screen (plus a margin) are mounted, so a
 * plenary board with thousands of notes costs what the screen shows.
 */
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useSyncExternalStore, type RefObject } from 'react';
import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  TouchSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import { useTranslation } from 'react-i18next';
import { NOTE_HEIGHT, NOTE_WIDTH, type ScenarioView } from '../../shared/schema';
import { dropNote, getNote } from '../../shared/notes';
import { BoardContext, useBoard, type BoardContextValue } from '../hooks/useBoard';
import { arrayEqual } from '../hooks/useObserved';
import { useNoteIds } from '../hooks/useNoteIds';
import { useScenarios } from '../hooks/useScenarios';
import { useScenarioCounts } from '../hooks/useScenarioCounts';
import { usePointerShared } from '../hooks/useCursors';
import { useFocusPan } from '../hooks/useFocusPan';
import type { Viewport } from '../hooks/useViewport';
import { describeDraggedNote, noteDragAnnouncements } from '../lib/dragAnnouncements';
import { takePendingFocus } from '../lib/focusRequest';
import { throttle } from '../lib/throttle';
import { intersects, visibleWorld, zoomAt } from '../lib/viewport';
import { Cursors } from './Cursors';
import { DRAFT_DRAG_PREFIX, NoteCard } from './NoteCard';
import { NoteChip, SIMPLE_BELOW_ZOOM, TEXTLESS_BELOW_ZOOM } from './NoteChip';
import { CHIP_DRAG_ID, ChipDragProvider, type ChipDragData } from './ChipDrag';
import { ScenarioFrame } from './ScenarioFrame';
import '../styles/Canvas.css';

/** Screen pixels of off-screen content kept mounted, so a pan never shows a gap. */
const CULL_MARGIN = 400;
/** Module constants, not literals: dnd-kit memoises sensors on these objects,
 * and a new object per render would re-render every draggable note. A short
 * distance keeps clicks and typing from starting a drag; touch waits for a
 * deliberate press so a swipe still pans. */
const POINTER_SENSOR = { activationConstraint: { distance: 6 } };
const TOUCH_SENSOR = { activationConstraint: { delay: 180, tolerance: 8 } };

/** Keeps the previous array while its items are the same, so a pan that
 * changes nothing on screen does not re-render the layers below. */
function useStableArray<T>(next: T[]): T[] {
  const ref = useRef(next);
  if (!arrayEqual(ref.current, next)) ref.current = next;
  return ref.current;
}

/** Memoised on the culled id list: panning costs nothing here until a note
 * enters or leaves the screen. Zoomed out below SIMPLE_BELOW_ZOOM, notes are
 * chips (NoteChip): the whole board on screen paints a block and a text per
 * note, and only the block further out. */
type Detail = 'card' | 'chip' | 'block';

const detailAt = (zoom: number): Detail => (zoom >= SIMPLE_BELOW_ZOOM ? 'card' : zoom >= TEXTLESS_BELOW_ZOOM ? 'chip' : 'block');

const NotesLayer = memo(function NotesLayer({ ids, detail }: { ids: string[]; detail: Detail }) {
  return (
    <div className="layer-notes">
      {ids.map((id) => (detail === 'card' ? <NoteCard key={id} id={id} /> : <NoteChip key={id} id={id} showText={detail === 'chip'} />))}
    </div>
  );
});

const FramesLayer = memo(function FramesLayer({ frames, counts }: { frames: ScenarioView[]; counts: Map<string, number> }) {
  return (
    <div className="layer-frames">
      {frames.map((s) => (
        <ScenarioFrame key={s.id} scenario={s} count={counts.get(s.id) ?? 0} />
      ))}
    </div>
  );
});

/** The participant's private drafts, few by nature, so never culled. */
function DraftsLayer({ drafts }: { drafts: BoardContextValue }) {
  const ids = useNoteIds(drafts.doc);
  // A new draft mounts here, not in the canvas's own commit.
  useLayoutEffect(takePendingFocus);
  return (
    <BoardContext.Provider value={drafts}>
      <div className="layer-notes layer-drafts">
        {ids.map((id) => (
          <NoteCard key={id} id={id} />
        ))}
      </div>
    </BoardContext.Provider>
  );
}

interface CanvasProps {
  viewport: Viewport;
  containerRef: RefObject<HTMLDivElement | null>;
  worldRef: RefObject<HTMLDivElement | null>;
  /** Absent where this person may not write notes now. */
  onAddNoteAt?: (x: number, y: number) => void;
  /** The private drafts subtree, for a participant who has one. */
  drafts: BoardContextValue | null;
  /** The item the facilitator put in the spotlight. */
  spotlightId: string | null;
  /** Cursor sends are throttled harder in a crowd. */
  cursorSendMs: number;
  /** In a crowd only the facilitator's pointer is drawn. */
  facilitatorCursorOnly: boolean;
}

export function Canvas({ viewport, containerRef, worldRef, onAddNoteAt, drafts, spotlightId, cursorSendMs, facilitatorCursorOnly }: CanvasProps) {
  const { t } = useTranslation();
  const { doc, awareness, positions, role } = useBoard();
  const ids = useNoteIds(doc);
  const positionsVersion = useSyncExternalStore(positions.subscribe, positions.getVersion);
  const scenarios = useScenarios(doc);
  const counts = useScenarioCounts(doc);
  const { view, size, toWorld, viewRef } = viewport;

  const culled = useMemo(() => {
    // positions is mutable: reading its version makes the memo recompute when a note moved.
    void positionsVersion;
    const screen = visibleWorld(view, size.width || window.innerWidth, size.height || window.innerHeight, CULL_MARGIN);
    return ids.filter((id) => {
      const p = positions.get(id);
      return p ? intersects(screen, { x: p.x, y: p.y, w: NOTE_WIDTH, h: NOTE_HEIGHT }) : false;
    });
  }, [ids, positions, view, size, positionsVersion]);

  const culledFrames = useMemo(() => {
    const screen = visibleWorld(view, size.width || window.innerWidth, size.height || window.innerHeight, CULL_MARGIN);
    return scenarios.filter((s) => intersects(screen, s));
  }, [scenarios, view, size]);
  const visible = useStableArray(culled);
  const visibleFrames = useStableArray(culledFrames);

  // After every commit: a note or frame just created may now be mounted.
  useLayoutEffect(takePendingFocus);
  useFocusPan(containerRef, viewport);

  const sensors = useSensors(
    useSensor(PointerSensor, POINTER_SENSOR),
    useSensor(TouchSensor, TOUCH_SENSOR),
    useSensor(KeyboardSensor),
  );

  const onDragEnd = useCallback(
    ({ active, delta }: DragEndEvent) => {
      // One draggable carries every chip (its note in its data); a card's id names its note, a draft's with a prefix.
      const raw = String(active.id);
      const [target, id] =
        active.id === CHIP_DRAG_ID
          ? [doc, (active.data.current as ChipDragData | undefined)?.noteId ?? '']
          : raw.startsWith(DRAFT_DRAG_PREFIX)
            ? [drafts?.doc, raw.slice(DRAFT_DRAG_PREFIX.length)]
            : [doc, raw];
      const note = target ? getNote(target, id) : null;
      if (!target || !note) return;
      const zoom = viewRef.current.zoom;
      dropNote(target, id, note.x + delta.x / zoom, note.y + delta.y / zoom);
    },
    [doc, drafts, viewRef],
  );

  const sendCursor = useMemo(
    () => throttle((x: number | null, y: number) => awareness.setLocalStateField('cursor', x === null ? null : { x, y }), cursorSendMs),
    [awareness, cursorSendMs],
  );
  const sharesCursor = usePointerShared(awareness, role);
  // A trailing send queued just before a secret round opened must not follow the withdrawal.
  useEffect(() => {
    if (!sharesCursor) sendCursor.cancel();
  }, [sharesCursor, sendCursor]);

  const accessibility = useMemo(() => {
    const empty = { note: t('note.empty'), scenario: t('scenario.unnamed') };
    const describe = (dragId: string) => describeDraggedNote(doc, drafts?.doc ?? null, dragId, DRAFT_DRAG_PREFIX, empty);
    return { screenReaderInstructions: { draggable: t('drag.instructions') }, announcements: noteDragAnnouncements(t, describe) };
  }, [t, doc, drafts]);

  return (
    <div
      ref={containerRef}
      className="canvas"
      tabIndex={0}
      role="application"
      aria-label={t(onAddNoteAt ? 'canvas.label' : 'canvas.labelReadOnly')}
      data-spotlight={spotlightId ?? ''}
      onPointerMove={(e) => {
        if (!sharesCursor) return;
        const p = toWorld(e.clientX, e.clientY);
        sendCursor(Math.round(p.x), Math.round(p.y));
      }}
      onPointerLeave={() => sharesCursor && sendCursor(null, 0)}
      onDoubleClick={(e) => {
        // A note seen from far away opens where it is: the board zooms to 100 % around the pointer.
        if ((e.target as Element).closest('.note-chip')) {
          const box = e.currentTarget.getBoundingClientRect();
          viewport.setView(zoomAt(viewRef.current, 1, e.clientX - box.left, e.clientY - box.top));
          return;
        }
        if (!onAddNoteAt) return;
        if ((e.target as Element).closest('.note, .frame-header, button, input, textarea, select')) return;
        const p = toWorld(e.clientX, e.clientY);
        onAddNoteAt(p.x - NOTE_WIDTH / 2, p.y - NOTE_HEIGHT / 2);
      }}
    >
      {spotlightId && (
        // One rule instead of every card observing the session.
        <style>{`[data-note-id="${CSS.escape(spotlightId)}"]:not([data-draft]), [data-scenario-frame="${CSS.escape(spotlightId)}"] { outline: 6px solid var(--spotlight); outline-offset: 4px; }`}</style>
      )}
      <DndContext sensors={sensors} onDragEnd={onDragEnd} autoScroll={false} accessibility={accessibility}>
        <ChipDragProvider viewRef={viewRef}>
          <div ref={worldRef} className="world">
            <FramesLayer frames={visibleFrames} counts={counts} />
            <NotesLayer ids={visible} detail={detailAt(view.zoom)} />
            {drafts && <DraftsLayer drafts={drafts} />}
            <Cursors zoom={view.zoom} facilitatorOnly={facilitatorCursorOnly} />
          </div>
        </ChipDragProvider>
      </DndContext>
    </div>
  );
}
