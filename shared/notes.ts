/** Pure operations on notes. Each runs in one transaction so peers never see
 * a half-made note. */
import * as Y from 'yjs';
import { newItemId } from './ids';
import {
  MAX_NAME_LENGTH,
  MAX_NOTE_TEXT,
  NOTE_HEIGHT,
  NOTE_WIDTH,
  notesOf,
  readNote,
  scenariosOf,
  type NoteColor,
  type NoteView,
  type Sector,
  type Where,
} from './schema';
import { applyTextEdit, clampText } from './text';
import { listScenarios, scenarioAt } from './scenarios';
import { noteBox, revealLayout, type Box, type Point } from './layout';

/** The author id of every note a bulk import brought in: no participant's (theirs are 16 random characters), so none can edit them. */
export const IMPORT_AUTHOR_ID = 'imported-notes';

/**
 * Whether a note is a participant's own contribution, counted for them and
 * their sector: not the neutral facilitator's, and not one imported from
 * ideas gathered before the meeting (those carry a sector but no person).
 */
export const isParticipantNote = (n: { authorId: string; byFacilitator: boolean }): boolean =>
  !n.byFacilitator && n.authorId !== IMPORT_AUTHOR_ID && n.authorId !== '';

export interface Author {
  id: string;
  name: string;
  sector: Sector;
  /** In the room or remote; remote when unknown. */
  where?: Where;
  /** A neutral facilitator (no sector of their own): the note says so, and counts in no sector. */
  facilitator?: boolean;
}

export interface NewNote {
  id?: string;
  x: number;
  y: number;
  color?: NoteColor;
  text?: string;
  author: Author;
  now?: number;
  /** Submitted for approval under pre-moderation (written in the author's drafts document). */
  pending?: boolean;
  /** 'meeting' (the default) or the consultation window it is written in (shared/consultation.ts `originAt`). */
  origin?: string;
}

export function createNote(doc: Y.Doc, input: NewNote): string {
  const id = input.id ?? newItemId();
  doc.transact(() => {
    const m = new Y.Map<unknown>();
    const text = new Y.Text();
    if (input.text) text.insert(0, clampText(input.text, MAX_NOTE_TEXT));
    m.set('text', text);
    m.set('x', Math.round(input.x));
    m.set('y', Math.round(input.y));
    m.set('color', input.color ?? 'yellow');
    m.set('authorId', input.author.id);
    m.set('authorName', clampText(input.author.name, MAX_NAME_LENGTH));
    m.set('authorSector', input.author.sector);
    m.set('where', input.author.where ?? 'remote');
    m.set('scenarioId', null);
    m.set('createdAt', input.now ?? Date.now());
    if (input.author.facilitator) m.set('byFacilitator', true);
    if (input.pending) m.set('pending', true);
    m.set('origin', input.origin ?? 'meeting');
    notesOf(doc).set(id, m);
    // A note created inside a frame belongs to it, as if dropped there.
    m.set('scenarioId', scenarioAt(doc, input.x + NOTE_WIDTH / 2, input.y + NOTE_HEIGHT / 2));
  });
  return id;
}

/** A note whose scenario was deleted concurrently (the delete could not see
 * the note join it) reads as unclustered, on every replica alike. */
function withLiveScenario(doc: Y.Doc, n: NoteView): NoteView {
  return n.scenarioId !== null && !scenariosOf(doc).has(n.scenarioId) ? { ...n, scenarioId: null } : n;
}

export function getNote(doc: Y.Doc, id: string): NoteView | null {
  const m = notesOf(doc).get(id);
  return m ? withLiveScenario(doc, readNote(id, m)) : null;
}

export function listNotes(doc: Y.Doc): NoteView[] {
  const out: NoteView[] = [];
  notesOf(doc).forEach((m, id) => out.push(withLiveScenario(doc, readNote(id, m))));
  return out;
}

export function noteText(doc: Y.Doc, id: string): Y.Text | null {
  const t = notesOf(doc).get(id)?.get('text');
  return t instanceof Y.Text ? t : null;
}

/** Replaces the text with the smallest edit; returns false for an unknown note. */
export function editNoteText(doc: Y.Doc, id: string, text: string): boolean {
  const t = noteText(doc, id);
  if (!t) return false;
  applyTextEdit(t, clampText(text, MAX_NOTE_TEXT));
  return true;
}

