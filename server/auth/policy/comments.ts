/**
 * Threaded comments. Anyone but an observer comments in any phase (the lock
 * and the observer rule sit in ./index.ts); a comment is written only as
 * oneself, about an item on the board, and its text is edited or the comment
 * deleted only by its author (the facilitator may do anything). Who wrote
 * it, about what, in answer to what and where (meeting or consultation
 * window) never change after it is written. Under pre-moderation a
 * participant's new comments go to their drafts marked `pending`, as notes
 * do, and approved text on the board stays as approved.
 */
import * as Y from 'yjs';
import { COMMENT_IDENTITY_KEYS, COMMENT_REQUIRED_KEYS, CommentFields } from '../../../shared/documentSchemas';
import { commentableKindOf, commentsOf } from '../../../shared/comments';
import { addedAndRemoved, entryCount, itemKey, plainValue, wholeMap } from './checks';
import { OK, refuse, type Facts, type RealTouch, type RootPolicy, type Verdict } from './types';

const COMMENT_VALUES: Readonly<Record<string, (typeof CommentFields)[keyof typeof CommentFields]>> = CommentFields;

function touchShape(t: RealTouch): Verdict {
  const bad = itemKey(t, 'comments');
  if (!bad.ok) return bad;
  const [, key, ...deeper] = t.path;
  if (key === undefined) return wholeMap(t, 'a comment');
  if (deeper.length > 0) return refuse('schema', 'nesting too deep');
  const schema = Object.hasOwn(COMMENT_VALUES, key) ? COMMENT_VALUES[key] : undefined;
  return schema ? plainValue(t, schema, key) : refuse('schema', `unknown key "${key.slice(0, 40)}"`);
}

/** Ids of the comments this update creates whole. */
function createdComments(touches: RealTouch[]): Set<string> {
  const out = new Set<string>();
  for (const t of touches) if (t.path.length === 1 && t.op === 'insert' && t.content === 'map') out.add(t.path[0]!);
  return out;
}

/** A comment's value for `key` once the update is applied: the value it writes, else the one already there. */
function valueAfter(touches: RealTouch[], comments: Y.Map<Y.Map<unknown>>, created: Set<string>, id: string, key: string): unknown {
  let written: unknown;
  let writes = false;
  for (const t of touches) {
    if (t.path.length === 2 && t.path[0] === id && t.path[1] === key && t.op === 'insert' && t.content === 'value') {
      written = t.values[t.values.length - 1];
      writes = true;
    }
  }
  if (writes) return written;
  if (created.has(id)) return undefined;
  return comments.get(id)?.get(key);
}

/** The item must be on the board, as the kind named; a parent must be a top-level comment on the same item. */
function anchored(touches: RealTouch[], f: Facts, created: Set<string>, removed: Set<string>): Verdict {
  const comments = commentsOf(f.ctx.doc);
  // A pending reply in a participant's drafts answers a comment on the board.
  const boardComments = commentsOf(f.ctx.board);
  const anchoring = new Set<string>();
  for (const t of touches) {
    const [id, key] = t.path;
    if (id !== undefined && (key === 'itemId' || key === 'itemKind' || key === 'parentId') && t.op === 'insert') anchoring.add(id);
  }
  for (const id of created) anchoring.add(id);
  for (const id of anchoring) {
    if (removed.has(id) && !created.has(id)) continue;
    const at = (key: string): unknown => valueAfter(touches, comments, created, id, key);
    const itemId = at('itemId');
    if (typeof itemId !== 'string' || commentableKindOf(f.ctx.board, itemId) !== at('itemKind')) {
      return refuse('schema', 'a comment must be about a note, scenario or action card on the board');
    }
    const parentId = at('parentId');
    if (parentId === null || parentId === undefined) continue;
    if (typeof parentId !== 'string' || parentId === id) return refuse('schema', 'bad parent comment');
    const here = created.has(parentId) || comments.has(parentId);
    const parentAt = (key: string): unknown => (here ? valueAfter(touches, comments, created, parentId, key) : boardComments.get(parentId)?.get(key));
    const parentExists = here || boardComments.has(parentId);
    if (!parentExists || parentAt('itemId') !== itemId || parentAt('parentId') !== null) {
      return refuse('schema', 'a reply answers a top-level comment on the same item');
    }
  }
  return OK;
}

