import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  createNote,
  deleteNote,
  dropNote,
  editNoteText,
  getNote,
  listNotes,
  moveNote,
  recolorNote,
  setNoteScenario,
  type Author,
} from '../../../shared/notes';
import { createScenario, getScenario, scenarioAt } from '../../../shared/scenarios';
import { MAX_NOTE_TEXT, NOTE_HEIGHT, NOTE_WIDTH, notesOf } from '../../../shared/schema';

const ada: Author = { id: 'participant-ada', name: 'Ada', sector: 'civil' };

/** Top-left corner that puts a note's centre exactly on (cx, cy). */
const centredOn = (cx: number, cy: number) => ({ x: cx - NOTE_WIDTH / 2, y: cy - NOTE_HEIGHT / 2 });

const overlaps = (a: { x: number; y: number }, b: { x: number; y: number }): boolean =>
  Math.abs(a.x - b.x) < NOTE_WIDTH && Math.abs(a.y - b.y) < NOTE_HEIGHT;

describe('creating notes', () => {
  it('records the author, their sector and sensible defaults', () => {
    const doc = new Y.Doc();
    const id = createNote(doc, { x: 10, y: 20, author: ada, now: 1234 });
    expect(getNote(doc, id)).toEqual({
      id,
      text: '',
      x: 10,
      y: 20,
      color: 'yellow',
      authorId: 'participant-ada',
      authorName: 'Ada',
      authorSector: 'civil',
      byFacilitator: false,
      pending: false,
      where: 'remote',
      origin: 'meeting',
      scenarioId: null,
      createdAt: 1234,
    });
  });

  it('stores positions as whole pixels', () => {
    const doc = new Y.Doc();
    const id = createNote(doc, { x: 10.4, y: 20.6, author: ada });
    expect(getNote(doc, id)).toMatchObject({ x: 10, y: 21 });
  });

  it('keeps the text, cut to the note limit', () => {
    const doc = new Y.Doc();
    const id = createNote(doc, { x: 0, y: 0, text: 'x'.repeat(MAX_NOTE_TEXT + 50), author: ada });
    expect(getNote(doc, id)?.text).toHaveLength(MAX_NOTE_TEXT);
  });

  it('appears to peers all at once, in a single update', () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    createNote(doc, { x: 0, y: 0, text: 'hello', author: ada });
    expect(updates).toHaveLength(1);
  });

  it('a note created inside a frame joins that scenario', () => {
    const doc = new Y.Doc();
    const frame = createScenario(doc, { name: 'Mobility', x: 0, y: 0, w: 600, h: 400 });
    const id = createNote(doc, { ...centredOn(300, 200), author: ada });
    expect(getNote(doc, id)?.scenarioId).toBe(frame);
  });

  it('a note created outside every frame is unclustered', () => {
    const doc = new Y.Doc();
    createScenario(doc, { name: 'Mobility', x: 0, y: 0, w: 600, h: 400 });
    const id = createNote(doc, { x: 2000, y: 2000, author: ada });
    expect(getNote(doc, id)?.scenarioId).toBeNull();
  });

  it('uses the id it is given, so scripts can address the note', () => {
    const doc = new Y.Doc();
    expect(createNote(doc, { id: 'note-from-script', x: 0, y: 0, author: ada })).toBe('note-from-script');
    expect(getNote(doc, 'note-from-script')).not.toBeNull();
  });
});

