/**
 * A scenario: a named frame that clusters notes. Dragging the header moves
 * it (with its notes, on release), the corner handle resizes it. Both
 * gestures preview locally and write to the document once, when released.
 */
import { memo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_NAME_LENGTH, type ScenarioView } from '../../shared/schema';
import { moveScenario, renameScenario, resizeScenario } from '../../shared/scenarios';
import { useBoard } from '../hooks/useBoard';
import { DotControls } from './DotControls';
import { ItemFeedback } from './ItemFeedback';
import { ScenarioMenu } from './ScenarioMenu';
import '../styles/ScenarioFrame.css';

interface ScenarioFrameProps {
  scenario: ScenarioView;
  count: number;
}

type Gesture = { kind: 'move' | 'resize'; pointerId: number; startX: number; startY: number };

const KEY_STEP = 20;
const KEY_DIRS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

function ScenarioFrameImpl({ scenario: s, count }: ScenarioFrameProps) {
  const { t } = useTranslation();
  const { doc, viewRef, rights } = useBoard();
  const editable = rights.cluster;
  const [menuOpen, setMenuOpen] = useState(false);
  const [offset, setOffset] = useState({ dx: 0, dy: 0, dw: 0, dh: 0 });
  const gesture = useRef<Gesture | null>(null);

  const start = (kind: Gesture['kind']) => (e: PointerEvent<HTMLElement>) => {
    if (e.button !== 0 && e.pointerType === 'mouse') return;
    if (kind === 'move' && (e.target as Element).closest('input, button, select')) return;
    e.stopPropagation();
    e.currentTarget.setPointerCapture(e.pointerId);
    gesture.current = { kind, pointerId: e.pointerId, startX: e.clientX, startY: e.clientY };
  };
  const move = (e: PointerEvent<HTMLElement>) => {
    const g = gesture.current;
    if (!g || g.pointerId !== e.pointerId) return;
    const zoom = viewRef.current.zoom;
    const dx = (e.clientX - g.startX) / zoom;
    const dy = (e.clientY - g.startY) / zoom;
    setOffset(g.kind === 'move' ? { dx, dy, dw: 0, dh: 0 } : { dx: 0, dy: 0, dw: dx, dh: dy });
  };
  const end = (e: PointerEvent<HTMLElement>) => {
    const g = gesture.current;
    if (!g || g.pointerId !== e.pointerId) return;
    gesture.current = null;
    const zoom = viewRef.current.zoom;
    const dx = (e.clientX - g.startX) / zoom;
    const dy = (e.clientY - g.startY) / zoom;
    if (g.kind === 'move') moveScenario(doc, s.id, s.x + dx, s.y + dy);
    else resizeScenario(doc, s.id, s.w + dx, s.h + dy);
    setOffset({ dx: 0, dy: 0, dw: 0, dh: 0 });
  };
  const gestureHandlers = (kind: Gesture['kind']) => ({
    onPointerDown: start(kind),
    onPointerMove: move,
    onPointerUp: end,
    onPointerCancel: () => {
      gesture.current = null;
      setOffset({ dx: 0, dy: 0, dw: 0, dh: 0 });
    },
  });
  const onKey = (kind: Gesture['kind']) => (e: KeyboardEvent) => {
    const dir = KEY_DIRS[e.key];
    if (!dir) return;
    e.preventDefault();
    const [x, y] = [dir[0] * KEY_STEP, dir[1] * KEY_STEP];
    if (kind === 'move') moveScenario(doc, s.id, s.x + x, s.y + y);
    else resizeScenario(doc, s.id, s.w + x, s.h + y);
  };

  return (
    <section
      className={`frame frame-${s.color}${menuOpen ? ' has-menu' : ''}`}
      // left/top, not a transform: a transform would make the frame its own
      // stacking context and keep its header below the notes (ScenarioFrame.css).
      style={{
        left: s.x + offset.dx,
        top: s.y + offset.dy,
        width: Math.max(0, s.w + offset.dw),
        height: Math.max(0, s.h + offset.dh),
      }}
      aria-label={s.name || t('scenario.unnamed')}
      data-scenario-frame={s.id}
      data-note-count={count}
    >
      <header className="frame-header" data-no-pan {...(editable ? gestureHandlers('move') : {})}>
        {editable && (
          <button
            type="button"
            className="icon-btn frame-grip"
            aria-label={t('scenario.move')}
            title={t('scenario.move')}
            onKeyDown={onKey('move')}
          >
            ⋮⋮
          </button>
        )}
        <input
          className="frame-name"
          aria-label={t('scenario.name')}
          value={s.name}
          maxLength={MAX_NAME_LENGTH}
          placeholder={t('scenario.unnamed')}
          readOnly={!editable}
          onChange={(e) => renameScenario(doc, s.id, e.target.value)}
        />
        <span className="frame-count">{t('scenario.count', { count })}</span>
        <DotControls itemId={s.id} />
        <ItemFeedback itemId={s.id} label={s.name || t('scenario.unnamed')} compact />
        {editable && (
          <button
            type="button"
            className="icon-btn"
            aria-label={t('scenario.menu')}
            title={t('scenario.menu')}
            aria-expanded={menuOpen}
            onClick={() => setMenuOpen((o) => !o)}
          >
            ⋯
          </button>
        )}
      </header>
      {menuOpen && editable && <ScenarioMenu scenario={s} onClose={() => setMenuOpen(false)} />}
      {editable && (
        <button
          type="button"
          className="frame-resize"
          aria-label={t('scenario.resize')}
          title={t('scenario.resize')}
          onKeyDown={onKey('resize')}
          {...gestureHandlers('resize')}
        />
      )}
    </section>
  );
}

const sameFrame = (a: ScenarioFrameProps, b: ScenarioFrameProps): boolean =>
  a.count === b.count &&
  a.scenario.id === b.scenario.id &&
  a.scenario.name === b.scenario.name &&
  a.scenario.color === b.scenario.color &&
  a.scenario.x === b.scenario.x &&
  a.scenario.y === b.scenario.y &&
  a.scenario.w === b.scenario.w &&
  a.scenario.h === b.scenario.h;

export const ScenarioFrame = memo(ScenarioFrameImpl, sameFrame);
