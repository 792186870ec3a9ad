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
import { moveItem, type ItemKind, type ModerationQueueAccess } from './moderationMoves';
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

  /** Where comments live and how one goes back onto the board (server/rooms/moderationMoves.ts). */
  private readonly kind: ItemKind = {
    root: commentsOf,
    authorOf: (id, src) => readComment(id, src)?.authorId ?? null,
    place: (board, id, src, owner) => {
      const c = readComment(id, src);
      const target = commentsOf(board);
      if (!c || (owner !== undefined && target.size >= this.registry.limits.maxComments)) return false;
      // The item it is about may have gone meanwhile: then it has nowhere to go (reject removes a pending one, a hidden one stays hidden).
      if (commentableKindOf(board, c.itemId) !== c.itemKind) return false;
      // A reply whose parent has gone meanwhile stands as a comment of its own, as the board shows orphans.
      const parentId = c.parentId !== null && target.has(c.parentId) ? c.parentId : null;
      addCommentMap(board, { ...c, parentId, ...(owner !== undefined ? { authorId: owner } : {}) });
      return true;
    },
    copyHidden: (hidden, id, src) => {
      const c = readComment(id, src);
      if (c) addCommentMap(hidden, c);
      return c !== null;
    },
  };

  act(action: ModerationAction, board: Room, id: string): Promise<string | null> {
    return moveItem(this.kind, this.registry, this.queue, action, board, id);
  }
}
