/**
 * Exports against the real server: a board built by real Yjs clients
 * (hostile texts, emoji, a scenario, a revealed secret round, an action
 * card), taken out as Markdown, CSV and JSON, each parsed back and checked
 * against the board; the JSON re-imported into a new room equals the
 * original; only the facilitator's token opens any of it.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BoardExport, exportBoard } from '../../shared/export/boardJson';
import { unguardCell } from '../../shared/export/csv';
import { latestRoundResult } from '../../shared/voting';
import { buildWorkshop, WORKSHOP_TEXTS } from '../helpers/exportWorkshop';
import { createRoom, startServer, type Credentials, type RoomAccess, type RunningServer } from '../helpers/server';
import { joinRoom, type TestClient } from '../helpers/yclient';

const TEXTS = WORKSHOP_TEXTS;

describe('exports of a finished workshop', () => {
  let server: RunningServer;
  let room: RoomAccess;
  let fac: TestClient & { creds: Credentials };
  const get = (path: string, token?: string): Promise<Response> =>
    fetch(`${server.url}/api/rooms/${room.roomId}/${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const exported = async (format: string, lang = 'en'): Promise<string> => {
    const res = await get(`export?format=${format}&lang=${lang}`, room.tokens.facilitator);
    expect(res.status).toBe(200);
    return res.text();
  };
  const createFrom = (body: unknown): Promise<Response> =>
    fetch(`${server.url}/api/rooms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  /** Built once, inside the first test that needs it (the Yjs test clients belong to a test). */
  let built: Promise<void> | null = null;
  const ready = (): Promise<void> => (built ??= buildBoard());
  async function buildBoard(): Promise<void> {
    room = await createRoom(server, 'Contratto di fiume <Olona>');
    fac = await buildWorkshop(server, room);
  }

  it('answers only the facilitator: 401 for participants, observers, strangers; 400 for an unknown format', async () => {
    await ready();
    for (const token of [room.tokens.participant, room.tokens.observer, 'not-a-token', undefined]) {
      for (const format of ['json', 'md', 'csv']) expect((await get(`export?format=${format}`, token)).status).toBe(401);
    }
    expect((await get('export?format=pdf', room.tokens.facilitator)).status).toBe(400);
    expect((await get('export', room.tokens.facilitator)).status).toBe(400);
    expect((await get('export?format=md&lang=de', room.tokens.facilitator)).status).toBe(400);
    const res = await get('export?format=md', room.tokens.facilitator);
    expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="tavolo-contratto-di-fiume-olona-\d{4}-\d\d-\d\d\.md"$/);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('exports the JSON of the whole board, equal to what the clients hold', async () => {
    await ready();
    const file = BoardExport.parse(JSON.parse(await exported('json')));
    const mine = exportBoard(fac.doc, file.exportedAt);
    expect(file).toEqual(mine);
    expect(file.board.notes.map((n) => n.text).sort()).toEqual([...TEXTS].sort());
    expect(file.board.results.rounds).toHaveLength(1);
    expect(file.board.actions[0]?.commitments.civil?.note).toBe('volontari 🌿');
  });

  it('exports a Markdown report in which no note becomes markup', async () => {
    await ready();
    const md = await exported('md');
    const headings = md.split('\n').filter((l) => l.startsWith('#'));
    expect(headings).toEqual([
      '# Contratto di fiume &lt;Olona&gt;',
      '## Participants',
      '## Prompts',
      '## Notes by scenario',
      '### Fiume \\[vivo\\]\\(x\\)',
      '### Not in a scenario',
      '## Priorities',
      '## Action plan',
      '### Parco &lt;fluviale&gt;',
    ]);
    expect(md).not.toMatch(/<script|<img|<b>|\]\(|!\[/);
    expect(md).toContain('&lt;script&gt;alert\\(1\\)&lt;\\/script&gt; \\# heading\\\n  \\[link\\]\\(x\\) — *Civil society*');
    expect(md).toContain('- People who contributed: 3');
    expect(md).toContain('Round 1: 3 voters, 6 dots.');
    expect(md).toMatch(/\| 1 \| Fiume \\\[vivo\\\]\\\(x\\\) \| 3 \| hidden \|/);
    expect(md).toContain('- **Objective**: \\# Riaprire\\\n  \\[le sponde\\]\\(x\\)');
    expect(md).toContain('  - Civil society: Persona 0 — volontari 🌿');
    expect(await exported('md', 'it')).toContain('## Piano d’azione');
  });

  it('exports a CSV whose every note round-trips, in both spreadsheet dialects', async () => {
    await ready();
    const board = exportBoard(fac.doc).board;
    for (const [lang, delimiter] of [['en', ','], ['it', ';']] as const) {
      const res = await get(`export?format=csv&lang=${lang}`, room.tokens.facilitator);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
      const rows = parse(csv, { bom: true, columns: true, delimiter, record_delimiter: '\r\n' }) as Record<string, string>[];
      expect(rows).toHaveLength(board.notes.length);
      for (const n of board.notes) {
        const row = rows.find((r) => r.id === n.id)!;
        expect(unguardCell(row.text!)).toBe(n.text);
        expect(unguardCell(row.author!)).toBe(n.authorName);
        expect(row.sector).toBe(n.byFacilitator ? 'facilitator' : n.authorSector);
        expect(row.scenario).toBe(n.scenarioId ? 'Fiume [vivo](x)' : '');
        expect(row.created).toBe(new Date(n.createdAt).toISOString());
      }
      expect(rows.find((r) => r.text!.includes('@cmd'))!.text!.startsWith("'@cmd")).toBe(true);
      expect(rows.map((r) => Number(r.dots)).reduce((a, b) => a + b)).toBe(3);
    }
  });

  it('re-imports the JSON into a new room that exports the same board', async () => {
    await ready();
    const original = BoardExport.parse(JSON.parse(await exported('json')));
    const res = await createFrom({ title: original.board.session.title, from: original });
    expect(res.status).toBe(201);
    const copy = (await res.json()) as RoomAccess;
    const back = await fetch(`${server.url}/api/rooms/${copy.roomId}/export?format=json`, { headers: { authorization: `Bearer ${copy.tokens.facilitator}` } });
    const again = BoardExport.parse(await back.json());
    // Everything but the export's own time stamp.
    expect(JSON.stringify(again.board)).toBe(JSON.stringify(original.board));
    // Real clients of the new room see the same board too.
    const reader = await joinRoom(server, copy, { role: 'observer' });
    expect(exportBoard(reader.doc).board.notes).toEqual(original.board.notes);
    expect(latestRoundResult(reader.doc)).toEqual(original.board.results.rounds[0]);
  });

  it('refuses an import that is malformed, over the room’s limits or over 5 MB', async () => {
    await ready();
    const original = BoardExport.parse(JSON.parse(await exported('json')));
    const bad = structuredClone(original);
    bad.board.notes[0]!.scenarioId = 'no-such-scenario';
    const r1 = await createFrom({ title: 'x', from: bad });
    expect(r1.status).toBe(400);
    expect(await r1.text()).toContain('board.notes.0.scenarioId');
    const crowded = structuredClone(original);
    const note = crowded.board.notes[3]!;
    crowded.board.notes = Array.from({ length: 2001 }, (_, i) => ({ ...note, id: `bulk-note-${i}` }));
    const r2 = await createFrom({ title: 'x', from: crowded });
    expect(r2.status).toBe(400);
    expect(await r2.json()).toMatchObject({ error: { code: 'board_too_large' } });
    const huge = structuredClone(original);
    huge.board.notes = Array.from({ length: 2600 }, (_, i) => ({ ...note, id: `huge-note-${i}`, text: 'x'.repeat(2000) }));
    expect((await createFrom({ title: 'x', from: huge })).status).toBe(413);
    // The larger limit is for room creation only.
    const join = await fetch(`${server.url}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'x'.repeat(20_000) }) });
    expect(join.status).toBe(413);
  });
});
