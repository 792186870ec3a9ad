import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardExport, BoardImportError, exportBoard, seedBoard, type ExportedBoard } from '../../../../shared/export/boardJson';
import { initSession } from '../../../../shared/session';
import { buildFixture, HOSTILE } from '../../../helpers/exportFixture';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the files an attacker could post have any shape
type Loose = any;

const roomy = { maxNotes: 2000, maxScenarios: 200, maxActions: 200, maxDocBytes: 16 * 1024 * 1024 };

/** A new room's document seeded from a file, as POST /api/rooms { from } makes it. */
function seeded(board: ExportedBoard, limits = roomy): Y.Doc {
  const doc = new Y.Doc();
  initSession(doc, { title: board.session.title, now: board.session.createdAt });
  seedBoard(doc, board, limits);
  return doc;
}

describe('the board JSON export', () => {
  it('holds the whole board in a versioned file its own schema accepts', () => {
    const { doc, ids } = buildFixture();
    const file = exportBoard(doc, 1234);
    expect(BoardExport.parse(JSON.parse(JSON.stringify(file)))).toEqual(file);
    expect(file).toMatchObject({ format: 'tavolo-board', version: 1, exportedAt: 1234 });
    const b = file.board;
    expect(b.session).toMatchObject({ title: 'Contratto di fiume <Olona> # 1', phase: 'codesign', prompts: { listening: 'Come vorremmo l’Olona nel 2030?' } });
    expect(b.notes.map((n) => n.id)).toEqual([ids.hostile, ids.formula, ids.cycle, ids.loose]);
    expect(b.notes[0]).toMatchObject({ text: HOSTILE, scenarioId: ids.river, authorSector: 'civil', where: 'room' });
    expect(b.scenarios.map((s) => s.name)).toEqual(['Fiume vivo [x](y)', 'Scuole']);
    expect(b.results.status).toEqual({ round: 1, state: 'revealed' });
    expect(b.results.rounds[0]?.items.find((i) => i.id === ids.river)?.dots).toBe(9);
    expect(b.actions[0]).toMatchObject({
      title: 'Parco fluviale <b>',
      lead: { name: 'Comune di Legnano', sector: 'public' },
      commitments: { public: { name: 'Cy', note: 'Fondi 2027' }, civil: { name: 'Ada' } },
    });
  });

  it('seeds a new document that exports to the same board', () => {
    const { doc } = buildFixture();
    const file = exportBoard(doc, 1);
    expect(exportBoard(seeded(file.board), 1)).toEqual(file);
  });

  it('refuses a file that does not fit the room, naming the limit', () => {
    const { board } = exportBoard(buildFixture().doc);
    expect(() => seeded(board, { ...roomy, maxNotes: 3 })).toThrow(BoardImportError);
    expect(() => seeded(board, { ...roomy, maxNotes: 3 })).toThrow(/4 notes.*at most 3/);
    expect(() => seeded(board, { ...roomy, maxScenarios: 1 })).toThrow(/scenarios/);
    expect(() => seeded(board, { ...roomy, maxActions: 0 })).toThrow(/action cards/);
    expect(() => seeded(board, { ...roomy, maxDocBytes: 500 })).toThrow(/bytes/);
  });

  it('refuses malformed files: wrong format, unknown keys, broken references, duplicates, values outside the document schema', () => {
    const file = exportBoard(buildFixture().doc);
    const broken = (mutate: (f: Loose) => void): boolean => {
      const f = structuredClone(file) as Loose;
      mutate(f);
      return BoardExport.safeParse(f).success;
    };
    expect(broken(() => undefined)).toBe(true);
    expect(broken((f) => (f.version = 2))).toBe(false);
    expect(broken((f) => (f.format = 'miro'))).toBe(false);
    expect(broken((f) => (f.board.extra = 1))).toBe(false);
    expect(broken((f) => (f.board.notes[0].scenarioId = 'no-such-scenario'))).toBe(false);
    expect(broken((f) => (f.board.notes[1].id = f.board.notes[0].id))).toBe(false);
    expect(broken((f) => (f.board.notes[0].text = 'x'.repeat(2001)))).toBe(false);
    expect(broken((f) => (f.board.notes[0].color = 'javascript:'))).toBe(false);
    expect(broken((f) => (f.board.scenarios[0].w = 10))).toBe(false);
    expect(broken((f) => (f.board.session.dotsPerPerson = 1e9))).toBe(false);
    expect(broken((f) => (f.board.actions[0].partners = Array(31).fill({ name: 'x', sector: 'civil' })))).toBe(false);
    expect(broken((f) => (f.board.results.rounds[0].items[0].id = '<img>'))).toBe(false);
    expect(broken((f) => f.board.results.rounds.push(f.board.results.rounds[0]))).toBe(false);
  });
});
