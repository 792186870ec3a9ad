/** Pure operations on scenarios: named frames that cluster notes. A note's
 * membership lives on the note (`scenarioId`), so a note is in at most one. */
import * as Y from 'yjs';
import { newItemId } from './ids';
import {
  MAX_NAME_LENGTH,
  NOTE_HEIGHT,
  NOTE_WIDTH,
  SCENARIO_MIN_HEIGHT,
  SCENARIO_MIN_WIDTH,
  notesOf,
  readScenario,
  scenariosOf,
  type ScenarioColor,
  type ScenarioView,
} from './schema';

export interface NewScenario {
  id?: string;
  name: string;
  x: number;
  y: number;
  w?: number;
  h?: number;
  color?: ScenarioColor;
  now?: number;
}

export const DEFAULT_SCENARIO_WIDTH = 680;
export const DEFAULT_SCENARIO_HEIGHT = 420;

export function createScenario(doc: Y.Doc, input: NewScenario): string {
  const id = input.id ?? newItemId();
  doc.transact(() => {
    const m = new Y.Map<unknown>();
    m.set('name', input.name.slice(0, MAX_NAME_LENGTH));
    m.set('color', input.color ?? 'teal');
    m.set('x', Math.round(input.x));
    m.set('y', Math.round(input.y));
    m.set('w', Math.round(Math.max(SCENARIO_MIN_WIDTH, input.w ?? DEFAULT_SCENARIO_WIDTH)));
    m.set('h', Math.round(Math.max(SCENARIO_MIN_HEIGHT, input.h ?? DEFAULT_SCENARIO_HEIGHT)));
    m.set('createdAt', input.now ?? Date.now());
    scenariosOf(doc).set(id, m);
  });
  return id;
}

export function getScenario(doc: Y.Doc, id: string): ScenarioView | null {
  const m = scenariosOf(doc).get(id);
  return m ? readScenario(id, m) : null;
}

export function listScenarios(doc: Y.Doc): ScenarioView[] {
  const out: ScenarioView[] = [];
  scenariosOf(doc).forEach((m, id) => out.push(readScenario(id, m)));
  return out.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

export function renameScenario(doc: Y.Doc, id: string, name: string): boolean {
  const m = scenariosOf(doc).get(id);
  if (!m) return false;
  m.set('name', name.slice(0, MAX_NAME_LENGTH));
  return true;
}

export function recolorScenario(doc: Y.Doc, id: string, color: ScenarioColor): boolean {
  const m = scenariosOf(doc).get(id);
  if (!m) return false;
  m.set('color', color);
  return true;
}

export function resizeScenario(doc: Y.Doc, id: string, w: number, h: number): boolean {
  const m = scenariosOf(doc).get(id);
  if (!m) return false;
  doc.transact(() => {
    m.set('w', Math.round(Math.max(SCENARIO_MIN_WIDTH, w)));
    m.set('h', Math.round(Math.max(SCENARIO_MIN_HEIGHT, h)));
    matchMembership(doc, id);
  });
  return true;
}

/**
 * After a frame moved or changed size, membership follows what the board
 * shows, as it does for a dropped note: a loose note now under the frame
 * (its centre inside, this the smallest frame there) joins it, and a member
 * left outside leaves it for whatever frame, if any, is under it now. Notes
 * of other frames are never taken.
 */
function matchMembership(doc: Y.Doc, id: string): void {
  const scenarios = scenariosOf(doc);
  notesOf(doc).forEach((note) => {
    const sid = note.get('scenarioId');
    const loose = typeof sid !== 'string' || !scenarios.has(sid);
    if (!loose && sid !== id) return;
    const under = scenarioAt(doc, (Number(note.get('x')) || 0) + NOTE_WIDTH / 2, (Number(note.get('y')) || 0) + NOTE_HEIGHT / 2);
    if (loose && under === id) note.set('scenarioId', id);
    else if (sid === id && under !== id) note.set('scenarioId', under);
  });
}

/** Moves a frame and carries its notes along, as a facilitator expects; loose
 * notes it now covers join it. */
export function moveScenario(doc: Y.Doc, id: string, x: number, y: number): boolean {
  const m = scenariosOf(doc).get(id);
  if (!m) return false;
  const dx = Math.round(x) - (Number(m.get('x')) || 0);
  const dy = Math.round(y) - (Number(m.get('y')) || 0);
  if (dx === 0 && dy === 0) return true;
  doc.transact(() => {
    m.set('x', Math.round(x));
    m.set('y', Math.round(y));
    notesOf(doc).forEach((note) => {
      if (note.get('scenarioId') !== id) return;
      note.set('x', (Number(note.get('x')) || 0) + dx);
      note.set('y', (Number(note.get('y')) || 0) + dy);
    });
    matchMembership(doc, id);
  });
  return true;
}

/** Deletes a frame; its notes stay on the board, now unclustered. */
export function deleteScenario(doc: Y.Doc, id: string): boolean {
  const scenarios = scenariosOf(doc);
  if (!scenarios.has(id)) return false;
  doc.transact(() => {
    notesOf(doc).forEach((note) => {
      if (note.get('scenarioId') === id) note.set('scenarioId', null);
    });
    scenarios.delete(id);
  });
  return true;
}

/** The smallest frame containing a point: nested or overlapping frames
 * resolve to the one the user most likely aimed at. */
export function scenarioAt(doc: Y.Doc, px: number, py: number): string | null {
  let best: string | null = null;
  let bestArea = Infinity;
  scenariosOf(doc).forEach((m, id) => {
    const s = readScenario(id, m);
    if (px >= s.x && px <= s.x + s.w && py >= s.y && py <= s.y + s.h) {
      const area = s.w * s.h;
      // Ties broken by id, so every replica picks the same frame.
      if (area < bestArea || (area === bestArea && best !== null && id < best)) {
        best = id;
        bestArea = area;
      }
    }
  });
  return best;
}

/** Note count per scenario id, in one pass over the notes. */
export function scenarioNoteCounts(doc: Y.Doc): Map<string, number> {
  const counts = new Map<string, number>();
  const scenarios = scenariosOf(doc);
  notesOf(doc).forEach((note) => {
    const sid = note.get('scenarioId');
    if (typeof sid === 'string' && scenarios.has(sid)) counts.set(sid, (counts.get(sid) ?? 0) + 1);
  });
  return counts;
}
