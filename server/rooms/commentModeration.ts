/**
 * Moderation of comments, the `comment` target of server/rooms/moderation.ts,
 * kept the way notes are:
 *
 * - Pending: under pre-moderation a participant's new comment is written in
 *   their own drafts document, marked `pending`, so nobody else is sent it.
 *   Approve copies it onto the board (when its item is still there), then
 *   removes it from the drafts; reject only removes it.
 * - Hidden: hiding moves a board comment whole into the board's `~hidden`
 *   document, which no client can open, and compacts the board so its stored
 *   log (what a joining participant is answered from) no longer holds the
 *   text; restore moves it back. Nothing is ever destroyed by hiding.
 */
import type * as Y from 'yjs';
import { addCommentMap, commentableKindOf, commentsOf, readComment, type CommentView } from '../../shared/comments';
import type { ModeratedItem, ModerationAction } from '../../shared/moderation';
import { profanitiesIn } from '../../shared/profanity';
import type { ModerationTarget } from './moderation';
import type { Room } from './room';
import type { RoomRegistry } from './roomRegistry';

const MAX_FLAGS = 20;

export function commentItem(c: CommentView): ModeratedItem {
  return {
    kind: 'comment',
    id: c.id,
    authorId: c.authorId,
    authorName: c.authorName,
    sector: c.authorSector,
    text: c.text,
    createdAt: c.createdAt,
    flags: profanitiesIn(c.text).slice(0, MAX_FLAGS),
  };
}

/** Every readable comment of a document, as the queue lists it. */
function itemsOf(doc: Y.Doc, keep: (m: Y.Map<unknown>) => boolean = () => true): ModeratedItem[] {
  const out: ModeratedItem[] = [];
  commentsOf(doc).forEach((m, id) => {
    const c = keep(m) ? readComment(id, m) : null;
    if (c) out.push(commentItem(c));
  });
  return out;
}

/** What the target needs of the queue it belongs to. */
export interface ModerationQueueAccess {
  pendingOwner(roomId: string, id: string): string | null;
  setHidden(roomId: string, hidden: Room): void;
}

export class CommentModeration implements ModerationTarget {
  constructor(
    private readonly registry: RoomRegistry,
    private readonly queue: ModerationQueueAccess,
  ) {}

  root(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
    return commentsOf(doc);
  }

  pendingIn(drafts: Y.Doc): ModeratedItem[] {
    return itemsOf(drafts, (m) => m.get('pending') === true);
  }

  hiddenIn(hidden: Y.Doc): ModeratedItem[] {
    return itemsOf(hidden);
  }

  flagged(board: Room): ModeratedItem[] {
    return itemsOf(board.doc).filter((i) => i.flags.length > 0);
  }

  act(action: ModerationAction, board: Room, id: string): Promise<string | null> {
    switch (action) {
      case 'approve':
      case 'reject':
        return this.decide(board, id, action === 'approve');
      case 'hide':
        return this.hide(board, id);
      case 'restore':
        return this.restore(board, id);
      default: {
        const never: never = action;
        return never;
      }
    }
  }

  private async decide(board: Room, id: string, approve: boolean): Promise<string | null> {
    const owner = this.queue.pendingOwner(board.roomId, id);
    if (!owner) return null;
    const drafts = await this.registry.acquireDrafts(board.roomId, owner);
    if (!drafts) return null;
    try {
      // Written through another process: act on what is stored.
      await drafts.catchUp();
      const src = commentsOf(drafts.doc).get(id);
      const c = src && src.get('pending') === true ? readComment(id, src) : null;
      if (!c) return null;
      if (approve) {
        const target = commentsOf(board.doc);
        // The item it is about may have been deleted while it waited: nothing to approve it onto (reject removes it).
        if (target.has(id) || target.size >= this.registry.limits.maxComments || commentableKindOf(board.doc, c.itemId) !== c.itemKind) return null;
        // A reply whose parent has gone meanwhile stands as a comment of its own, as the board shows orphans.
        const parentId = c.parentId !== null && target.has(c.parentId) ? c.parentId : null;
        addCommentMap(board.doc, { ...c, authorId: owner, parentId });
        // On the board for good before it leaves the drafts: a crash between leaves it in both, never in neither.
        await board.whenStored();
      }
      drafts.doc.transact(() => commentsOf(drafts.doc).delete(id));
      await drafts.whenStored();
      return owner;
    } finally {
      this.registry.release(drafts);
    }
  }

  private async hide(board: Room, id: string): Promise<string | null> {
    if (!commentsOf(board.doc).has(id)) return null;
    const hidden = await this.registry.acquireHidden(board.roomId);
    if (!hidden) return null;
    try {
      await hidden.catchUp();
      const c = readComment(id, commentsOf(board.doc).get(id));
      if (!c) return null;
      addCommentMap(hidden.doc, c);
      await hidden.whenStored();
      board.doc.transact(() => commentsOf(board.doc).delete(id));
      // The stored log still holds the text until compacted; a cold load answers joins from it.
      await board.whenStored();
      await board.compact();
      this.queue.setHidden(board.roomId, hidden);
      board.signalOthers({ t: 'moderationHidden' });
      return c.authorId;
    } finally {
      this.registry.release(hidden);
    }
  }

  private async restore(board: Room, id: string): Promise<string | null> {
    const hidden = await this.registry.acquireHidden(board.roomId);
    if (!hidden) return null;
    try {
      await hidden.catchUp();
      const c = readComment(id, commentsOf(hidden.doc).get(id));
      const target = commentsOf(board.doc);
      if (!c || target.has(id)) return null;
      // Its parent may have gone meanwhile; its item too, and then it stays hidden rather than point at nothing.
      if (commentableKindOf(board.doc, c.itemId) !== c.itemKind) return null;
      const parentId = c.parentId !== null && target.has(c.parentId) ? c.parentId : null;
      addCommentMap(board.doc, { ...c, parentId });
      await board.whenStored();
      hidden.doc.transact(() => commentsOf(hidden.doc).delete(id));
      await hidden.whenStored();
      this.queue.setHidden(board.roomId, hidden);
      board.signalOthers({ t: 'moderationHidden' });
      return c.authorId;
    } finally {
      this.registry.release(hidden);
    }
  }
}
