/**
 * Everything a connected room shares across its views: who this person is
 * (server id + chosen profile), what they may do now (rights of role and
 * phase), presence and crowd mode, and how a note gets written (onto the
 * board, or into the private drafts while Listening). Picks the view.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { newItemId } from '../../shared/ids';
import { createNote } from '../../shared/notes';
import { rightsOf, type PhaseRights, type Role } from '../../shared/phases';
import type { SyncedDoc, ConnectionStatus } from '../hooks/useSyncedDoc';
import { BoardContext, type BoardContextValue } from '../hooks/useBoard';
import { useProfile } from '../hooks/useIdentity';
import { usePeers } from '../hooks/usePeers';
import { useSession } from '../hooks/useSession';
import { useViewMode } from '../hooks/useViewMode';
import type { RoomAccess } from '../lib/access';
import { personColor } from '../lib/colors';
import type { ServerClock } from '../lib/controlChannel';
import { identityOf, profileComplete, type Identity } from '../lib/identity';
import { NotePositions } from '../lib/notePositions';
import { INITIAL_VIEW, type View } from '../lib/viewport';
import { VoteTotals } from '../lib/voteTotals';
import { BoardView } from './BoardView';
import { JoinDialog } from './JoinDialog';
import { LinksDialog } from './LinksDialog';
import { PhoneView } from './PhoneView';
import { ProjectorView } from './ProjectorView';

const NO_RIGHTS: PhaseRights = { writeNotes: false, cluster: false, vote: false, codesign: false };
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

/** What a note is written with; the views call it with a position and optional text. */
export type WriteNote = (x: number, y: number, text?: string) => string | null;

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
}

export function RoomScreen(props: RoomScreenProps) {
  const { roomId, access, role, room, drafts, status, synced, clock, present, joinToken } = props;
  const { doc, provider, control } = room;
  const awareness = provider.awareness;
  const [profile, setProfile] = useProfile();
  const [editingProfile, setEditingProfile] = useState(false);
  const [linksOpen, setLinksOpen] = useState(false);
  const [viewMode, chooseMode] = useViewMode();
  const session = useSession(doc);
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

  const rights = useMemo<PhaseRights>(() => {
    if (!joined) return NO_RIGHTS;
    const r = rightsOf(role, session.phase, session.locked);
    // The facilitator votes only by choice, and dots are offered only in Priorities, as to everyone.
    return role === 'facilitator' ? { ...r, vote: identity.votes && session.phase === 'priorities' } : r;
  }, [joined, role, identity.votes, session.phase, session.locked]);
  const drafting = role === 'participant' && session.phase === 'listening' && session.privateWriting && !session.locked;

  const ctx = useMemo<BoardContextValue>(
    () => ({ doc, space: 'board', awareness, identity, role, rights, positions, voteTotals, control, serverNow: clock.now, viewRef }),
    [doc, awareness, identity, role, rights, positions, voteTotals, control, clock],
  );
  const draftsCtx = useMemo<BoardContextValue | null>(
    () =>
      drafts && role === 'participant'
        ? { ...ctx, doc: drafts.doc, space: 'drafts', rights: drafting ? { writeNotes: true, cluster: false, vote: false, codesign: false } : NO_RIGHTS }
        : null,
    [ctx, drafts, role, drafting],
  );

  const canWrite = joined && (drafting ? draftsCtx !== null : rights.writeNotes);
  const writeNote = useCallback<WriteNote>(
    (x, y, text) => {
      const target = drafting ? draftsCtx?.doc : doc;
      if (!target) return null;
      const id = newItemId();
      createNote(target, { id, x, y, text, author: { id: identity.id, name: identity.name, sector: identity.sector, where: identity.where } });
      return id;
    },
    [doc, draftsCtx, drafting, identity],
  );

  const peers = usePeers(awareness);
  const crowd = peers.length > session.crowdThreshold;
  const editIdentity = useCallback(() => setEditingProfile(true), []);
  const openLinks = useCallback(() => setLinksOpen(true), []);

  const occupied = useMemo(() => (draftPositions ? [positions, draftPositions] : [positions]), [positions, draftPositions]);
  const chrome: RoomChrome = {
    occupied,
    peers,
    crowd,
    cursorSendMs: crowd ? CROWD_CURSOR_MS : CURSOR_MS,
    editIdentity,
    openLinks: role === 'observer' ? undefined : openLinks,
    writeNote: canWrite ? writeNote : undefined,
    drafts: draftsCtx,
    status,
    synced,
    roomId,
  };

  return (
    <BoardContext.Provider value={ctx}>
      {present ? (
        <ProjectorView chrome={chrome} session={session} access={access} joinToken={joinToken} />
      ) : viewMode === 'simple' ? (
        <PhoneView chrome={chrome} session={session} viewMode={viewMode} onViewMode={chooseMode} />
      ) : (
        <BoardView chrome={chrome} session={session} viewMode={viewMode} onViewMode={chooseMode} />
      )}
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
        />
      )}
      <LinksDialog open={linksOpen} roomId={roomId} access={access} onClose={() => setLinksOpen(false)} />
    </BoardContext.Provider>
  );
}
