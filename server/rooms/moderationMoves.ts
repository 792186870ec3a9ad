/**
 * The three durable moves of moderation, the same for every kind of item
 * (notes, comments): each moves one item between the board and another
 * document of the room, writing the destination and waiting until it is
 * stored before deleting the source, so a crash between leaves the item in
 * both, never in neither. A kind says only where its items live and how one
 * is placed on the board as the board is now.
 */
import type * as Y from 'yjs';
import type { ModerationAction } from '../../shared/moderation';
import type { Room } from './room';
import type { RoomRegistry } from './roomRegistry';

/** How one kind of item moves. */
export interface ItemKind {
  /** The root map its items live in, in any document of the room. */
  root(doc: Y.Doc): Y.Map<Y.Map<unknown>>;
  /** Its author's id, read from a stored item. */
  authorOf(id: string, src: Y.Map<unknown>): string | null;
  /**
   * Writes `src` onto `board` as the board is now (its frame, parent or item
   * may have gone meanwhile), with `owner` as author when given; false when
   * it has nowhere to go (the caller then leaves it where it was).
   */
  place(board: Y.Doc, id: string, src: Y.Map<unknown>, owner?: string): boolean;
  /** Copies a board item whole into the hidden document; false when it cannot be read (it then stays on the board). */
  copyHidden(hidden: Y.Doc, id: string, src: Y.Map<unknown>): boolean;
}

/** What the moves need of the queue they belong to. */
export interface ModerationQueueAccess {
  pendingOwner(roomId: string, id: string): string | null;
  setHidden(roomId: string, hidden: Room): void;
}

/** Approves (onto the board) or rejects a pending item of a participant's drafts; returns its author, or null when there is none. */
export async function decidePending(kind: ItemKind, registry: RoomRegistry, queue: ModerationQueueAccess, board: Room, id: string, approve: boolean): Promise<string | null> {
  const owner = queue.pendingOwner(board.roomId, id);
  if (!owner) return null;
  const drafts = await registry.acquireDrafts(board.roomId, owner);
  if (!drafts) return null;
  try {
    // Written through another process: act on what is stored.
    await drafts.catchUp();
    const src = kind.root(drafts.doc).get(id);
    if (!src || src.get('pending') !== true) return null;
    if (approve) {
      if (kind.root(board.doc).has(id) || !kind.place(board.doc, id, src, owner)) return null;
      await board.whenStored();
    }
    drafts.doc.transact(() => kind.root(drafts.doc).delete(id));
    await drafts.whenStored();
    return owner;
  } finally {
    registry.release(drafts);
  }
}

/** Moves a board item whole into the hidden document and compacts the board, so its text leaves the stored log. */
export async function hideItem(kind: ItemKind, registry: RoomRegistry, queue: ModerationQueueAccess, board: Room, id: string): Promise<string | null> {
  if (!kind.root(board.doc).has(id)) return null;
  const hidden = await registry.acquireHidden(board.roomId);
  if (!hidden) return null;
  try {
    await hidden.catchUp();
    const src = kind.root(board.doc).get(id);
    if (!src) return null;
    const author = kind.authorOf(id, src);
    if (!kind.copyHidden(hidden.doc, id, src)) return null;
    await hidden.whenStored();
    board.doc.transact(() => kind.root(board.doc).delete(id));
    // The stored log still holds the text until compacted; a cold load answers joins from it.
    await board.whenStored();
    await board.compact();
    queue.setHidden(board.roomId, hidden);
    board.signalOthers({ t: 'moderationHidden' });
    return author;
  } finally {
    registry.release(hidden);
  }
}

/** Moves a hidden item back onto the board, when it has somewhere to go. */
export async function restoreItem(kind: ItemKind, registry: RoomRegistry, queue: ModerationQueueAccess, board: Room, id: string): Promise<string | null> {
  const hidden = await registry.acquireHidden(board.roomId);
  if (!hidden) return null;
  try {
    await hidden.catchUp();
    const src = kind.root(hidden.doc).get(id);
    if (!src || kind.root(board.doc).has(id) || !kind.place(board.doc, id, src)) return null;
    await board.whenStored();
    hidden.doc.transact(() => kind.root(hidden.doc).delete(id));
    await hidden.whenStored();
    queue.setHidden(board.roomId, hidden);
    board.signalOthers({ t: 'moderationHidden' });
    return kind.authorOf(id, src);
  } finally {
    registry.release(hidden);
  }
}

/** Carries out one moderation action on an item of `kind`; returns its author, or null when nothing was done. */
export function moveItem(kind: ItemKind, registry: RoomRegistry, queue: ModerationQueueAccess, action: ModerationAction, board: Room, id: string): Promise<string | null> {
  switch (action) {
    case 'approve':
    case 'reject':
      return decidePending(kind, registry, queue, board, id, action === 'approve');
    case 'hide':
      return hideItem(kind, registry, queue, board, id);
    case 'restore':
      return restoreItem(kind, registry, queue, board, id);
    default: {
      const never: never = action;
      return never;
    }
  }
}
