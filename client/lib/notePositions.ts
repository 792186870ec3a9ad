/**
 * Where every note sits, kept incrementally from deep events, so the canvas
 * can cull thousands of notes without subscribing to each one. Text edits
 * (Y.Text events) and colour changes do not touch it.
 */
import * as Y from 'yjs';
import { notesOf, type NoteMap } from '../../shared/schema';

export interface Point {
  x: number;
  y: number;
}

const read = (m: NoteMap): Point => ({ x: Number(m.get('x')) || 0, y: Number(m.get('y')) || 0 });

export class NotePositions {
  private readonly points = new Map<string, Point>();
  private readonly listeners = new Set<() => void>();
  private version = 0;
  private readonly notes: Y.Map<NoteMap>;

  constructor(doc: Y.Doc) {
    this.notes = notesOf(doc);
    this.notes.forEach((m, id) => this.points.set(id, read(m)));
    this.notes.observeDeep(this.onEvents);
  }

  private readonly onEvents = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>): void => {
    let changed = false;
    for (const event of events) {
      if (event.target === this.notes) {
        for (const [id, change] of (event as Y.YMapEvent<NoteMap>).changes.keys) {
          const m = this.notes.get(id);
          if (change.action === 'delete' || !m) this.points.delete(id);
          else this.points.set(id, read(m));
          changed = true;
        }
      } else if (event instanceof Y.YMapEvent && event.path.length === 1) {
        if (!event.keysChanged.has('x') && !event.keysChanged.has('y')) continue;
        const id = String(event.path[0]);
        const m = this.notes.get(id);
        if (m) this.points.set(id, read(m));
        changed = true;
      }
    }
    if (changed) {
      this.version++;
      this.listeners.forEach((l) => l());
    }
  };

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getVersion = (): number => this.version;

  get(id: string): Point | undefined {
    return this.points.get(id);
  }

  entries(): IterableIterator<[string, Point]> {
    return this.points.entries();
  }

  destroy(): void {
    this.notes.unobserveDeep(this.onEvents);
    this.listeners.clear();
  }
}
