/**
 * This person's undo and redo on the board: a Y.UndoManager over the roots
 * people edit, tracking only transactions made on this device (origin null,
 * which every shared/ operation and text edit uses; and the manager itself,
 * for redo). Changes that arrive from the server (origin: the provider) or
 * from IndexedDB are never on the stack, so an undo only ever takes back
 * this person's own edits.
 *
 * - Undoing the creation of a note, scenario or card that someone else has
 *   since edited leaves it in place: their work in it is theirs.
 * - Session changes are tracked only when they touch the title or prompts
 *   (a version restore does); a phase change or a lock is not undone by Ctrl+Z.
 * - Private drafts have no stack: they are typed in text fields, whose own
 *   undo (the browser's) applies.
 *
 * After a refused update the document continues as a rebuilt Y.Doc
 * (rebase.ts); `rebase` moves the stacks onto it, dropping entries that
 * point at changes the server never took, and puts back an undo the server
 * refused so it can be tried again.
 */
import * as Y from 'yjs';
import { ROOT_ACTIONS } from '../../shared/actions';
import { ROOT_NOTES, ROOT_SCENARIOS, ROOT_SESSION } from '../../shared/schema';
import type { DeleteSet, JournalEntry, SharedType } from './localJournal';

/** Typing within this long is one undo step. */
export const CAPTURE_MS = 600;
const UNDOABLE_SESSION_KEYS: ReadonlySet<string> = new Set(['title', 'prompts']);

type StackItem = Y.UndoManager['undoStack'][number];
interface Popped {
  item: StackItem;
  kind: 'undo' | 'redo';
  client: number;
  start: number;
}

export class BoardHistory {
  private um: Y.UndoManager;
  private doc: Y.Doc;
  /** Every client id this device has written this board with (it changes on a rebase). */
  private readonly mine = new Set<number>();
  private readonly listeners = new Set<() => void>();
  private lastPopped: Popped | null = null;

  constructor(doc: Y.Doc) {
    this.doc = doc;
    this.um = this.create(doc);
  }

  /** Whether this device's last tracked change was typing, or something else (a move, a colour, a creation). */
  private lastKind: 'text' | 'other' | null = null;

  /**
   * Typing within CAPTURE_MS is one step, but a move right after typing is
   * not part of it: a change of kind closes the step. Registered before the
   * UndoManager, so it runs before the manager decides whether to merge.
   */
  private readonly separateKinds = (tr: Y.Transaction): void => {
    if (tr.origin !== null || !tr.local || tr.changed.size === 0) return;
    const kind = [...tr.changed.keys()].every((type) => type instanceof Y.Text) ? 'text' : 'other';
    if (this.lastKind !== null && kind !== this.lastKind) this.um.stopCapturing();
    this.lastKind = kind;
  };

  private create(doc: Y.Doc): Y.UndoManager {
    this.mine.add(doc.clientID);
    doc.on('afterTransaction', this.separateKinds);
    const session = doc.getMap(ROOT_SESSION);
    const um = new Y.UndoManager([doc.getMap(ROOT_NOTES), doc.getMap(ROOT_SCENARIOS), doc.getMap(ROOT_ACTIONS), session], {
      captureTimeout: CAPTURE_MS,
      trackedOrigins: new Set([null]),
      captureTransaction: (tr) => {
        const keys = tr.changed.get(session as SharedType);
        return !keys || [...keys].every((k) => k !== null && UNDOABLE_SESSION_KEYS.has(k));
      },
      deleteFilter: (item) => this.mayDelete(item),
    });
    for (const e of ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const) um.on(e, this.notify);
    return um;
  }

  /**
   * Undoing a creation deletes the entity and everything in it; if someone
   * else has written into it since, none of it is deleted (children go
   * first, so the whole entity is judged, not field by field).
   */
  private mayDelete(item: Y.Item): boolean {
    const entity = entityOf(item);
    const step = this.lastPopped?.item;
    if (!entity || !step || !Y.isDeleted(step.insertions, entity.id)) return true;
    return !this.holdsOthersWork(entity);
  }

  /** A live item under another client id anywhere inside this one. */
  private holdsOthersWork(item: Y.Item): boolean {
    if (!(item.content instanceof Y.ContentType)) return false;
    const walk = (type: SharedType): boolean => {
      const items: Y.Item[] = [];
      type._map.forEach((i) => items.push(i));
      for (let i = type._start; i; i = i.right) items.push(i);
      return items.some(
        (i) => !i.deleted && (!this.mine.has(i.id.client) || (i.content instanceof Y.ContentType && walk(i.content.type))),
      );
    };
    return walk(item.content.type);
  }

  private readonly notify = (): void => {
    for (const l of this.listeners) l();
  };

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get canUndo(): boolean {
    return this.um.undoStack.length > 0;
  }

  get canRedo(): boolean {
    return this.um.redoStack.length > 0;
  }

  /** Closes the current step: the next change is an undo step of its own, however soon it comes. */
  separate(): void {
    this.um.stopCapturing();
  }

  undo(): void {
    this.step('undo');
  }

  redo(): void {
    this.step('redo');
  }

  private step(kind: 'undo' | 'redo'): void {
    const stack = kind === 'undo' ? this.um.undoStack : this.um.redoStack;
    const item = stack[stack.length - 1];
    if (!item) return;
    // The next step starts a new stack entry, even right after typing.
    this.um.stopCapturing();
    const client = this.doc.clientID;
    this.lastPopped = { item, kind, client, start: Y.getState(this.doc.store, client) };
    if (kind === 'undo') this.um.undo();
    else this.um.redo();
  }

  /** Moves the stacks onto the rebuilt doc; `refused` is the change the server refused, if known. */
  rebase(doc: Y.Doc, refused: JournalEntry | null): void {
    const old = this.um;
    this.doc = doc;
    this.um = this.create(doc);
    const fits = (item: StackItem): boolean => [item.insertions, item.deletions].every((ds) => fitsIn(ds, doc));
    this.um.undoStack = old.undoStack.filter(fits);
    this.um.redoStack = old.redoStack.filter(fits);
    const popped = this.lastPopped;
    if (refused?.undo && popped && popped.client === refused.client && popped.start === refused.start && fits(popped.item)) {
      (popped.kind === 'undo' ? this.um.undoStack : this.um.redoStack).push(popped.item);
    }
    this.lastPopped = null;
    old.doc.off('afterTransaction', this.separateKinds);
    old.destroy();
    this.notify();
  }

  destroy(): void {
    this.doc.off('afterTransaction', this.separateKinds);
    this.um.destroy();
    this.listeners.clear();
  }
}

/** The item directly under a root map that holds this one (a note, a scenario, a card). */
function entityOf(item: Y.Item): Y.Item | null {
  let at: Y.Item = item;
  for (;;) {
    const parent = at.parent;
    if (!(parent instanceof Y.AbstractType)) return null;
    if (!parent._item) return at;
    at = parent._item;
  }
}

function fitsIn(ds: DeleteSet, doc: Y.Doc): boolean {
  for (const [client, ranges] of ds.clients) {
    const state = Y.getState(doc.store, client);
    if (ranges.some((r) => r.clock + r.len > state)) return false;
  }
  return true;
}