/** Moves a note without touching its scenario (used while dragging). */
export function moveNote(doc: Y.Doc, id: string, x: number, y: number): boolean {
  const m = notesOf(doc).get(id);
  if (!m) return false;
  doc.transact(() => {
    m.set('x', Math.round(x));
    m.set('y', Math.round(y));
  });
  return true;
}

/** Drops a note at a position: it joins the frame under its centre, or leaves
 * its frame when dropped outside every frame. */
export function dropNote(doc: Y.Doc, id: string, x: number, y: number): string | null | false {
  const m = notesOf(doc).get(id);
  if (!m) return false;
  const target = scenarioAt(doc, x + NOTE_WIDTH / 2, y + NOTE_HEIGHT / 2);
  doc.transact(() => {
    m.set('x', Math.round(x));
    m.set('y', Math.round(y));
    if (m.get('scenarioId') !== target) m.set('scenarioId', target);
  });
  return target;
}

export function recolorNote(doc: Y.Doc, id: string, color: NoteColor): boolean {
  const m = notesOf(doc).get(id);
  if (!m) return false;
  m.set('color', color);
  return true;
}

export function deleteNote(doc: Y.Doc, id: string): boolean {
  const notes = notesOf(doc);
  if (!notes.has(id)) return false;
  notes.delete(id);
  return true;
}

const GAP = 16;

/**
 * Puts a note into a scenario from a menu (or takes it out with null). The
 * note is also moved so that what the board shows matches the membership:
 * into the first free slot of the frame's grid, or just below the frame.
 */
export function setNoteScenario(doc: Y.Doc, id: string, scenarioId: string | null): boolean {
  const m = notesOf(doc).get(id);
  if (!m) return false;
  const current = m.get('scenarioId');
  if (current === scenarioId) return true;
  if (scenarioId === null) {
    const frame = typeof current === 'string' ? scenariosOf(doc).get(current) : undefined;
    doc.transact(() => {
      if (frame) {
        m.set('x', Math.round(Number(frame.get('x')) || 0));
        m.set('y', Math.round((Number(frame.get('y')) || 0) + (Number(frame.get('h')) || 0) + GAP));
      }
      m.set('scenarioId', null);
    });
    return true;
  }
  const frame = scenariosOf(doc).get(scenarioId);
  if (!frame) return false;
  const fx = Number(frame.get('x')) || 0;
  const fy = Number(frame.get('y')) || 0;
  const fw = Number(frame.get('w')) || NOTE_WIDTH;
  const members = listNotes(doc).filter((n) => n.scenarioId === scenarioId);
  const perRow = Math.max(1, Math.floor((fw - GAP) / (NOTE_WIDTH + GAP)));
  const slotPos = (k: number) => ({
    x: fx + GAP + (k % perRow) * (NOTE_WIDTH + GAP),
    y: fy + 48 + Math.floor(k / perRow) * (NOTE_HEIGHT + GAP),
  });
  let slot = 0;
  const covered = (p: { x: number; y: number }) =>
    members.some((n) => Math.abs(n.x - p.x) < NOTE_WIDTH && Math.abs(n.y - p.y) < NOTE_HEIGHT);
  while (covered(slotPos(slot))) slot++;
  const { x: slotX, y: slotY } = slotPos(slot);
  doc.transact(() => {
    m.set('x', Math.round(slotX));
    m.set('y', Math.round(slotY));
    m.set('scenarioId', scenarioId);
    // Grow the frame when the slot falls below it, so the note is visibly inside.
    const needH = slotY + NOTE_HEIGHT + GAP - fy;
    if (needH > (Number(frame.get('h')) || 0)) frame.set('h', Math.round(needH));
  });
  return true;
}

/**
 * Where each participant's drafts go on the board when they are revealed:
 * one readable grid beside what the board already holds (shared/layout.ts
 * `revealLayout`). Keyed by note id; drafts already on the board are left out.
 */
export function revealPlacement(board: Y.Doc, drafts: ReadonlyArray<{ doc: Y.Doc; owner: string }>): Map<string, Point> {
  const existing: Box[] = [...listNotes(board).map(noteBox), ...listScenarios(board)];
  const onBoard = notesOf(board);
  const revealed = drafts.flatMap(({ doc, owner }) =>
    listNotes(doc)
      .filter((n) => !onBoard.has(n.id))
      .map((n) => ({ id: n.id, authorId: owner, createdAt: n.createdAt })),
  );
  return revealLayout(existing, revealed);
}
