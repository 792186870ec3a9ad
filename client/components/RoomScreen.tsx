/**
 * Everything a connected room shares across its views: who this person is
 * (server id + chosen profile), presence and crowd mode, and the contexts
 * (rights, where notes go) from useRoomContexts. Picks the view from a
 * table: the projector, the simple (phone) view or the full board.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import type { Role } from '../../shared/phases';
import { notesOf, readNote, type SessionView } from '../../shared/schema';
import type { SyncedDoc, ConnectionStatus } from '../hooks/useSyncedDoc';
import { BoardContext, type BoardContextValue } from '../hooks/useBoard';
import { CommentDraftsContext } from '../hooks/useCommentDrafts';
import { useProfile } from '../hooks/useIdentity';
import { usePeers } from '../hooks/usePeers';
import { useRememberWorkshop } from '../hooks/useRememberWorkshop';
import { useRoomContexts, type WriteNote } from '../hooks/useRoomContexts';
import { useSession } from '../hooks/useSession';
import { useViewMode, type ViewMode } from '../hooks/useViewMode';
import type { RoomAccess } from '../lib/access';
import { personColor } from '../lib/colors';
import type { ServerClock } from '../lib/controlChannel';
import { identityOf, profileComplete, type Identity } from '../lib/identity';
import { NotePositions } from '../lib/notePositions';
import { INITIAL_VIEW, type View } from '../lib/viewport';
import { VoteTotals } from '../lib/voteTotals';
import { BoardView } from './BoardView';
import { JoinDialog } from './JoinDialog';
import { MyData } from './MyData';
import { LinksDialog } from './LinksDialog';
import { OutlineView } from './OutlineView';
import { PhoneView } from './PhoneView';
import { CatchUpDialog } from './CatchUpDialog';
import { ProjectorView } from './ProjectorView';

export type { WriteNote };

/** Cursor sends: smooth normally, sparse in a crowd. */
const CURSOR_MS = 50;
const CROWD_CURSOR_MS = 500;

export interface RoomScreenProps {
  roomId: string;
  access: RoomAccess;
  role: Role;
  room: SyncedDoc;
  drafts: SyncedDoc | null;
  status: ConnectionStatus;
  synced: boolean;
  clock: ServerClock;
  present: boolean;
  joinToken: string | null;
}

export interface RoomChrome {
  /** Every note layer a new note must not overlap: the board, and a participant's drafts. */
  occupied: readonly NotePositions[];
  peers: ReturnType<typeof usePeers>;
  crowd: boolean;
  cursorSendMs: number;
  editIdentity: () => void;
  openLinks: (() => void) | undefined;
  writeNote: WriteNote | undefined;
  drafts: BoardContextValue | null;
  status: ConnectionStatus;
  synced: boolean;
  roomId: string;
  history: SyncedDoc['history'];
}

/** What every view is given. */
interface ViewProps {
  chrome: RoomChrome;
  session: SessionView;
  access: RoomAccess;
  joinToken: string | null;
  viewMode: ViewMode;
  onViewMode: (mode: ViewMode) => void;
}

type ScreenKind = 'projector' | ViewMode;

const VIEWS: Record<ScreenKind, (p: ViewProps) => ReactElement> = {
  projector: (p) => <ProjectorView chrome={p.chrome} session={p.session} access={p.access} joinToken={p.joinToken} />,
  simple: (p) => <PhoneView chrome={p.chrome} session={p.session} viewMode={p.viewMode} onViewMode={p.onViewMode} />,
  board: (p) => <BoardView chrome={p.chrome} session={p.session} viewMode={p.viewMode} onViewMode={p.onViewMode} />,
  outline: (p) => <OutlineView chrome={p.chrome} session={p.session} viewMode={p.viewMode} onViewMode={p.onViewMode} />,
};

