/**
 * Comments and reactions by item, for the cards that show them. The roots
 * are flat maps (shared/comments.ts, shared/reactions.ts), so one observer
 * per root and document re-reads only the entries a change touched, regroups
 * only their items, and tells only those items: a comment on one note
 * renders that note's bar, not the board, and costs no pass over every
 * comment. One index per document, made on first use.
 */
import type * as Y from 'yjs';
import { commentsOf, readComment, type CommentView } from '../../shared/comments';
import { reactionsOf, readReaction, type ReactionKey, type ReactionValue } from '../../shared/reactions';

export type ItemReaction = ReactionKey & ReactionValue;

const NONE: readonly never[] = Object.freeze([]);

const byCreation = (a: CommentView, b: CommentView): number => a.createdAt - b.createdAt || a.id.localeCompare(b.id);


/**
 * Entries of one root by key, grouped by item. `update` re-reads the given
 * keys and answers the items whose entries changed; each item's list is a
 * new array only when it changed, so React keeps the others.
 */
class Grouped<T extends { itemId: string }> {
  private readonly byKey = new Map<string, T>();
  private readonly keysByItem = new Map<string, Set<string>>();
  private readonly lists = new Map<string, readonly T[]>();

  constructor(
    private readonly read: (key: string) => T | null,
    private readonly order: (a: T, b: T) => number,
  ) {}

  list(itemId: string): readonly T[] {
    return this.lists.get(itemId) ?? NONE;
  }

  update(keys: Iterable<string>): Set<string> {
    const items = new Set<string>();
    for (const key of keys) {
      const before = this.byKey.get(key);
      const after = this.read(key);
      if (before) {
        this.keysByItem.get(before.itemId)?.delete(key);
        items.add(before.itemId);
      }
      if (after) {
        this.byKey.set(key, after);
        let set = this.keysByItem.get(after.itemId);
        if (!set) this.keysByItem.set(after.itemId, (set = new Set()));
        set.add(key);
        items.add(after.itemId);
      } else this.byKey.delete(key);
    }
    for (const item of items) {
      const keys = this.keysByItem.get(item);
      if (!keys || keys.size === 0) {
        this.keysByItem.delete(item);
        this.lists.delete(item);
      } else this.lists.set(item, [...keys].map((k) => this.byKey.get(k)!).sort(this.order));
    }
    return items;
  }
}

export class FeedbackIndex {
  private readonly comments: Grouped<CommentView>;
  private readonly reactions: Grouped<ItemReaction>;
  private readonly listeners = new Map<string, Set<() => void>>();

  constructor(doc: Y.Doc) {
    const comments = commentsOf(doc);
    const reactions = reactionsOf(doc);
    this.comments = new Grouped((id) => readComment(id, comments.get(id)), byCreation);
    this.reactions = new Grouped((key) => readReaction(key, reactions.get(key)), (a, b) => a.at - b.at || a.participantId.localeCompare(b.participantId));
    this.comments.update(comments.keys());
    this.reactions.update(reactions.keys());
    // Deep for comments: an edit changes a key inside one comment's map.
    comments.observeDeep((events) => {
      const ids = new Set<string>();
      for (const e of events) {
        if (e.target === comments) for (const k of e.changes.keys.keys()) ids.add(k);
        else if (typeof e.path[0] === 'string') ids.add(e.path[0]);
      }
      this.notify(this.comments.update(ids));
    });
    reactions.observe((e) => this.notify(this.reactions.update(e.keysChanged)));
  }

  commentsOn(itemId: string): readonly CommentView[] {
    return this.comments.list(itemId);
  }

  reactionsOn(itemId: string): readonly ItemReaction[] {
    return this.reactions.list(itemId);
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
