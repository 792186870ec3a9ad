/**
 * What a screen reader hears when a note is moved with the keyboard: the
 * note by its words, and the scenario it was dropped into, by name, in
 * English and Italian.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Active } from '@dnd-kit/core';
import { dropNote, createNote } from '../../../../shared/notes';
import { createScenario } from '../../../../shared/scenarios';
import { loadResources } from '../../../../client/i18n/resources';
import { describeDraggedNote, noteDragAnnouncements } from '../../../../client/lib/dragAnnouncements';
import { LABEL_MAX_CHARS, shortLabel } from '../../../../client/lib/itemLabel';

type Tree = { [key: string]: string | Tree };
const resources = loadResources() as Record<'en' | 'it', Tree>;

/** i18next's interpolation, enough for these strings. */
const translator = (lng: 'en' | 'it') => (key: string, values: Record<string, string> = {}) => {
  let node: string | Tree = resources[lng];
  for (const part of key.split('.')) node = (node as Tree)[part]!;
  return (node as string).replace(/\{\{(\w+)\}\}/g, (_, k: string) => values[k] ?? '');
};

const author = { id: 'p1', name: 'Anna', sector: 'public' as const };
const EMPTY = { note: '(empty note)', scenario: '(unnamed scenario)' };
const DRAFT = 'draft:';

function board() {
  const doc = new Y.Doc();
  const frame = createScenario(doc, { name: 'Green corridors', x: 0, y: 0, w: 600, h: 400 });
  const note = createNote(doc, { text: 'Plant trees along\nthe river', x: 1000, y: 1000, author });
  const drafts = new Y.Doc();
  const draft = createNote(drafts, { text: 'My private thought', x: 0, y: 0, author });
  return { doc, drafts, frame, note, draft };
}

const active = (id: string) => ({ id }) as Active;

describe('drag announcements', () => {
  it('name the note picked up, and the scenario it is dropped into, in both languages', () => {
    const { doc, drafts, note } = board();
    for (const [lng, picked, dropped] of [
      ['en', 'Picked up the note “Plant trees along the river”.', 'Dropped the note “Plant trees along the river” into the scenario “Green corridors”.'],
      ['it', 'Hai preso la nota “Plant trees along the river”.', 'Nota “Plant trees along the river” lasciata nello scenario “Green corridors”.'],
    ] as const) {
      const say = noteDragAnnouncements(translator(lng), (id) => describeDraggedNote(doc, drafts, id, DRAFT, EMPTY));
      expect(say.onDragStart({ active: active(note) })).toBe(picked);
      // The canvas writes the drop before dnd-kit asks what to announce.
      dropNote(doc, note, 100, 100);
      expect(say.onDragEnd({ active: active(note), over: null })).toBe(dropped);
      dropNote(doc, note, 1000, 1000);
    }
  });

  it('say when a note lands in no scenario, when a private draft is dropped, and when a move is cancelled', () => {
    const { doc, drafts, note, draft } = board();
    const say = noteDragAnnouncements(translator('en'), (id) => describeDraggedNote(doc, drafts, id, DRAFT, EMPTY));
    expect(say.onDragEnd({ active: active(note), over: null })).toBe('Dropped the note “Plant trees along the river” on the board, in no scenario.');
    expect(say.onDragEnd({ active: active(DRAFT + draft), over: null })).toBe('Dropped your private note “My private thought”.');
    expect(say.onDragCancel({ active: active(note), over: null })).toBe('Move of the note “Plant trees along the river” cancelled.');
  });

  it('name the note of a chip drag (zoomed out, one draggable for every chip) from its data', () => {
    const { doc, drafts, note } = board();
    const say = noteDragAnnouncements(translator('en'), (id) => describeDraggedNote(doc, drafts, id, DRAFT, EMPTY));
    const chip = { ...active('chip'), data: { current: { noteId: note } } } as unknown as ReturnType<typeof active>;
    expect(say.onDragStart({ active: chip })).toBe('Picked up the note “Plant trees along the river”.');
  });

  it('read a long note short and an empty one by what it is', () => {
    expect(shortLabel('', EMPTY.note)).toBe('(empty note)');
    const long = shortLabel('word '.repeat(40), EMPTY.note);
    expect(long.length).toBeLessThanOrEqual(LABEL_MAX_CHARS);
    expect(long.endsWith('…')).toBe(true);
  });
});