describe('dropping notes', () => {
  it('a note dropped inside a frame joins that scenario', () => {
    const doc = new Y.Doc();
    const frame = createScenario(doc, { name: 'Energy', x: 1000, y: 0, w: 600, h: 400 });
    const id = createNote(doc, { x: 0, y: 0, author: ada });
    const { x, y } = centredOn(1300, 200);
    expect(dropNote(doc, id, x, y)).toBe(frame);
    expect(getNote(doc, id)).toMatchObject({ x, y, scenarioId: frame });
  });

  it('a note dropped outside every frame leaves its scenario', () => {
    const doc = new Y.Doc();
    createScenario(doc, { name: 'Energy', x: 0, y: 0, w: 600, h: 400 });
    const id = createNote(doc, { ...centredOn(300, 200), author: ada });
    expect(dropNote(doc, id, 3000, 3000)).toBeNull();
    expect(getNote(doc, id)?.scenarioId).toBeNull();
  });

  it('a note dropped from one frame into another moves between scenarios', () => {
    const doc = new Y.Doc();
    const energy = createScenario(doc, { name: 'Energy', x: 0, y: 0, w: 600, h: 400 });
    const water = createScenario(doc, { name: 'Water', x: 1000, y: 0, w: 600, h: 400 });
    const id = createNote(doc, { ...centredOn(300, 200), author: ada });
    expect(getNote(doc, id)?.scenarioId).toBe(energy);
    const { x, y } = centredOn(1300, 200);
    dropNote(doc, id, x, y);
    expect(getNote(doc, id)?.scenarioId).toBe(water);
  });

  it('the note centre decides: a corner over a frame is not enough', () => {
    const doc = new Y.Doc();
    createScenario(doc, { name: 'Energy', x: 0, y: 0, w: 600, h: 400 });
    const id = createNote(doc, { x: 2000, y: 0, author: ada });
    // Top-left corner inside the frame, centre just outside its right edge.
    expect(dropNote(doc, id, 600 - NOTE_WIDTH / 2 + 1, 100)).toBeNull();
  });

  it('a note dropped where frames overlap joins the smallest one', () => {
    const doc = new Y.Doc();
    createScenario(doc, { name: 'City', x: 0, y: 0, w: 2000, h: 2000 });
    const district = createScenario(doc, { name: 'District', x: 500, y: 500, w: 600, h: 400 });
    const id = createNote(doc, { x: 0, y: 0, author: ada });
    const { x, y } = centredOn(800, 700);
    expect(dropNote(doc, id, x, y)).toBe(district);
  });

  it('moving a note while dragging keeps its scenario until it is dropped', () => {
    const doc = new Y.Doc();
    const frame = createScenario(doc, { name: 'Energy', x: 0, y: 0, w: 600, h: 400 });
    const id = createNote(doc, { ...centredOn(300, 200), author: ada });
    expect(moveNote(doc, id, 5000, 5000)).toBe(true);
    expect(getNote(doc, id)).toMatchObject({ x: 5000, y: 5000, scenarioId: frame });
  });

  it('reports an unknown note instead of creating one', () => {
    const doc = new Y.Doc();
    expect(dropNote(doc, 'missing-note', 0, 0)).toBe(false);
    expect(moveNote(doc, 'missing-note', 0, 0)).toBe(false);
    expect(editNoteText(doc, 'missing-note', 'hi')).toBe(false);
    expect(recolorNote(doc, 'missing-note', 'pink')).toBe(false);
    expect(deleteNote(doc, 'missing-note')).toBe(false);
    expect(setNoteScenario(doc, 'missing-note', null)).toBe(false);
    expect(notesOf(doc).size).toBe(0);
  });
});

describe('editing notes', () => {
  it('replaces the text, cut to the note limit', () => {
    const doc = new Y.Doc();
    const id = createNote(doc, { x: 0, y: 0, text: 'draft', author: ada });
    expect(editNoteText(doc, id, 'final wording')).toBe(true);
    expect(getNote(doc, id)?.text).toBe('final wording');
    editNoteText(doc, id, 'y'.repeat(MAX_NOTE_TEXT + 1));
    expect(getNote(doc, id)?.text).toHaveLength(MAX_NOTE_TEXT);
  });

  it('changes colour', () => {
    const doc = new Y.Doc();
    const id = createNote(doc, { x: 0, y: 0, author: ada });
    recolorNote(doc, id, 'green');
    expect(getNote(doc, id)?.color).toBe('green');
  });

  it('a deleted note disappears from the board', () => {
    const doc = new Y.Doc();
    const keep = createNote(doc, { x: 0, y: 0, author: ada });
    const gone = createNote(doc, { x: 300, y: 0, author: ada });
    expect(deleteNote(doc, gone)).toBe(true);
    expect(getNote(doc, gone)).toBeNull();
    expect(listNotes(doc).map((n) => n.id)).toEqual([keep]);
  });
});

