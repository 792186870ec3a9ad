/**
 * Likely duplicates on the board, for the facilitator's eyes only: kept up
 * to date on their own device from the board they already hold, with the
 * same shared code the server uses (shared/suggest/duplicates.ts). Only the
 * notes that changed are analysed again, a short while after typing stops,
 * and compared against an index of the others. Each note that came after a
 * look-alike is flagged with the earlier one. One store per board document,
 * created the first time a facilitator's card asks.
 */
import * as Y from 'yjs';
import { analyze } from '../../shared/suggest/analyze';
import { DuplicateIndex } from '../../shared/suggest/duplicates';
import { DEFAULT_SUGGEST_OPTIONS } from '../../shared/suggest/suggest';
import { notesOf } from '../../shared/schema';

/** Typing pauses this long before a changed note is checked again. */
export const DUPLICATE_CHECK_DELAY_MS = 600;
/** Notes analysed per task (about 8 ms for 100): a whole board is checked without a long frame. */
const CHECK_CHUNK = 100;

export interface DuplicateFlags {
  /** The earlier note this one likely repeats, or null. */
  flagOf(noteId: string): string | null;
  subscribe(noteId: string, onChange: () => void): () => void;
}

class BoardDuplicates implements DuplicateFlags {
  private readonly index = new DuplicateIndex<string>(DEFAULT_SUGGEST_OPTIONS);
  private readonly alike = new Map<string, Set<string>>();
  private readonly flags = new Map<string, string>();
  private readonly listeners = new Map<string, Set<() => void>>();
  private readonly pending = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly doc: Y.Doc) {
    notesOf(doc).forEach((_, id) => this.pending.add(id));
    // The first card to ask creates this while the board renders for the
    // first time: analysing every note then (160 ms for 2,000) would hold
    // the first notes back, so the whole board is checked a moment later,
    // a chunk per task.
    this.timer = setTimeout(() => this.check(), DUPLICATE_CHECK_DELAY_MS);
    notesOf(doc).observeDeep((events) => {
      for (const e of events) {
        if (e.target === notesOf(doc)) for (const key of (e as Y.YMapEvent<unknown>).keysChanged) this.pending.add(key);
        else if (typeof e.path[0] === 'string') this.pending.add(e.path[0]);
      }
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.check(), DUPLICATE_CHECK_DELAY_MS);
    });
  }

  flagOf(noteId: string): string | null {
    return this.flags.get(noteId) ?? null;
  }

  subscribe(noteId: string, onChange: () => void): () => void {
    const set = this.listeners.get(noteId) ?? new Set();
    set.add(onChange);
    this.listeners.set(noteId, set);
    return () => set.delete(onChange);
  }

  private createdAt(id: string): number {
    const v = notesOf(this.doc).get(id)?.get('createdAt');
    return typeof v === 'number' ? v : 0;
  }

  /** True when `a` came before `b` (ties by id, as everywhere). */
  private earlier(a: string, b: string): boolean {
    const ta = this.createdAt(a);
    const tb = this.createdAt(b);
    return ta < tb || (ta === tb && a < b);
  }

  private check(): void {
    const notes = notesOf(this.doc);
    const touched = new Set<string>();
    // Pairs are found whichever of two notes comes later: each is compared
    // with every note indexed before it, so chunks add up to a whole check.
    const changed: string[] = [];
    for (const id of this.pending) {
      if (changed.length === CHECK_CHUNK) break;
      changed.push(id);
    }
    for (const id of changed) this.pending.delete(id);
    if (this.pending.size > 0) this.timer = setTimeout(() => this.check(), 0);
    for (const id of changed) {
      for (const other of this.alike.get(id) ?? []) {
        this.alike.get(other)?.delete(id);
        touched.add(other);
      }
      this.alike.delete(id);
      touched.add(id);
      const text = notes.get(id)?.get('text');
      if (text instanceof Y.Text && text.length > 0) this.index.set(id, analyze(text.toString()).tokens);
      else this.index.delete(id);
    }
    for (const id of changed) {
      for (const { key } of this.index.alikeTo(id)) {
        this.alike.set(id, (this.alike.get(id) ?? new Set()).add(key));
        this.alike.set(key, (this.alike.get(key) ?? new Set()).add(id));
        touched.add(key);
      }
    }
    for (const id of touched) {
      const before = this.flags.get(id);
      const earlier = [...(this.alike.get(id) ?? [])].filter((o) => this.earlier(o, id)).sort((a, b) => (this.earlier(a, b) ? -1 : 1));
      if (earlier[0]) this.flags.set(id, earlier[0]);
      else this.flags.delete(id);
      if (this.flags.get(id) !== before) for (const l of this.listeners.get(id) ?? []) l();
    }
  }
}

const stores = new WeakMap<Y.Doc, BoardDuplicates>();

export function duplicateFlagsOf(doc: Y.Doc): DuplicateFlags {
  let store = stores.get(doc);
  if (!store) {
    store = new BoardDuplicates(doc);
    stores.set(doc, store);
  }
  return store;
}
