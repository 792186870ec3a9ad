/**
 * Comments and reactions by item, for the cards that show them. The roots
 * are flat maps (shared/comments.ts, shared/reactions.ts), so one observer
 * per root and document regroups them by item after each change and tells
 * only the items whose comments or reactions changed: a comment on one note
 * renders that note's bar, not the board. One index per document, made on
 * first use.
 */
import type * as Y from 'yjs';
import { commentsOf, listComments, type CommentView } from '../../shared/comments';
import { listReactions, reactionsOf, type ReactionKey, type ReactionValue } from '../../shared/reactions';

export type ItemReaction = ReactionKey & ReactionValue;

const NONE: readonly never[] = Object.freeze([]);

/** Regroups `list` by item, keeping the previous array for every item whose entries did not change; returns the items that did. */
function regroup<T extends { itemId: string }>(list: readonly T[], previous: Map<string, readonly T[]>): { next: Map<string, readonly T[]>; changed: Set<string> } {
  const fresh = new Map<string, T[]>();
  for (const entry of list) {
    const l = fresh.get(entry.itemId);
    if (l) l.push(entry);
    else fresh.set(entry.itemId, [entry]);
  }
  const next = new Map<string, readonly T[]>();
  const changed = new Set<string>();
  for (const [item, entries] of fresh) {
    const old = previous.get(item);
    if (old && JSON.stringify(old) === JSON.stringify(entries)) next.set(item, old);
    else {
      next.set(item, entries);
      changed.add(item);
    }
  }
  for (const item of previous.keys()) if (!fresh.has(item)) changed.add(item);
  return { next, changed };
}

export class FeedbackIndex {
  private comments = new Map<string, readonly CommentView[]>();
  private reactions = new Map<string, readonly ItemReaction[]>();
  private readonly listeners = new Map<string, Set<() => void>>();

  constructor(private readonly doc: Y.Doc) {
    this.comments = regroup(listComments(doc), this.comments).next;
    this.reactions = regroup(listReactions(doc), this.reactions).next;
    // Deep for comments: an edit changes a key inside one comment's map.
    commentsOf(doc).observeDeep(() => {
      const { next, changed } = regroup(listComments(this.doc), this.comments);
      this.comments = next;
      this.notify(changed);
    });
    reactionsOf(doc).observe(() => {
      const { next, changed } = regroup(listReactions(this.doc), this.reactions);
      this.reactions = next;
      this.notify(changed);
    });
  }

  commentsOn(itemId: string): readonly CommentView[] {
    return this.comments.get(itemId) ?? NONE;
  }

  reactionsOn(itemId: string): readonly ItemReaction[] {
    return this.reactions.get(itemId) ?? NONE;
  }

  subscribe(itemId: string, onChange: () => void): () => void {
    let set = this.listeners.get(itemId);
    if (!set) this.listeners.set(itemId, (set = new Set()));
    set.add(onChange);
    return () => {
      set.delete(onChange);
      if (set.size === 0) this.listeners.delete(itemId);
    };
  }

  private notify(items: Set<string>): void {
    for (const item of items) for (const l of [...(this.listeners.get(item) ?? [])]) l();
  }
}

const indexes = new WeakMap<Y.Doc, FeedbackIndex>();

export function feedbackIndexOf(doc: Y.Doc): FeedbackIndex {
  let index = indexes.get(doc);
  if (!index) indexes.set(doc, (index = new FeedbackIndex(doc)));
  return index;
}
