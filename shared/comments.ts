/**
 * Threaded comments on notes, scenarios and action cards. One flat root map
 * by comment id (a map per item would let two people creating an item's
 * first comment at once overwrite each other); each comment is a Y.Map of
 * plain values naming its item and, for a reply, the comment it answers.
 * Replies go one level deep: a reply to a reply answers the same parent.
 */
import * as Y from 'yjs';
import { newItemId } from './ids';
import { notesOf, scenariosOf } from './schema';
import { actionsOf } from './actions';
import { clampText } from './text';
import {
  CommentFields,
  MAX_COMMENT_TEXT,
  MAX_NAME_LENGTH,
  ORIGIN_MEETING,
  ROOT_COMMENTS,
  readOr,
  type CommentableKind,
  type Sector,
} from './documentSchemas';

export { COMMENTABLE_KINDS, MAX_COMMENT_TEXT, ROOT_COMMENTS, type CommentableKind } from './documentSchemas';

export interface CommentView {
  id: string;
  itemId: string;
  itemKind: CommentableKind;
  parentId: string | null;
  authorId: string;
  authorName: string;
  authorSector: Sector;
  byFacilitator: boolean;
  createdAt: number;
  /** When the author last changed the text; null if never. */
  editedAt: number | null;
  text: string;
  /** 'meeting', or the id of the consultation window it was written in. */
  origin: string;
}

/** A top-level comment with its replies, oldest first. */
export interface CommentNode extends CommentView {
  replies: CommentView[];
}

export interface CommentAuthor {
  id: string;
  name: string;
  sector: Sector;
  /** A neutral facilitator: the comment says so (as notes do). */
  facilitator?: boolean;
}

export const commentsOf = (doc: Y.Doc): Y.Map<Y.Map<unknown>> => doc.getMap<Y.Map<unknown>>(ROOT_COMMENTS);

/** Which root an item id lives in on this board, if any. */
export function commentableKindOf(doc: Y.Doc, itemId: string): CommentableKind | null {
  if (notesOf(doc).has(itemId)) return 'note';
  if (scenariosOf(doc).has(itemId)) return 'scenario';
  if (actionsOf(doc).has(itemId)) return 'action';
  return null;
}

/** A comment as the UI shows it; null when it names no item, author or text (a foreign or damaged entry). */
export function readComment(id: string, m: unknown): CommentView | null {
  if (!(m instanceof Y.Map)) return null;
  const f = CommentFields;
  const itemId = readOr(f.itemId.nullable(), m.get('itemId'), null);
  const authorId = readOr(f.authorId.nullable(), m.get('authorId'), null);
  const text = readOr(f.text.nullable(), m.get('text'), null);
  if (itemId === null || authorId === null || text === null) return null;
  return {
    id,
    itemId,
    itemKind: readOr(f.itemKind, m.get('itemKind'), 'note'),
    parentId: readOr(f.parentId, m.get('parentId'), null),
    authorId,
    authorName: readOr(f.authorName, m.get('authorName'), ''),
    authorSector: readOr(f.authorSector, m.get('authorSector'), 'other'),
    byFacilitator: m.get('byFacilitator') === true,
    createdAt: readOr(f.createdAt, m.get('createdAt'), 0),
    editedAt: readOr(f.editedAt.nullable(), m.get('editedAt') ?? null, null),
    text,
    origin: readOr(f.origin, m.get('origin'), ORIGIN_MEETING),
  };
}

const byCreation = (a: CommentView, b: CommentView): number => a.createdAt - b.createdAt || a.id.localeCompare(b.id);

/** Every readable comment of the board, oldest first. */
export function listComments(doc: Y.Doc): CommentView[] {
  const out: CommentView[] = [];
  commentsOf(doc).forEach((m, id) => {
    const c = readComment(id, m);
    if (c) out.push(c);
  });
  return out.sort(byCreation);
}

/**
 * Comments as threads. A reply whose parent is gone (deleted by its author)
 * is shown as a top-level comment rather than lost.
 */
