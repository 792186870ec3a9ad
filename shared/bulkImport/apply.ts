/**
 * Writes checked import rows onto a board as notes, laid out so nothing
 * lands on anything: rows naming a scenario go into the free slots of that
 * frame (matched by name, case-insensitively; a frame that does not exist
 * yet is created below the board's content, sized for its notes); the rest
 * form one grid beside everything (shared/layout.ts `revealLayout`).
 * Imported notes are written by no participant (IMPORT_AUTHOR_ID), so only
 * the facilitator edits their text, as with the facilitator's own notes.
 */
import * as Y from 'yjs';
import { MAX_NOTE_TEXT, NoteFields, SCENARIO_COLORS, SCENARIO_MIN_HEIGHT, SCENARIO_MIN_WIDTH, ScenarioFields, checked } from '../documentSchemas';
import { newItemId } from '../ids';
import { BLOCK_MARGIN, EMPTY_BOARD_ORIGIN, NOTE_GAP, boundsOf, noteBox, overlaps, revealLayout, type Box, type Point } from '../layout';
import { IMPORT_AUTHOR_ID, listNotes } from '../notes';
import { createScenario, listScenarios } from '../scenarios';
import { NOTE_HEIGHT, NOTE_WIDTH, notesOf, scenariosOf, type Sector } from '../schema';
import { clampText } from '../text';
import type { ImportProblem } from './problems';
import type { ImportRow } from './parse';

export { IMPORT_AUTHOR_ID };
/** A row without a sector counts as "other"; without an author it says where it came from. */
export const IMPORT_DEFAULT_SECTOR: Sector = 'other';
export const IMPORT_DEFAULT_AUTHOR = 'Import';
/** Frames created by an import, side by side before wrapping. */
const NEW_FRAMES_PER_ROW = 4;
/** Room for a frame's name above its first row of notes (as setNoteScenario leaves). */
const FRAME_HEADER = 48;
const FRAME_COLUMNS = 3;

export interface ImportLimits {
  maxScenarios: number;
}

export interface ImportOptions extends ImportLimits {
  now?: number;
}

export type ImportOutcome = { ok: true; created: number; scenariosCreated: number } | { ok: false; problem: ImportProblem };

const key = (name: string): string => name.trim().toLocaleLowerCase();
const cellX = (frame: Box, k: number, perRow: number): number => frame.x + NOTE_GAP + (k % perRow) * (NOTE_WIDTH + NOTE_GAP);
const cellY = (frame: Box, k: number, perRow: number): number => frame.y + FRAME_HEADER + Math.floor(k / perRow) * (NOTE_HEIGHT + NOTE_GAP);

interface NewFrame {
  name: string;
  box: Box;
  rows: ImportRow[];
}

/** Slots of `frame` not covered by any obstacle, in reading order, as many as asked for. */
function freeSlots(frame: Box, n: number, obstacles: Box[]): Point[] {
  const perRow = Math.max(1, Math.floor((frame.w - NOTE_GAP) / (NOTE_WIDTH + NOTE_GAP)));
  const out: Point[] = [];
  for (let k = 0; out.length < n; k++) {
    const p = { x: cellX(frame, k, perRow), y: cellY(frame, k, perRow) };
    const box = noteBox(p);
    if (obstacles.some((o) => overlaps(o, box))) continue;
    out.push(p);
    obstacles.push(box);
  }
  return out;
}

/**
 * Plans and writes the import in one transaction. Returns a problem (and
 * writes nothing) when the new frames would pass the room's frame limit.
 */
