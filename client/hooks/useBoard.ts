/** What every component on a board needs, provided once by `BoardView`. */
import { createContext, useContext, type RefObject } from 'react';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import type { PhaseRights, Role } from '../../shared/phases';
import type { ControlChannel } from '../lib/controlChannel';
import type { Identity } from '../lib/identity';
import type { NotePositions } from '../lib/notePositions';
import type { VoteTotals } from '../lib/voteTotals';
import type { View } from '../lib/viewport';

export interface BoardContextValue {
  /** The document this subtree shows: the board, or the participant's private drafts. */
  doc: Y.Doc;
  space: 'board' | 'drafts';
  awareness: Awareness;
  identity: Identity;
  role: Role;
  /** What the role may do in the current phase (shared/phases.ts `rightsOf`). */
  rights: PhaseRights;
  positions: NotePositions;
  voteTotals: VoteTotals;
  control: ControlChannel;
  serverNow: () => number;
  /** Live view; read it in handlers, never render from it. */
  viewRef: RefObject<View>;
}

export const BoardContext = createContext<BoardContextValue | null>(null);

export function useBoard(): BoardContextValue {
  const ctx = useContext(BoardContext);
  if (!ctx) throw new Error('useBoard outside <BoardContext>');
  return ctx;
}

/** What this person may do to one note: by authorship and the phase's rights. */
export function noteRights(ctx: BoardContextValue, authorId: string): { edit: boolean; move: boolean; remove: boolean } {
  if (ctx.role === 'facilitator') return { edit: true, move: true, remove: true };
  const mine = authorId === ctx.identity.id;
  const { writeNotes, cluster } = ctx.rights;
  return { edit: writeNotes && mine, move: cluster || (writeNotes && mine), remove: writeNotes && mine };
}