export const commentsPolicy: RootPolicy = {
  shape(touches, f) {
    const comments = commentsOf(f.ctx.doc);
    for (const t of touches) {
      const v = touchShape(t);
      if (!v.ok) return v;
      // Waiting for approval is a state of a participant's drafts only; approval moves the comment.
      if (f.ctx.kind === 'board' && t.path[1] === 'pending' && t.op === 'insert' && t.content !== 'deleted') {
        return refuse('schema', 'board comments are never pending');
      }
    }
    const created = createdComments(touches);
    for (const id of created) {
      for (const key of COMMENT_REQUIRED_KEYS) {
        const given = touches.some((t) => t.op === 'insert' && t.content === 'value' && t.path[0] === id && t.path[1] === key);
        if (!given) return refuse('schema', `a new comment needs its ${key}`);
      }
    }
    const { removed } = addedAndRemoved(touches, comments);
    const v = anchored(touches, f, created, removed);
    if (!v.ok) return v;
    return entryCount(touches, comments, f.limits.maxComments, 'comments');
  },

  rights(touches, f) {
    const { me } = f;
    if (touches.length > 0 && !f.rights.discuss) return refuse('phase', 'comments are closed');
    const comments = commentsOf(f.ctx.doc);
    const created = createdComments(touches);
    const { removed } = addedAndRemoved(touches, comments);
    const authorOf = (id: string): unknown => comments.get(id)?.get('authorId');
    const moderated = f.session.premoderation;
    const writes = (id: string, key: string): boolean => touches.some((t) => t.op === 'insert' && t.content === 'value' && t.path[0] === id && t.path[1] === key);
    for (const id of created) {
      if (f.ctx.kind === 'board' && moderated) return refuse('moderated', 'new comments wait for approval');
      if (f.ctx.kind === 'drafts' && !(moderated && writes(id, 'pending'))) return refuse('moderated', 'submit the comment for approval');
      // A comment written in a consultation must say so; in a meeting older clients may leave it out.
      if (f.participation.kind === 'consultation' && !writes(id, 'origin')) {
        return refuse('schema', 'a comment written in a consultation carries its window as origin');
      }
    }
    for (const t of touches) {
      const [id, key] = t.path as [string, string | undefined];
      if (key === undefined) {
        if (t.op === 'delete' && comments.has(id) && authorOf(id) !== me) return refuse('not-yours', 'only your own comments can be deleted');
        continue;
      }
      if (removed.has(id) && !created.has(id)) continue; // entries going away with their comment
      if (COMMENT_IDENTITY_KEYS.has(key)) {
        if (!created.has(id)) return refuse('not-yours', 'who wrote a comment, and about what, is fixed');
        if (key === 'byFacilitator' && t.op === 'insert' && t.content !== 'deleted') {
          return refuse('not-yours', 'only the facilitator writes as the facilitator');
        }
        if (key === 'authorId' && t.op === 'insert' && !(t.content === 'deleted' || (t.content === 'value' && t.values.every((v) => v === me)))) {
          return refuse('not-yours', 'comments are written as yourself');
        }
        // Where it was written: the meeting, or the window open now.
        if (key === 'origin' && t.op === 'insert' && !(t.content === 'deleted' || (t.content === 'value' && t.values.every((v) => v === f.origin)))) {
          return refuse('schema', `a comment written now carries the origin "${f.origin}"`);
        }
        continue;
      }
      // The text and its edit time: one's own comments only.
      if (!created.has(id) && authorOf(id) !== me) return refuse('not-yours', 'only your own comments can be edited');
      // Approved text stays as approved: a change would reach everyone unreviewed.
      if (f.ctx.kind === 'board' && moderated && !created.has(id)) return refuse('moderated', 'comment text is fixed under pre-moderation');
    }
    return OK;
  },
};