export function threadsOf(comments: readonly CommentView[]): CommentNode[] {
  const sorted = [...comments].sort(byCreation);
  const top = new Map<string, CommentNode>();
  for (const c of sorted) if (c.parentId === null) top.set(c.id, { ...c, replies: [] });
  const orphans: CommentNode[] = [];
  for (const c of sorted) {
    if (c.parentId === null) continue;
    const parent = top.get(c.parentId);
    if (parent) parent.replies.push(c);
    else orphans.push({ ...c, replies: [] });
  }
  return [...top.values(), ...orphans].sort(byCreation);
}

/** The threads on one item. */
export function commentsFor(doc: Y.Doc, itemId: string): CommentNode[] {
  return threadsOf(listComments(doc).filter((c) => c.itemId === itemId));
}

export interface NewComment {
  id?: string;
  itemId: string;
  parentId?: string | null;
  author: CommentAuthor;
  text: string;
  now?: number;
  /** 'meeting' (the default) or the consultation window it is written in (shared/consultation.ts `originAt`). */
  origin?: string;
  /**
   * The board the item and the parent are on, when `doc` is the author's
   * drafts document: under pre-moderation a new comment is written there,
   * marked pending, and waits for approval (server/rooms/moderation.ts).
   */
  board?: Y.Doc;
}

/**
 * Writes a comment (or a reply, with `parentId`) on an item of this board.
 * Returns its id, or null when the text is empty, the item is unknown or
 * the parent is not a comment on the same item.
 */
export function addComment(doc: Y.Doc, input: NewComment): string | null {
  const board = input.board ?? doc;
  const text = clampText(input.text.trim(), MAX_COMMENT_TEXT);
  const itemKind = commentableKindOf(board, input.itemId);
  if (!text || !itemKind) return null;
  let parentId = input.parentId ?? null;
  if (parentId !== null) {
    const parent = readComment(parentId, commentsOf(board).get(parentId));
    if (!parent || parent.itemId !== input.itemId) return null;
    // One level of replies: answering a reply answers its thread.
    parentId = parent.parentId ?? parent.id;
  }
  const id = input.id ?? newItemId();
  addCommentMap(doc, {
    id,
    itemId: input.itemId,
    itemKind,
    parentId,
    authorId: input.author.id,
    authorName: clampText(input.author.name, MAX_NAME_LENGTH),
    authorSector: input.author.sector,
    byFacilitator: input.author.facilitator === true,
    createdAt: input.now ?? Date.now(),
    editedAt: null,
    text,
    origin: input.origin ?? ORIGIN_MEETING,
  }, input.board !== undefined);
  return id;
}

/** Writes a comment's entry as given (already checked): what addComment and the board import share. `pending` marks it as waiting for approval (drafts only). */
export function addCommentMap(doc: Y.Doc, c: CommentView, pending = false): void {
  doc.transact(() => {
    const m = new Y.Map<unknown>();
    m.set('itemId', c.itemId);
    m.set('itemKind', c.itemKind);
    m.set('parentId', c.parentId);
    m.set('authorId', c.authorId);
    m.set('authorName', c.authorName);
    m.set('authorSector', c.authorSector);
    if (c.byFacilitator) m.set('byFacilitator', true);
    m.set('createdAt', c.createdAt);
    if (c.editedAt !== null) m.set('editedAt', c.editedAt);
    m.set('text', c.text);
    m.set('origin', c.origin);
    if (pending) m.set('pending', true);
    commentsOf(doc).set(c.id, m);
  });
}

/** Replaces a comment's text and stamps the edit; false when it is gone or the text is empty. */
export function editComment(doc: Y.Doc, id: string, text: string, now = Date.now()): boolean {
  const m = commentsOf(doc).get(id);
  const next = clampText(text.trim(), MAX_COMMENT_TEXT);
  if (!(m instanceof Y.Map) || !next) return false;
  if (m.get('text') === next) return true;
  doc.transact(() => {
    m.set('text', next);
    m.set('editedAt', now);
  });
  return true;
}

export function deleteComment(doc: Y.Doc, id: string): boolean {
  if (!commentsOf(doc).has(id)) return false;
  commentsOf(doc).delete(id);
  return true;
}

/** Comments per item id (replies included). */
export function commentCounts(doc: Y.Doc): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of listComments(doc)) out.set(c.itemId, (out.get(c.itemId) ?? 0) + 1);
  return out;
}