describe('putting notes into scenarios from the menu', () => {
  it('places the note visibly inside the frame', () => {
    const doc = new Y.Doc();
    const frame = createScenario(doc, { name: 'Energy', x: 1000, y: 1000 });
    const id = createNote(doc, { x: 0, y: 0, author: ada });
    expect(setNoteScenario(doc, id, frame)).toBe(true);
    const note = getNote(doc, id)!;
    expect(note.scenarioId).toBe(frame);
    expect(scenarioAt(doc, note.x + NOTE_WIDTH / 2, note.y + NOTE_HEIGHT / 2)).toBe(frame);
  });

  it('lays several notes side by side rather than on top of each other', () => {
    const doc = new Y.Doc();
    const frame = createScenario(doc, { name: 'Energy', x: 0, y: 0 });
    const ids = [0, 1, 2, 3, 4].map((i) => createNote(doc, { x: 5000 + i * 300, y: 5000, author: ada }));
    for (const id of ids) setNoteScenario(doc, id, frame);
    const placed = ids.map((id) => getNote(doc, id)!);
    for (const [i, a] of placed.entries()) {
      for (const b of placed.slice(i + 1)) expect(overlaps(a, b), `${a.id} covers ${b.id}`).toBe(false);
    }
  });

  it('grows the frame when the next slot falls below it', () => {
    const doc = new Y.Doc();
    const frame = createScenario(doc, { name: 'Narrow', x: 0, y: 0, w: 260, h: 200 });
    const ids = [0, 1, 2].map((i) => createNote(doc, { x: 5000 + i * 300, y: 5000, author: ada }));
    for (const id of ids) setNoteScenario(doc, id, frame);
    for (const id of ids) {
      const n = getNote(doc, id)!;
      expect(scenarioAt(doc, n.x + NOTE_WIDTH / 2, n.y + NOTE_HEIGHT / 2)).toBe(frame);
    }
    expect(getScenario(doc, frame)!.h).toBeGreaterThan(200);
  });

  it('a note added from the menu does not cover a note already in the frame', () => {
    const doc = new Y.Doc();
    const frame = createScenario(doc, { name: 'Energy', x: 0, y: 0 });
    const [a, b, c, d] = [0, 1, 2, 3].map((i) => createNote(doc, { x: 5000 + i * 300, y: 5000, author: ada })) as [
      string,
      string,
      string,
      string,
    ];
    for (const id of [a, b, c]) setNoteScenario(doc, id, frame);
    setNoteScenario(doc, a, null);
    setNoteScenario(doc, d, frame);
    const added = getNote(doc, d)!;
    for (const other of [b, c]) {
      expect(overlaps(added, getNote(doc, other)!), `new note lands on ${other}`).toBe(false);
    }
  });

  it('taking a note out of its scenario puts it just below the frame, outside it', () => {
    const doc = new Y.Doc();
    const frame = createScenario(doc, { name: 'Energy', x: 100, y: 100, w: 600, h: 400 });
    const id = createNote(doc, { ...centredOn(400, 300), author: ada });
    expect(setNoteScenario(doc, id, null)).toBe(true);
    const note = getNote(doc, id)!;
    expect(note.scenarioId).toBeNull();
    expect(note.x).toBe(100);
    expect(note.y).toBeGreaterThan(500);
    expect(scenarioAt(doc, note.x + NOTE_WIDTH / 2, note.y + NOTE_HEIGHT / 2)).not.toBe(frame);
  });

  it('refuses a scenario that does not exist and leaves the note where it was', () => {
    const doc = new Y.Doc();
    const id = createNote(doc, { x: 40, y: 50, author: ada });
    expect(setNoteScenario(doc, id, 'no-such-scenario')).toBe(false);
    expect(getNote(doc, id)).toMatchObject({ x: 40, y: 50, scenarioId: null });
  });

  it('a note is never in two scenarios: joining one leaves the other', () => {
    const doc = new Y.Doc();
    const energy = createScenario(doc, { name: 'Energy', x: 0, y: 0 });
    const water = createScenario(doc, { name: 'Water', x: 2000, y: 0 });
    const id = createNote(doc, { x: 5000, y: 5000, author: ada });
    setNoteScenario(doc, id, energy);
    setNoteScenario(doc, id, water);
    expect(getNote(doc, id)?.scenarioId).toBe(water);
  });
});

describe('reading notes written by other clients', () => {
  it('renders a note with missing or malformed fields using defaults', () => {
    const doc = new Y.Doc();
    const m = new Y.Map<unknown>();
    notesOf(doc).set('foreign-note', m);
    m.set('x', 'not a number');
    m.set('color', 'chartreuse');
    m.set('authorSector', 'military');
    m.set('scenarioId', 42);
    expect(getNote(doc, 'foreign-note')).toEqual({
      id: 'foreign-note',
      text: '',
      x: 0,
      y: 0,
      color: 'yellow',
      authorId: '',
      authorName: '',
      authorSector: 'other',
      byFacilitator: false,
      pending: false,
      where: 'remote',
      origin: 'meeting',
      scenarioId: null,
      createdAt: 0,
    });
  });
});
