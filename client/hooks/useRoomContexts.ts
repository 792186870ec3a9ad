/**
 * What this person may do now and where their notes go: the rights of their
 * role in the current phase (none until they have said who they are), the
 * board's context, a participant's private drafts context while Listening
 * (and under pre-moderation, where their new notes wait for approval), and
 * the one function every view writes a note with.
 */
import { useCallback, useMemo, type RefObject } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { newItemId } from '../../shared/ids';
import { createNote } from '../../shared/notes';
import { originAt, participationAt, rightsNow } from '../../shared/consultation';
import type { PhaseRights, Role } from '../../shared/phases';
import type { SessionView } from '../../shared/schema';
import type { ControlChannel } from '../lib/controlChannel';
import type { Identity } from '../lib/identity';
import type { NotePositions } from '../lib/notePositions';
import type { View } from '../lib/viewport';
import type { VoteTotals } from '../lib/voteTotals';
import type { BoardContextValue } from './useBoard';
import { useServerTime } from './useServerTime';

/** How often rights are re-read while a consultation window is open, so they end at its deadline. */
const DEADLINE_TICK_MS = 1000;

export const NO_RIGHTS: PhaseRights = { writeNotes: false, cluster: false, vote: false, codesign: false, discuss: false };
// Drafts are private: nobody comments on them until they are on the board.
const DRAFTING_RIGHTS: PhaseRights = { writeNotes: true, cluster: false, vote: false, codesign: false, discuss: false };

/** What a note is written with; the views call it with a position and optional text. */
export type WriteNote = (x: number, y: number, text?: string) => string | null;

export interface RoomContextsInput {
  doc: Y.Doc;
  draftsDoc: Y.Doc | null;
  awareness: Awareness;
  identity: Identity;
  role: Role;
  joined: boolean;
  session: SessionView;
  positions: NotePositions;
  voteTotals: VoteTotals;
  control: ControlChannel;
  serverNow: () => number;
  viewRef: RefObject<View>;
}

export interface RoomContexts {
  board: BoardContextValue;
  drafts: BoardContextValue | null;
  writeNote: WriteNote | undefined;
}

export function useRoomContexts(input: RoomContextsInput): RoomContexts {
  const { doc, draftsDoc, awareness, identity, role, joined, session, positions, voteTotals, control, serverNow, viewRef } = input;
  // Re-read each second only while a window is open; rights are compared by value so cards re-render only when they change.
  const now = useServerTime(serverNow, session.consultation !== null, DEADLINE_TICK_MS);
  const participation = participationAt(session, now);
  const windowVoting = participation.kind === 'consultation' && participation.window.opens.voting;
  const r = joined ? rightsNow(role, session, now) : NO_RIGHTS;
  // The facilitator votes only by choice, and dots are offered only in Priorities (or a voting window), as to everyone.
  const vote = role === 'facilitator' ? joined && identity.votes && (session.phase === 'priorities' || windowVoting) : r.vote;
  const phaseRights = useMemo<PhaseRights>(
    () => ({ writeNotes: r.writeNotes, cluster: r.cluster, vote, codesign: r.codesign, discuss: r.discuss }),
    [r.writeNotes, r.cluster, vote, r.codesign, r.discuss],
  );
  const drafting = role === 'participant' && participation.kind === 'live' && session.phase === 'listening' && session.privateWriting && !session.locked;
  // Under pre-moderation a participant's new notes go to their drafts, marked pending, and board text stays as approved.
  const moderated = role === 'participant' && session.premoderation && !drafting;
  const rights = useMemo<PhaseRights>(() => (moderated ? { ...phaseRights, writeNotes: false } : phaseRights), [moderated, phaseRights]);
  const draftRights = useMemo<PhaseRights>(
    () => (drafting ? DRAFTING_RIGHTS : moderated ? { ...NO_RIGHTS, writeNotes: phaseRights.writeNotes } : NO_RIGHTS),
    [drafting, moderated, phaseRights.writeNotes],
  );

  const board = useMemo<BoardContextValue>(
    () => ({ doc, space: 'board', awareness, identity, role, rights, positions, voteTotals, control, serverNow, viewRef }),
    [doc, awareness, identity, role, rights, positions, voteTotals, control, serverNow, viewRef],
  );
  const drafts = useMemo<BoardContextValue | null>(
    () => (draftsDoc && role === 'participant' ? { ...board, doc: draftsDoc, space: 'drafts', rights: draftRights } : null),
    [board, draftsDoc, role, draftRights],
  );

  const canWrite = joined && (drafting ? drafts !== null : moderated ? drafts !== null && phaseRights.writeNotes : rights.writeNotes);
  const write = useCallback<WriteNote>(
    (x, y, text) => {
      const target = drafting || moderated ? drafts?.doc : doc;
      if (!target) return null;
      const id = newItemId();
      // Where it is written: the meeting, or the consultation window open now (the server checks it).
      const origin = originAt(session, serverNow());
      const author = { id: identity.id, name: identity.name, sector: identity.sector, where: identity.where, facilitator: identity.neutral };
      createNote(target, { id, x, y, text, origin, author, pending: moderated });
      return id;
    },
    [doc, drafts, drafting, moderated, identity, session, serverNow],
  );
  return { board, drafts, writeNote: canWrite ? write : undefined };
}