export function importRows(doc: Y.Doc, rows: readonly ImportRow[], opts: ImportOptions): ImportOutcome {
  const now = opts.now ?? Date.now();
  const frames = listScenarios(doc);
  const byName = new Map<string, string>();
  for (const f of frames) if (!byName.has(key(f.name))) byName.set(key(f.name), f.id);

  const intoExisting = new Map<string, ImportRow[]>();
  const created = new Map<string, NewFrame>();
  const loose: ImportRow[] = [];
  for (const row of rows) {
    if (!row.scenario) loose.push(row);
    else if (byName.has(key(row.scenario))) {
      const id = byName.get(key(row.scenario))!;
      intoExisting.set(id, [...(intoExisting.get(id) ?? []), row]);
    } else {
      const frame = created.get(key(row.scenario));
      if (frame) frame.rows.push(row);
      else {
        if (frames.length + created.size >= opts.maxScenarios) {
          return { ok: false, problem: { code: 'too_many_scenarios', line: row.line, message: `The board holds at most ${opts.maxScenarios} scenarios` } };
        }
        created.set(key(row.scenario), { name: row.scenario, box: { x: 0, y: 0, w: 0, h: 0 }, rows: [row] });
      }
    }
  }

  // Everything already on the board, and each placement as it is made.
  const obstacles: Box[] = listNotes(doc).map(noteBox);
  const placed = new Map<ImportRow, { at: Point; scenarioId: string }>();
  const grown = new Map<string, number>();
  for (const f of frames) {
    const rowsHere = intoExisting.get(f.id);
    if (!rowsHere) continue;
    // A note must not sit on another frame either, or it would look like that frame's.
    const others = frames.filter((o) => o.id !== f.id).map((o) => ({ x: o.x, y: o.y, w: o.w, h: o.h }));
    const slots = freeSlots(f, rowsHere.length, [...obstacles, ...others]);
    rowsHere.forEach((row, i) => placed.set(row, { at: slots[i]!, scenarioId: f.id }));
    obstacles.push(...slots.map(noteBox));
    const bottom = Math.max(...slots.map((s) => s.y + NOTE_HEIGHT + NOTE_GAP));
    // The frame grows to hold its new notes, as when a note is put in from a menu.
    if (bottom - f.y > f.h) grown.set(f.id, bottom - f.y);
  }

  // New frames go in rows below everything the board shows (grown frames included).
  const content = boundsOf([...obstacles, ...frames.map((f) => ({ x: f.x, y: f.y, w: f.w, h: grown.get(f.id) ?? f.h }))]);
  let x = content ? content.x : EMPTY_BOARD_ORIGIN.x;
  let y = content ? content.y + content.h + BLOCK_MARGIN : EMPTY_BOARD_ORIGIN.y;
  let rowHeight = 0;
  let inRow = 0;
  const newIds = new Map<NewFrame, string>();
  for (const frame of created.values()) {
    const cols = Math.min(FRAME_COLUMNS, frame.rows.length);
    const w = Math.max(SCENARIO_MIN_WIDTH, NOTE_GAP + cols * (NOTE_WIDTH + NOTE_GAP));
    const h = Math.max(SCENARIO_MIN_HEIGHT, FRAME_HEADER + Math.ceil(frame.rows.length / cols) * (NOTE_HEIGHT + NOTE_GAP));
    if (inRow === NEW_FRAMES_PER_ROW) {
      x = content ? content.x : EMPTY_BOARD_ORIGIN.x;
      y += rowHeight + BLOCK_MARGIN;
      rowHeight = 0;
      inRow = 0;
    }
    frame.box = { x, y, w, h };
    x += w + BLOCK_MARGIN;
    rowHeight = Math.max(rowHeight, h);
    inRow++;
    const id = newItemId();
    newIds.set(frame, id);
    frame.rows.forEach((row, k) => placed.set(row, { at: { x: cellX(frame.box, k, cols), y: cellY(frame.box, k, cols) }, scenarioId: id }));
  }

  // Loose rows: one grid beside all of it.
  const everything: Box[] = [
    ...obstacles,
    ...frames.map((f) => ({ x: f.x, y: f.y, w: f.w, h: grown.get(f.id) ?? f.h })),
    ...[...created.values()].map((f) => f.box),
  ];
  const grid = revealLayout(
    everything,
    loose.map((row, i) => ({ id: String(i), authorId: IMPORT_AUTHOR_ID, createdAt: i })),
  );

  const notes = notesOf(doc);
  doc.transact(() => {
    let n = 0;
    for (const [frame, id] of newIds) {
      createScenario(doc, {
        id,
        name: checked(ScenarioFields.name, frame.name, 'scenario name'),
        color: SCENARIO_COLORS[(frames.length + n) % SCENARIO_COLORS.length],
        x: checked(ScenarioFields.x, frame.box.x, 'scenario x'),
        y: checked(ScenarioFields.y, frame.box.y, 'scenario y'),
        w: checked(ScenarioFields.w, frame.box.w, 'scenario w'),
        h: checked(ScenarioFields.h, frame.box.h, 'scenario h'),
        now: now + n,
      });
      n++;
    }
    for (const [id, h] of grown) scenariosOf(doc).get(id)?.set('h', checked(ScenarioFields.h, Math.round(h), 'scenario h'));
    rows.forEach((row, i) => {
      const spot = placed.get(row) ?? { at: grid.get(String(loose.indexOf(row)))!, scenarioId: null };
      notes.set(newItemId(), noteMap(row, spot.at, spot.scenarioId, now + i));
    });
  });
  return { ok: true, created: rows.length, scenariosCreated: created.size };
}

/** One imported note, each value checked against the schema the policy enforces. */
function noteMap(row: ImportRow, at: Point, scenarioId: string | null, createdAt: number): Y.Map<unknown> {
  const f = NoteFields;
  const m = new Y.Map<unknown>();
  const text = new Y.Text();
  text.insert(0, clampText(row.text, MAX_NOTE_TEXT));
  m.set('text', text);
  m.set('x', checked(f.x, Math.round(at.x), 'x'));
  m.set('y', checked(f.y, Math.round(at.y), 'y'));
  m.set('color', checked(f.color, 'yellow', 'color'));
  m.set('authorId', checked(f.authorId, IMPORT_AUTHOR_ID, 'authorId'));
  m.set('authorName', checked(f.authorName, row.author ?? IMPORT_DEFAULT_AUTHOR, 'authorName'));
  m.set('authorSector', checked(f.authorSector, row.sector ?? IMPORT_DEFAULT_SECTOR, 'authorSector'));
  m.set('where', checked(f.where, 'remote', 'where'));
  m.set('scenarioId', checked(f.scenarioId, scenarioId, 'scenarioId'));
  m.set('createdAt', checked(f.createdAt, createdAt, 'createdAt'));
  return m;
}
