/**
 * The full board: header, phase bar, banners, canvas, toolbar, results (which
 * open by themselves when a round is revealed), the action plan in
 * Co-design, and for the facilitator their panel and settings. Owns the
 * actions that need the view (add a note at the centre, fit, follow the
 * spotlight).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newItemId } from '../../shared/ids';
import { NOTE_HEIGHT, NOTE_WIDTH, SCENARIO_COLORS, type SessionView } from '../../shared/schema';
import { DEFAULT_SCENARIO_HEIGHT, DEFAULT_SCENARIO_WIDTH, createScenario, listScenarios } from '../../shared/scenarios';
import { useBoard } from '../hooks/useBoard';
import { useFollowSpotlight } from '../hooks/useFollowSpotlight';
import { useJumpToNote } from '../hooks/useJumpToNote';
import { useNoteNudge } from '../hooks/useNoteNudge';
import { useRevealSignal } from '../hooks/useRevealSignal';
import { useSidePanels } from '../hooks/useSidePanels';
import type { ViewMode } from '../hooks/useViewMode';
import { useViewport } from '../hooks/useViewport';
import { requestFocus } from '../lib/focusRequest';
import { BOARD_SEED_RINGS, freeFrameSpot, freeSpotNear, viewShowing } from '../lib/placement';
import { ZOOM_STEP, unionRect, type Rect } from '../lib/viewport';
import { ActionPlanPanel } from './ActionPlan';
import { BoardHeader } from './BoardHeader';
import { Canvas } from './Canvas';
import { FacilitatorPanel } from './FacilitatorPanel';
import { LiveAnnouncer } from './LiveAnnouncer';
import { PhaseBar } from './PhaseBar';
import { ResultsPanel } from './ResultsPanel';
import type { RoomChrome } from './RoomScreen';
import { SessionBanners } from './SessionBanners';
import { SettingsDialog } from './SettingsDialog';
import { Toolbar } from './Toolbar';

const isTyping = (el: EventTarget | null): boolean =>
  el instanceof HTMLElement && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));

/** Wide enough for the facilitator's panel to sit beside the canvas by default. */
const PANEL_MIN_WIDTH = 1100;

interface BoardViewProps {
  chrome: RoomChrome;
  session: SessionView;
  viewMode: ViewMode;
  onViewMode: (mode: ViewMode) => void;
}