export function RoomScreen(props: RoomScreenProps) {
  const { roomId, access, role, room, drafts, status, synced, clock, present, joinToken } = props;
  const { doc, provider, control } = room;
  const awareness = provider.awareness;
  const [profile, setProfile] = useProfile();
  const [editingProfile, setEditingProfile] = useState(false);
  const [linksOpen, setLinksOpen] = useState(false);
  const [viewMode, chooseMode] = useViewMode();
  const session = useSession(doc);
  useRememberWorkshop(roomId, role, session.title, session.phase, !present);
  const viewRef = useRef<View>(INITIAL_VIEW);

  // Not in StrictMode: these observers live exactly as long as the doc.
  const positions = useMemo(() => new NotePositions(doc), [doc]);
  const draftPositions = useMemo(() => (drafts ? new NotePositions(drafts.doc) : null), [drafts]);
  const voteTotals = useMemo(() => new VoteTotals(doc, control), [doc, control]);
  useEffect(() => () => positions.destroy(), [positions]);
  useEffect(() => () => draftPositions?.destroy(), [draftPositions]);
  useEffect(() => () => voteTotals.destroy(), [voteTotals]);

  const identity = useMemo<Identity>(() => identityOf(access.participantId, role, profile), [access.participantId, role, profile]);
  const joined = profileComplete(profile, role);

  useEffect(() => {
    // The projector is not a person: it stays out of presence and counts.
    if (role === 'observer' || !profile) return;
    awareness.setLocalStateField('user', { ...identity, role, color: personColor(identity.id) });
  }, [awareness, identity, role, profile]);

  const contexts = useRoomContexts({
    doc,
    draftsDoc: drafts?.doc ?? null,
    awareness,
    identity,
    role,
    joined,
    session,
    positions,
    voteTotals,
    control,
    serverNow: clock.now,
    viewRef,
  });

  const peers = usePeers(awareness);
  const crowd = peers.length > session.crowdThreshold;
  const editIdentity = useCallback(() => setEditingProfile(true), []);
  const openLinks = useCallback(() => setLinksOpen(true), []);
  const ownNoteIds = useCallback((): string[] => {
    const mine = [...notesOf(doc).entries()].filter(([id, m]) => readNote(id, m).authorId === access.participantId).map(([id]) => id);
    return drafts ? [...mine, ...notesOf(drafts.doc).keys()] : mine;
  }, [doc, drafts, access.participantId]);
  const forgetDevice = useCallback(async (): Promise<void> => {
    await Promise.all([room.forgetDevice(), drafts?.forgetDevice()]);
  }, [room, drafts]);

  const occupied = useMemo(() => (draftPositions ? [positions, draftPositions] : [positions]), [positions, draftPositions]);
  const chrome: RoomChrome = {
    occupied,
    peers,
    crowd,
    cursorSendMs: crowd ? CROWD_CURSOR_MS : CURSOR_MS,
    editIdentity,
    openLinks: role === 'observer' ? undefined : openLinks,
    writeNote: contexts.writeNote,
    drafts: contexts.drafts,
    status,
    synced,
    roomId,
    history: room.history,
  };
  const renderView = VIEWS[present ? 'projector' : viewMode];

  return (
    <BoardContext.Provider value={contexts.board}>
      <CommentDraftsContext.Provider value={contexts.drafts?.doc ?? null}>{renderView({ chrome, session, access, joinToken, viewMode, onViewMode: chooseMode })}</CommentDraftsContext.Provider>
      {role !== 'observer' && (
        <JoinDialog
          // Remounted on each opening, so it always starts from the saved profile.
          key={joined ? (editingProfile ? 'editing' : 'edit') : 'join'}
          open={!joined || editingProfile}
          role={role}
          identity={profile}
          onSave={(p) => {
            setProfile(p);
            setEditingProfile(false);
          }}
          onCancel={joined ? () => setEditingProfile(false) : undefined}
          onOutline={() => chooseMode('outline')}
        >
          <MyData roomId={roomId} ownNoteIds={ownNoteIds} forgetDevice={forgetDevice} />
        </JoinDialog>
      )}
      {role === 'participant' && !present && (
        <CatchUpDialog doc={doc} roomId={roomId} session={session} ready={joined && synced && !editingProfile} serverNow={clock.now} />
      )}
      <LinksDialog open={linksOpen} roomId={roomId} access={access} onClose={() => setLinksOpen(false)} />
    </BoardContext.Provider>
  );
}
