/**
 * A workshop board: connects to the room, asks who you are, and lays out
 * header, canvas, toolbar and results. Owns the actions that need the view
 * (add a note at the centre, fit to content).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { newItemId } from '../../shared/ids';
import { NOTE_HEIGHT, NOTE_WIDTH } from '../../shared/schema';
import { createNote } from '../../shared/notes';
import { DEFAULT_SCENARIO_HEIGHT, DEFAULT_SCENARIO_WIDTH, createScenario, listScenarios } from '../../shared/scenarios';
import { SCENARIO_COLORS } from '../../shared/schema';
import { BoardContext, type BoardContextValue } from '../hooks/useBoard';
import { useIdentity } from '../hooks/useIdentity';
import { useRoomConnection, type ConnectionStatus } from '../hooks/useRoomConnection';
import { useViewport } from '../hooks/useViewport';
import { personColor } from '../lib/colors';
import { requestFocus } from '../lib/focusRequest';
import { freeSpotNear } from '../lib/placement';
import type { Identity } from '../lib/identity';
import { NotePositions } from '../lib/notePositions';
import { VoteTotals } from '../lib/voteTotals';
import { ZOOM_STEP, unionRect, type Rect } from '../lib/viewport';
import { BoardHeader } from './BoardHeader';
import { Canvas } from './Canvas';
import { JoinDialog } from './JoinDialog';
import { NotFound } from './NotFound';
import { ResultsPanel } from './ResultsPanel';
import { SettingsDialog } from './SettingsDialog';
import { Toolbar } from './Toolbar';
import '../styles/Board.css';

/** Stands in until the participant has joined; the join dialog is modal, so nothing is written as them. */
const GUEST: Identity = { id: 'guest', name: '', sector: 'other' };

export function Board({ roomId }: { roomId: string }) {
  const { t } = useTranslation();
  const { room, status, synced, notFound } = useRoomConnection(roomId);
  if (notFound) return <NotFound />;
  if (!room) return <div className="loading">{t('status.connecting')}</div>;
  return <BoardView doc={room.doc} provider={room.provider} status={status} synced={synced} />;
}

interface BoardViewProps {
  doc: Y.Doc;
  provider: WebsocketProvider;
  status: ConnectionStatus;
  synced: boolean;
}

const isTyping = (el: EventTarget | null): boolean =>
  el instanceof HTMLElement && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));

function BoardView({ doc, provider, status, synced }: BoardViewProps) {
  const { t } = useTranslation();
  const [identity, setIdentity] = useIdentity();
  const [editingIdentity, setEditingIdentity] = useState(false);
  const [resultsOpen, setResultsOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const containerRef = useRef<HTMLDivElement>(null);
  const worldRef = useRef<HTMLDivElement>(null);
  const viewport = useViewport(containerRef, worldRef);
  const awareness = provider.awareness;

  // Not in StrictMode: these observers live exactly as long as the doc.
  const positions = useMemo(() => new NotePositions(doc), [doc]);
  const voteTotals = useMemo(() => new VoteTotals(doc), [doc]);
  useEffect(() => () => positions.destroy(), [positions]);
  useEffect(() => () => voteTotals.destroy(), [voteTotals]);

  const me = identity ?? GUEST;
  useEffect(() => {
    if (!identity) return;
    awareness.setLocalStateField('user', { ...identity, color: personColor(identity.id) });
  }, [awareness, identity]);

  const ctx = useMemo<BoardContextValue>(
    () => ({ doc, awareness, identity: me, positions, voteTotals, viewRef: viewport.viewRef }),
    [doc, awareness, me, positions, voteTotals, viewport.viewRef],
  );

  const addNoteAt = useCallback(
    (x: number, y: number) => {
      if (!identity) return;
      const id = newItemId();
      requestFocus(`[data-note-id="${id}"] textarea`);
      createNote(doc, { id, x, y, author: identity });
    },
    [doc, identity],
  );

  const addNoteAtCentre = useCallback(() => {
    const c = viewport.centre();
    const spot = freeSpotNear(positions, listScenarios(doc), c.x - NOTE_WIDTH / 2, c.y - NOTE_HEIGHT / 2);
    addNoteAt(spot.x, spot.y);
  }, [addNoteAt, doc, positions, viewport]);

  const newScenario = useCallback(() => {
    const c = viewport.centre();
    const n = listScenarios(doc).length;
    const id = newItemId();
    requestFocus(`[data-scenario-frame="${id}"] .frame-name`);
    createScenario(doc, {
      id,
      name: t('scenario.defaultName', { n: n + 1 }),
      x: c.x - DEFAULT_SCENARIO_WIDTH / 2,
      y: c.y - DEFAULT_SCENARIO_HEIGHT / 2,
      color: SCENARIO_COLORS[n % SCENARIO_COLORS.length],
    });
  }, [doc, t, viewport]);

  const fit = useCallback(() => {
    const rects: Rect[] = listScenarios(doc).map((s) => ({ x: s.x, y: s.y, w: s.w, h: s.h }));
    for (const [, p] of positions.entries()) rects.push({ x: p.x, y: p.y, w: NOTE_WIDTH, h: NOTE_HEIGHT });
    viewport.fit(unionRect(rects));
  }, [doc, positions, viewport]);

  const editIdentity = useCallback(() => setEditingIdentity(true), []);
  const closeResults = useCallback(() => setResultsOpen(false), []);

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
    <BoardContext.Provider value={ctx}>
      <div className={`board${resultsOpen ? ' has-results' : ''}`}>
        <BoardHeader status={status} synced={synced} onEditIdentity={editIdentity} />
        <main className="board-main">
          <Canvas viewport={viewport} containerRef={containerRef} worldRef={worldRef} onAddNoteAt={addNoteAt} />
          <Toolbar
            zoom={viewport.view.zoom}
            resultsOpen={resultsOpen}
            onAddNote={addNoteAtCentre}
            onNewScenario={newScenario}
            onZoomIn={() => viewport.zoomBy(ZOOM_STEP)}
            onZoomOut={() => viewport.zoomBy(1 / ZOOM_STEP)}
            onResetZoom={viewport.resetZoom}
            onFit={fit}
            onToggleResults={() => setResultsOpen((o) => !o)}
            onSettings={() => setSettingsOpen(true)}
          />
          {resultsOpen && <ResultsPanel onClose={closeResults} />}
        </main>
        <JoinDialog
          key={identity ? 'edit' : 'join'}
          open={!identity || editingIdentity}
          identity={identity}
          onSave={(name, sector) => {
            setIdentity(name, sector);
            setEditingIdentity(false);
          }}
          onCancel={identity ? () => setEditingIdentity(false) : undefined}
        />
        <SettingsDialog open={settingsOpen} onClose={() => setSettingsOpen(false)} />
      </div>
    </BoardContext.Provider>
  );
}
