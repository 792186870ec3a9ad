import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createNote, getNote, type Author } from '../../../shared/notes';
import {
  DEFAULT_SCENARIO_HEIGHT,
  DEFAULT_SCENARIO_WIDTH,
  createScenario,
  deleteScenario,
  getScenario,
  listScenarios,
  moveScenario,
  recolorScenario,
  renameScenario,
  resizeScenario,
  scenarioAt,
  scenarioNoteCounts,
} from '../../../shared/scenarios';
import {
  MAX_NAME_LENGTH,
  NOTE_HEIGHT,
  NOTE_WIDTH,
  SCENARIO_MIN_HEIGHT,
  SCENARIO_MIN_WIDTH,
  scenariosOf,
} from '../../../shared/schema';

const ada: Author = { id: 'participant-ada', name: 'Ada', sector: 'public' };
const centredOn = (cx: number, cy: number) => ({ x: cx - NOTE_WIDTH / 2, y: cy - NOTE_HEIGHT / 2 });

describe('creating scenarios', () => {
  it('gets a default size and colour when none is given', () => {
    const doc = new Y.Doc();
    const id = createScenario(doc, { name: 'Mobility', x: 10, y: 20, now: 99 });
    expect(getScenario(doc, id)).toEqual({
      id,
      name: 'Mobility',
      color: 'teal',
      x: 10,
      y: 20,
      w: DEFAULT_SCENARIO_WIDTH,
      h: DEFAULT_SCENARIO_HEIGHT,
      createdAt: 99,
    });
  });

  it('is never smaller than the minimum frame', () => {
    const doc = new Y.Doc();
    const id = createScenario(doc, { name: 'Tiny', x: 0, y: 0, w: 10, h: 10 });
    expect(getScenario(doc, id)).toMatchObject({ w: SCENARIO_MIN_WIDTH, h: SCENARIO_MIN_HEIGHT });
  });

  it('cuts a long name to the limit', () => {
    const doc = new Y.Doc();
    const id = createScenario(doc, { name: 'n'.repeat(MAX_NAME_LENGTH + 10), x: 0, y: 0 });
    expect(getScenario(doc, id)?.name).toHaveLength(MAX_NAME_LENGTH);
  });

  it('lists scenarios in the order they were created', () => {
    const doc = new Y.Doc();
    const later = createScenario(doc, { name: 'Later', x: 0, y: 0, now: 200 });
    const earlier = createScenario(doc, { name: 'Earlier', x: 0, y: 0, now: 100 });
    expect(listScenarios(doc).map((s) => s.id)).toEqual([earlier, later]);
  });
});

describe('editing scenarios', () => {
  it('renames, recolours and resizes', () => {
    const doc = new Y.Doc();
    const id = createScenario(doc, { name: 'Draft', x: 0, y: 0 });
    expect(renameScenario(doc, id, 'Final')).toBe(true);
    expect(recolorScenario(doc, id, 'rose')).toBe(true);
    expect(resizeScenario(doc, id, 900.4, 500.6)).toBe(true);
    expect(getScenario(doc, id)).toMatchObject({ name: 'Final', color: 'rose', w: 900, h: 501 });
  });

  it('cannot be resized below the minimum frame', () => {
    const doc = new Y.Doc();
    const id = createScenario(doc, { name: 'Draft', x: 0, y: 0 });
    resizeScenario(doc, id, 0, -50);
    expect(getScenario(doc, id)).toMatchObject({ w: SCENARIO_MIN_WIDTH, h: SCENARIO_MIN_HEIGHT });
  });

  it('reports an unknown scenario instead of creating one', () => {
    const doc = new Y.Doc();
    expect(renameScenario(doc, 'missing', 'x')).toBe(false);
    expect(recolorScenario(doc, 'missing', 'lime')).toBe(false);
    expect(resizeScenario(doc, 'missing', 500, 500)).toBe(false);
    expect(moveScenario(doc, 'missing', 10, 10)).toBe(false);
    expect(deleteScenario(doc, 'missing')).toBe(false);
    expect(scenariosOf(doc).size).toBe(0);
  });
});

describe('moving scenarios', () => {
  it('moving a scenario carries its notes', () => {
    const doc = new Y.Doc();
    const frame = createScenario(doc, { name: 'Energy', x: 0, y: 0, w: 600, h: 400 });
    const a = createNote(doc, { x: 20, y: 30, author: ada });
    const b = createNote(doc, { x: 300, y: 200, author: ada });
    expect(moveScenario(doc, frame, 1000, 500)).toBe(true);
    expect(getScenario(doc, frame)).toMatchObject({ x: 1000, y: 500 });
    expect(getNote(doc, a)).toMatchObject({ x: 1020, y: 530, scenarioId: frame });
    expect(getNote(doc, b)).toMatchObject({ x: 1300, y: 700, scenarioId: frame });
  });

  it('leaves notes of other scenarios and loose notes where they are', () => {
    const doc = new Y.Doc();
    const frame = createScenario(doc, { name: 'Energy', x: 0, y: 0, w: 600, h: 400 });
    createScenario(doc, { name: 'Water', x: 2000, y: 0, w: 600, h: 400 });
    const loose = createNote(doc, { x: 5000, y: 5000, author: ada });
    const other = createNote(doc, { ...centredOn(2300, 200), author: ada });
    const before = getNote(doc, other);
    moveScenario(doc, frame, 0, 1000);
    expect(getNote(doc, loose)).toMatchObject({ x: 5000, y: 5000 });
    expect(getNote(doc, other)).toEqual(before);
  });

  it('moves the frame and its notes in one update, so peers never see them apart', () => {
    const doc = new Y.Doc();
    const frame = createScenario(doc, { name: 'Energy', x: 0, y: 0 });
    createNote(doc, { x: 20, y: 30, author: ada });
    createNote(doc, { x: 300, y: 30, author: ada });
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    moveScenario(doc, frame, 400, 400);
    expect(updates).toHaveLength(1);
  });

  it('does nothing when moved to where it already is', () => {
    const doc = new Y.Doc();
    const frame = createScenario(doc, { name: 'Energy', x: 10, y: 10 });
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    expect(moveScenario(doc, frame, 10, 10)).toBe(true);
    expect(updates).toHaveLength(0);
  });
});

