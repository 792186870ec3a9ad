import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { IMPORT_AUTHOR_ID, importRows, parseLines, type ImportRow } from '../../../shared/bulkImport';
import { noteBox, overlaps } from '../../../shared/layout';
import { createNote, listNotes } from '../../../shared/notes';
import { createScenario, listScenarios } from '../../../shared/scenarios';

const rows = (lines: Parameters<typeof parseLines>[0]): ImportRow[] => parseLines(lines, { maxRows: 500 }).rows;

describe('importing rows onto a board', () => {
  it('lays notes out inside named frames and in a grid, overlapping nothing', () => {
    const doc = new Y.Doc();
    const frame = createScenario(doc, { name: 'Mobilità', x: 0, y: 0, now: 1 });
    createNote(doc, { x: 16, y: 48, text: 'già qui', author: { id: 'participant-1', name: 'A', sector: 'public' } });
    createNote(doc, { x: 900, y: 0, text: 'fuori', author: { id: 'participant-1', name: 'A', sector: 'public' } });
    const input = rows([
      { text: 'bus notturni', scenario: 'mobilità' },
      { text: 'car sharing', scenario: 'MOBILITÀ' },
      ...Array.from({ length: 7 }, (_, i) => ({ text: `idea ${i}`, scenario: 'Nuovo tema' })),
      ...Array.from({ length: 12 }, (_, i) => `libera ${i}`),
    ]);
    const out = importRows(doc, input, { maxScenarios: 200, now: 5 });
    expect(out).toEqual({ ok: true, created: 21, scenariosCreated: 1 });
    const notes = listNotes(doc);
    expect(notes).toHaveLength(23);
    for (const a of notes) for (const b of notes) if (a.id !== b.id) expect(overlaps(noteBox(a), noteBox(b))).toBe(false);
    const frames = listScenarios(doc);
    const created = frames.find((f) => f.name === 'Nuovo tema')!;
    expect(notes.filter((n) => n.scenarioId === frame)).toHaveLength(3);
    for (const n of notes.filter((n) => n.scenarioId !== null)) {
      const f = frames.find((s) => s.id === n.scenarioId)!;
      expect(n.x >= f.x && n.y >= f.y && n.x + 200 <= f.x + f.w && n.y + 140 <= f.y + f.h).toBe(true);
    }
    expect(notes.filter((n) => n.scenarioId === created.id)).toHaveLength(7);
    const loose = notes.filter((n) => n.text.startsWith('libera'));
    for (const n of loose) for (const f of frames) expect(overlaps(noteBox(n), f)).toBe(false);
    expect(loose.every((n) => n.authorId === IMPORT_AUTHOR_ID && n.authorName === 'Import' && n.authorSector === 'other')).toBe(true);
  });

  it('writes nothing when new frames would pass the frame limit', () => {
    const doc = new Y.Doc();
    createScenario(doc, { name: 'A', x: 0, y: 0 });
    const out = importRows(doc, rows(['libera', { text: 'x', scenario: 'B' }, { text: 'y', scenario: 'C' }]), { maxScenarios: 2 });
    expect(out).toMatchObject({ ok: false, problem: { code: 'too_many_scenarios', line: 3 } });
    expect(listNotes(doc)).toHaveLength(0);
    expect(listScenarios(doc)).toHaveLength(1);
  });
});
