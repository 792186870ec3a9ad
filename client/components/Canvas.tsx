/**
 * The infinite canvas: frames behind notes, other people's cursors on top.
 * Only notes whose box meets the screen (plus a margin) are mounted, so a
 * plenary board with thousands of notes costs what the screen shows.
 */
import { memo, useCallback, useLayoutEffect, useMemo, useRef, useSyncExternalStore, type RefObject } from 'react';
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
import { useBoard } from '../hooks/useBoard';
import { arrayEqual } from '../hooks/useObserved';
import { useNoteIds } from '../hooks/useNoteIds';
import { useScenarios } from '../hooks/useScenarios';
import { useScenarioCounts } from '../hooks/useScenarioCounts';
import type { Viewport } from '../hooks/useViewport';
import { takePendingFocus } from '../lib/focusRequest';
import { throttle } from '../lib/throttle';
import { intersects, visibleWorld } from '../lib/viewport';
import { Cursors } from './Cursors';
import { NoteCard } from './NoteCard';
import { ScenarioFrame } from './ScenarioFrame';
import '../styles/Canvas.css';

/** Screen pixels of off-screen content kept mounted, so a pan never shows a gap. */
const CULL_MARGIN = 400;
const CURSOR_SEND_MS = 50;
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
 * enters or leaves the screen. */
const NotesLayer = memo(function NotesLayer({ ids }: { ids: string[] }) {
  return (
    <div className="layer-notes">
      {ids.map((id) => (
        <NoteCard key={id} id={id} />
      ))}
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

interface CanvasProps {
  viewport: Viewport;
  containerRef: RefObject<HTMLDivElement | null>;
  worldRef: RefObject<HTMLDivElement | null>;
  onAddNoteAt: (x: number, y: number) => void;
}

export function Canvas({ viewport, containerRef, worldRef, onAddNoteAt }: CanvasProps) {
  const { t } = useTranslation();
  const { doc, awareness, positions } = useBoard();
  const ids = useNoteIds(doc);
  const positionsVersion = useSyncExternalStore(positions.subscribe, positions.getVersion);
  const scenarios = useScenarios(doc);
  const counts = useScenarioCounts(doc);
  const { view, size, toWorld, viewRef } = viewport;

  const culled = useMemo(() => {
    const screen = visibleWorld(view, size.width || window.innerWidth, size.height || window.innerHeight, CULL_MARGIN);
    return ids.filter((id) => {
      const p = positions.get(id);
      return p ? intersects(screen, { x: p.x, y: p.y, w: NOTE_WIDTH, h: NOTE_HEIGHT }) : false;
    });
    // positionsVersion: positions is mutable; its version says when it moved.
  }, [ids, positions, positionsVersion, view, size]);

  const culledFrames = useMemo(() => {
    const screen = visibleWorld(view, size.width || window.innerWidth, size.height || window.innerHeight, CULL_MARGIN);
    return scenarios.filter((s) => intersects(screen, s));
  }, [scenarios, view, size]);
  const visible = useStableArray(culled);
  const visibleFrames = useStableArray(culledFrames);

  // After every commit: a note or frame just created may now be mounted.
  useLayoutEffect(takePendingFocus);

  const sensors = useSensors(
    useSensor(PointerSensor, POINTER_SENSOR),
    useSensor(TouchSensor, TOUCH_SENSOR),
    useSensor(KeyboardSensor),
  );

  const onDragEnd = useCallback(
    ({ active, delta }: DragEndEvent) => {
      const id = String(active.id);
      const note = getNote(doc, id);
      if (!note) return;
      const zoom = viewRef.current.zoom;
      dropNote(doc, id, note.x + delta.x / zoom, note.y + delta.y / zoom);
    },
    [doc, viewRef],
  );

  const sendCursor = useMemo(
    () => throttle((x: number | null, y: number) => awareness.setLocalStateField('cursor', x === null ? null : { x, y }), CURSOR_SEND_MS),
    [awareness],
  );

  const accessibility = useMemo(
    () => ({
      screenReaderInstructions: { draggable: t('drag.instructions') },
      announcements: {
        onDragStart: () => t('drag.picked'),
        onDragOver: () => undefined,
        onDragMove: () => undefined,
        onDragEnd: () => t('drag.dropped'),
        onDragCancel: () => t('drag.cancelled'),
      },
    }),
    [t],
  );

  return (
    <div
      ref={containerRef}
      className="canvas"
      tabIndex={0}
      role="application"
      aria-label={t('canvas.label')}
      onPointerMove={(e) => {
        const p = toWorld(e.clientX, e.clientY);
        sendCursor(Math.round(p.x), Math.round(p.y));
      }}
      onPointerLeave={() => sendCursor(null, 0)}
      onDoubleClick={(e) => {
        if ((e.target as Element).closest('.note, .frame-header, button, input, textarea, select')) return;
        const p = toWorld(e.clientX, e.clientY);
        onAddNoteAt(p.x - NOTE_WIDTH / 2, p.y - NOTE_HEIGHT / 2);
      }}
    >
      <DndContext sensors={sensors} onDragEnd={onDragEnd} autoScroll={false} accessibility={accessibility}>
        <div ref={worldRef} className="world">
          <FramesLayer frames={visibleFrames} counts={counts} />
          <NotesLayer ids={visible} />
          <Cursors zoom={view.zoom} />
        </div>
      </DndContext>
    </div>
  );
}
