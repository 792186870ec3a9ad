import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { importRows } from '../../../../shared/bulkImport';
import { exportBoard } from '../../../../shared/export/boardJson';
import { summarizeBoard } from '../../../../shared/export/summary';
import { createNote } from '../../../../shared/notes';
import { initSession } from '../../../../shared/session';

describe('who the report counts as a participant', () => {
  it('counts the people who wrote, not the ideas a bulk import brought in', () => {
    const doc = new Y.Doc();
    initSession(doc, { title: 'Olona', now: 0 });
    createNote(doc, { x: 0, y: 0, text: 'mia', author: { id: 'person-0000000001', name: 'Ada', sector: 'civil', where: 'room' } });
    const outcome = importRows(
      doc,
      [
        { line: 2, text: 'una', sector: 'public', author: null, scenario: null },
        { line: 3, text: 'due', sector: 'private', author: 'Comune', scenario: null },
      ],
      { maxScenarios: 10, now: 1 },
    );
    expect(outcome).toMatchObject({ ok: true, created: 2 });
    const summary = summarizeBoard(exportBoard(doc, 2).board);
    expect(summary.participants.bySector).toEqual({ public: 0, private: 0, civil: 1, other: 0 });
  });
});
