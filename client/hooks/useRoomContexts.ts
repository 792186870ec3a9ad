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
import { rightsOf, type PhaseRights, type Role } from '../../shared/phases';
import type { SessionView } from '../../shared/schema';
import type { ControlChannel } from '../lib/controlChannel';
import type { Identity } from '../lib/identity';
import type { NotePositions } from '../lib/notePositions';
import type { View } from '../lib/viewport';
import type { VoteTotals } from '../lib/voteTotals';
import type { BoardContextValue } from './useBoard';

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
  const phaseRights = useMemo<PhaseRights>(() => {
    if (!joined) return NO_RIGHTS;
    const r = rightsOf(role, session.phase, session.locked);
    // The facilitator votes only by choice, and dots are offered only in Priorities, as to everyone.
    return role === 'facilitator' ? { ...r, vote: identity.votes && session.phase === 'priorities' } : r;
  }, [joined, role, identity.votes, session.phase, session.locked]);
  const drafting = role === 'participant' && session.phase === 'listening' && session.privateWriting && !session.locked;
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
      const author = { id: identity.id, name: identity.name, sector: identity.sector, where: identity.where, facilitator: identity.neutral };
      createNote(target, { id, x, y, text, author, pending: moderated });
      return id;
    },
    [doc, drafts, drafting, moderated, identity],
  );
  return { board, drafts, writeNote: canWrite ? write : undefined };
}