export function BoardView({ chrome, session, viewMode, onViewMode }: BoardViewProps) {
  const { t } = useTranslation();
  const { doc, positions, viewRef, role, rights, serverNow, identity } = useBoard();
  const facilitator = role === 'facilitator';
  const panels = useSidePanels(() => [
    ...(facilitator && window.innerWidth >= PANEL_MIN_WIDTH ? (['facilitate'] as const) : []),
    ...(session.phase === 'codesign' ? (['plan'] as const) : []),
  ]);
  const resultsOpen = panels.isOpen('results');
  const panelOpen = facilitator && panels.isOpen('facilitate');
  const planOpen = session.phase === 'codesign' && panels.isOpen('plan');
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [following, setFollowing] = useState(false);
  const containerRef = useRef<HTMLDivElement>(null);
  const worldRef = useRef<HTMLDivElement>(null);
  const viewport = useViewport(containerRef, worldRef, viewRef);
  const { writeNote } = chrome;

  const followed = useFollowSpotlight(doc, session.spotlight, following && !facilitator, viewport, worldRef);
  useJumpToNote(doc, viewport);
  // Revealed results come forward for everyone at once.
  useRevealSignal(() => session.phase === 'priorities' && panels.open('results'));
  // Entering Co-design brings the action plan forward.
  const { open: openSidePanel } = panels;
  useEffect(() => {
    if (session.phase === 'codesign') openSidePanel('plan');
  }, [session.phase, openSidePanel]);

  const addNoteAt = useCallback(
    (x: number, y: number) => {
      // The note mounts on the next commit; its textarea takes focus then.
      const created = writeNote?.(x, y);
      if (created) requestFocus(`[data-note-id="${created}"] textarea`);
    },
    [writeNote],
  );

  const addNoteAtCentre = useCallback(() => {
    const c = viewport.centre();
    const seed = { id: identity.id, rings: BOARD_SEED_RINGS };
    const spot = freeSpotNear(chrome.occupied, listScenarios(doc), c.x - NOTE_WIDTH / 2, c.y - NOTE_HEIGHT / 2, seed);
    addNoteAt(spot.x, spot.y);
    // The free spot may be off screen or under the floating toolbar: bring the new note into view above it.
    const { width, height } = viewport.size;
    viewport.setView(viewShowing(viewRef.current, width, height, { x: spot.x, y: spot.y, w: NOTE_WIDTH, h: NOTE_HEIGHT }));
  }, [addNoteAt, chrome.occupied, doc, identity.id, viewport, viewRef]);
  useNoteNudge(doc, identity.id, role !== 'observer');

  const newScenario = useCallback(() => {
    const c = viewport.centre();
    const frames = listScenarios(doc);
    const n = frames.length;
    const id = newItemId();
    // In free space near the centre, never over notes it would not contain.
    const spot = freeFrameSpot(positions.entries(), frames, c.x - DEFAULT_SCENARIO_WIDTH / 2, c.y - DEFAULT_SCENARIO_HEIGHT / 2);
    requestFocus(`[data-scenario-frame="${id}"] .frame-name`);
    createScenario(doc, {
      id,
      name: t('scenario.defaultName', { n: n + 1 }),
      x: spot.x,
      y: spot.y,
      color: SCENARIO_COLORS[n % SCENARIO_COLORS.length],
    });
    // Free space may be off screen: bring the new frame into view.
    const { width, height } = viewport.size;
    viewport.setView(viewShowing(viewRef.current, width, height, { x: spot.x, y: spot.y, w: DEFAULT_SCENARIO_WIDTH, h: DEFAULT_SCENARIO_HEIGHT }));
  }, [doc, positions, t, viewport, viewRef]);

  const fit = useCallback(() => {
    const rects: Rect[] = listScenarios(doc).map((s) => ({ x: s.x, y: s.y, w: s.w, h: s.h }));
    for (const [, p] of positions.entries()) rects.push({ x: p.x, y: p.y, w: NOTE_WIDTH, h: NOTE_HEIGHT });
    viewport.fit(unionRect(rects));
  }, [doc, positions, viewport]);

  const { close: closeSidePanel } = panels;
  const closeResults = useCallback(() => closeSidePanel('results'), [closeSidePanel]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'n' && e.key !== 'N') return;
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target) || document.querySelector('dialog[open]')) return;
      e.preventDefault();
      addNoteAtCentre();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [addNoteAtCentre]);

  return (
    <div className={`board${resultsOpen ? ' has-results' : ''}${panelOpen ? ' has-panel' : ''}`} data-role={role}>
      <BoardHeader
        status={chrome.status}
        synced={chrome.synced}
        peers={chrome.peers}
        crowd={chrome.crowd}
        viewMode={viewMode}
        onViewMode={onViewMode}
        onEditIdentity={chrome.editIdentity}
        onLinks={chrome.openLinks}
        onFacilitate={facilitator ? () => panels.toggle('facilitate') : undefined}
        facilitateOpen={panelOpen}
        draftsControl={chrome.drafts?.control}
      />
      <PhaseBar doc={doc} session={session} role={role} serverNow={serverNow} />
      <SessionBanners session={session} />
      <main className="board-main">
        {planOpen && <ActionPlanPanel onClose={() => panels.close('plan')} />}
        <div className="board-stage" data-following={followed ?? ''}>
          {/* The tools come first in tab order, before the notes (the toolbar floats over the canvas). */}
          <Toolbar
            zoom={viewport.view.zoom}
            resultsOpen={resultsOpen}
            onAddNote={writeNote ? addNoteAtCentre : undefined}
            onNewScenario={rights.cluster ? newScenario : undefined}
            onZoomIn={() => viewport.zoomBy(ZOOM_STEP)}
            onZoomOut={() => viewport.zoomBy(1 / ZOOM_STEP)}
            onResetZoom={viewport.resetZoom}
            onFit={fit}
            onToggleResults={() => panels.toggle('results')}
            onSettings={facilitator ? () => setSettingsOpen(true) : undefined}
            following={following}
            onToggleFollow={facilitator ? undefined : () => setFollowing((f) => !f)}
            history={chrome.history}
            versionsOf={facilitator ? chrome.roomId : undefined}
          />
          <Canvas
            viewport={viewport}
            containerRef={containerRef}
            worldRef={worldRef}
            onAddNoteAt={writeNote ? addNoteAt : undefined}
            drafts={chrome.drafts}
            spotlightId={session.spotlight?.id ?? null}
            cursorSendMs={chrome.cursorSendMs}
            facilitatorCursorOnly={chrome.crowd}
          />
          {session.phase === 'codesign' && !planOpen && (
            <button type="button" className="btn btn-primary action-plan-open" onClick={() => panels.open('plan')}>
              {t('actions.open')}
            </button>
          )}
        </div>
        {resultsOpen && <ResultsPanel onClose={closeResults} />}
        {panelOpen && <FacilitatorPanel session={session} peers={chrome.peers} crowd={chrome.crowd} onClose={() => panels.close('facilitate')} roomId={chrome.roomId} />}
      </main>
      <LiveAnnouncer synced={chrome.synced} besideBoard />
      {facilitator && <SettingsDialog open={settingsOpen} roomId={chrome.roomId} onClose={() => setSettingsOpen(false)} />}
    </div>
  );
}