describe('deleting scenarios', () => {
  it('deleting a scenario keeps its notes, unclustered', () => {
    const doc = new Y.Doc();
    const frame = createScenario(doc, { name: 'Energy', x: 0, y: 0, w: 600, h: 400 });
    const note = createNote(doc, { x: 20, y: 30, text: 'solar roofs', author: ada });
    expect(deleteScenario(doc, frame)).toBe(true);
    expect(getScenario(doc, frame)).toBeNull();
    expect(getNote(doc, note)).toMatchObject({ text: 'solar roofs', x: 20, y: 30, scenarioId: null });
    expect(scenarioNoteCounts(doc).has(frame)).toBe(false);
  });

  it('leaves other scenarios and their notes alone', () => {
    const doc = new Y.Doc();
    const energy = createScenario(doc, { name: 'Energy', x: 0, y: 0, w: 600, h: 400 });
    const water = createScenario(doc, { name: 'Water', x: 2000, y: 0, w: 600, h: 400 });
    const note = createNote(doc, { ...centredOn(2300, 200), author: ada });
    deleteScenario(doc, energy);
    expect(getNote(doc, note)?.scenarioId).toBe(water);
  });
});

describe('which frame is under a point', () => {
  it('is the frame containing the point, edges included', () => {
    const doc = new Y.Doc();
    const frame = createScenario(doc, { name: 'Energy', x: 100, y: 100, w: 400, h: 300 });
    expect(scenarioAt(doc, 300, 250)).toBe(frame);
    expect(scenarioAt(doc, 100, 100)).toBe(frame);
    expect(scenarioAt(doc, 500, 400)).toBe(frame);
    expect(scenarioAt(doc, 99, 250)).toBeNull();
    expect(scenarioAt(doc, 300, 401)).toBeNull();
  });

  it('is the smallest frame when frames are nested, whichever was made first', () => {
    const doc = new Y.Doc();
    const inner = createScenario(doc, { name: 'Inner', x: 200, y: 200, w: 300, h: 300 });
    createScenario(doc, { name: 'Outer', x: 0, y: 0, w: 2000, h: 2000 });
    expect(scenarioAt(doc, 300, 300)).toBe(inner);
  });

  it('is none on an empty board', () => {
    expect(scenarioAt(new Y.Doc(), 0, 0)).toBeNull();
  });
});

describe('counting notes per scenario', () => {
  it('counts each scenario\u2019s notes and ignores loose ones', () => {
    const doc = new Y.Doc();
    const energy = createScenario(doc, { name: 'Energy', x: 0, y: 0, w: 600, h: 400 });
    const water = createScenario(doc, { name: 'Water', x: 2000, y: 0, w: 600, h: 400 });
    createNote(doc, { ...centredOn(100, 100), author: ada });
    createNote(doc, { ...centredOn(400, 300), author: ada });
    createNote(doc, { ...centredOn(2300, 200), author: ada });
    createNote(doc, { x: 9000, y: 9000, author: ada });
    expect(Object.fromEntries(scenarioNoteCounts(doc))).toEqual({ [energy]: 2, [water]: 1 });
  });
});

describe('membership follows what a frame covers', () => {
  it('takes in the loose notes a frame is resized around, and lets go of those left outside', () => {
    const doc = new Y.Doc();
    const frame = createScenario(doc, { name: 'Energy', x: 0, y: 0, w: 300, h: 300 });
    const inside = createNote(doc, { ...centredOn(150, 150), author: ada });
    const loose = createNote(doc, { ...centredOn(600, 150), author: ada });
    expect(getNote(doc, loose)?.scenarioId).toBeNull();
    resizeScenario(doc, frame, 800, 300);
    expect(getNote(doc, loose)?.scenarioId).toBe(frame);
    resizeScenario(doc, frame, 300, 300);
    expect(getNote(doc, loose)?.scenarioId).toBeNull();
    expect(getNote(doc, inside)?.scenarioId).toBe(frame);
  });

  it('takes in loose notes a frame is moved onto, but never another frame\'s notes', () => {
    const doc = new Y.Doc();
    const frame = createScenario(doc, { name: 'Energy', x: 0, y: 0, w: 400, h: 400 });
    const water = createScenario(doc, { name: 'Water', x: 2000, y: 0, w: 400, h: 400 });
    const loose = createNote(doc, { ...centredOn(1200, 200), author: ada });
    const theirs = createNote(doc, { ...centredOn(2200, 200), author: ada });
    moveScenario(doc, frame, 1000, 0);
    expect(getNote(doc, loose)?.scenarioId).toBe(frame);
    moveScenario(doc, frame, 2000, 0);
    expect(getNote(doc, theirs)?.scenarioId).toBe(water);
  });
});
