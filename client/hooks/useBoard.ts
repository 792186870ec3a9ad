/** What every component on a board needs, provided once by `Board`. */
import { createContext, useContext, type RefObject } from 'react';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import type { Identity } from '../lib/identity';
import type { NotePositions } from '../lib/notePositions';
import type { VoteTotals } from '../lib/voteTotals';
import type { View } from '../lib/viewport';

export interface BoardContextValue {
  doc: Y.Doc;
  awareness: Awareness;
  identity: Identity;
  positions: NotePositions;
  voteTotals: VoteTotals;
  /** Live view; read it in handlers, never render from it. */
  viewRef: RefObject<View>;
}

export const BoardContext = createContext<BoardContextValue | null>(null);

export function useBoard(): BoardContextValue {
  const ctx = useContext(BoardContext);
  if (!ctx) throw new Error('useBoard outside <BoardContext>');
  return ctx;
}
