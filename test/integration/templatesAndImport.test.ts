import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TemplatesResponse } from '../../shared/templates';
import { BUILT_IN_TEMPLATES, inLanguage } from '../../shared/templates';
import { PHASES } from '../../shared/phases';
import { listNotes, editNoteText } from '../../shared/notes';
import { listScenarios } from '../../shared/scenarios';
import { readSession } from '../../shared/schema';
import { noteBox, overlaps } from '../../shared/layout';
import { setPrivateWriting } from '../../shared/session';
import { createRoom, startServer, type RoomAccess, type RunningServer } from '../helpers/server';
import { joinRoom } from '../helpers/yclient';
import { waitFor } from '../helpers/waitFor';

describe('templates and bulk import against the real server', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  const createFrom = (body: object): Promise<Response> =>
    fetch(`${server.url}/api/rooms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  const importInto = (room: RoomAccess, body: string | Uint8Array<ArrayBuffer>, type: string, token = room.tokens.facilitator): Promise<Response> =>
    fetch(`${server.url}/api/rooms/${room.roomId}/import`, { method: 'POST', headers: { 'content-type': type, authorization: `Bearer ${token}` }, body });

  it('lists the five templates in both languages', async () => {
    const res = await fetch(`${server.url}/api/templates`);
    expect(res.status).toBe(200);
    const { templates } = TemplatesResponse.parse(await res.json());
    expect(templates.map((t) => t.id)).toEqual(BUILT_IN_TEMPLATES.map((t) => t.id));
    for (const t of templates) expect(t.title.it && t.title.en && t.description.it && t.description.en).toBeTruthy();
  });

  it('creates each template\'s scenarios and prompts in both languages, as a client sees them', async () => {
    for (const template of BUILT_IN_TEMPLATES) {
      for (const language of ['it', 'en'] as const) {
        const res = await createFrom({ title: 'Brianza', template: template.id, language });
        expect(res.status).toBe(201);
        const room = (await res.json()) as RoomAccess;
        const client = await joinRoom(server, room);
        const session = readSession(client.doc);
        for (const p of PHASES) expect(session.prompts[p]).toBe(inLanguage(template.prompts[p]!, language));
        expect(session.title).toContain('Brianza');
        expect(listScenarios(client.doc).map((s) => s.name)).toEqual(template.scenarios.map((s) => inLanguage(s.name, language)));
        client.destroy();
      }
    }
  });

  it('answers 400 to an unknown template and creates no room', async () => {
    const res = await createFrom({ title: 'x', template: 'moon-base' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'unknown_template' } });
  });

  it('starts a workshop from a saved template file', async () => {
    const file = { ...BUILT_IN_TEMPLATES[4]!, id: undefined, title: 'Contratto del Lambro', titlePattern: 'Contratto del Lambro', scenarios: [{ name: 'Argini', color: 'teal', x: 100, y: 200, w: 500, h: 300 }] };
    const res = await createFrom({ title: 'Contratto del Lambro – incontro 2', templateFile: file });
    expect(res.status).toBe(201);
    const client = await joinRoom(server, (await res.json()) as RoomAccess);
    expect(readSession(client.doc).title).toBe('Contratto del Lambro – incontro 2');
    expect(listScenarios(client.doc).map(({ name, x, y, w, h }) => ({ name, x, y, w, h }))).toEqual([{ name: 'Argini', x: 100, y: 200, w: 500, h: 300 }]);
    const bad = await createFrom({ title: 'x', templateFile: { ...file, notes: ['no'] } });
    expect(bad.status).toBe(400);
  });

  it('imports a CSV and a JSON list, laid out without overlap, seen live by a connected client', async () => {
    const res = await createFrom({ title: 'Olona', template: 'river-contract', language: 'it' });
    const room = (await res.json()) as RoomAccess;
    const watcher = await joinRoom(server, room);
    const csv = Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('testo;settore;autore;scenario\n"Percorso ciclabile\nlungo l\'argine";Pubblico;Comune;fruizione del fiume\nCasse di espansione;pubblico;;Sicurezza idraulica\nPulizia delle sponde;società civile;Legambiente;Volontariato\nPiù controlli sugli scarichi;;;\n')]);
    const r1 = await importInto(room, csv, 'text/csv; charset=utf-8');
    expect(r1.status).toBe(201);
    expect(await r1.json()).toMatchObject({ created: 4, scenariosCreated: 1 });
    const r2 = await importInto(room, JSON.stringify({ lines: ['Una festa del fiume', { text: 'Sentieri nel bacino', sector: 'civil', scenario: 'Il bacino nel suo insieme' }] }), 'application/json');
    expect(r2.status).toBe(201);
    const notes = await waitFor(() => {
      const n = listNotes(watcher.doc);
      return n.length === 6 ? n : null;
    }, { message: 'imported notes on the client' });
    for (const a of notes) for (const b of notes) if (a.id !== b.id) expect(overlaps(noteBox(a), noteBox(b))).toBe(false);
    const frames = listScenarios(watcher.doc);
    const byText = (t: string) => notes.find((n) => n.text.startsWith(t))!;
    expect(frames.find((f) => f.id === byText('Percorso ciclabile').scenarioId)?.name).toBe('Fruizione del fiume');
    expect(byText('Percorso ciclabile')).toMatchObject({ text: "Percorso ciclabile\nlungo l'argine", authorName: 'Comune', authorSector: 'public' });
    expect(frames.find((f) => f.id === byText('Pulizia').scenarioId)?.name).toBe('Volontariato');
    expect(byText('Più controlli')).toMatchObject({ scenarioId: null, authorName: 'Import', authorSector: 'other' });
    expect(byText('Sentieri')).toMatchObject({ authorSector: 'civil' });
  });

  it('keeps imported notes out of participants\' hands', async () => {
    const room = await createRoom(server, 'Famiglia');
    const fac = await joinRoom(server, room);
    setPrivateWriting(fac.doc, false);
    await importInto(room, JSON.stringify({ lines: ['Asilo aziendale'] }), 'application/json');
    const p = await joinRoom(server, room, { role: 'participant' });
    const note = await waitFor(() => listNotes(p.doc)[0], { message: 'imported note' });
    editNoteText(p.doc, note.id, 'cambiato');
    await waitFor(() => p.controls.find((c) => c.t === 'refused'), { message: 'refusal' });
    expect(p.controls.find((c) => c.t === 'refused')).toMatchObject({ reason: 'not-yours' });
    expect(listNotes(fac.doc)[0]!.text).toBe('Asilo aziendale');
  });

  it('refuses a malformed file whole, naming its line, and stores nothing', async () => {
    const room = await createRoom(server, 'Marketing');
    const client = await joinRoom(server, room);
    const cases: Array<[string | Uint8Array<ArrayBuffer>, string, string, number]> = [
      ['text;sector\nuno;public\n"due;civil\ntre;public\n', 'text/csv', 'unbalanced_quotes', 3],
      ['text;sector\nuno;public\ndue;marziani\n', 'text/csv', 'unknown_sector', 3],
      ['text,sector\nuno,public\ndue;public;x\n', 'text/csv', 'column_count', 3],
      [JSON.stringify({ lines: ['ok', 'x'.repeat(2001)] }), 'application/json', 'text_too_long', 2],
      [Uint8Array.from([0xff, 0xfe, 0x74, 0x00]), 'text/csv', 'bad_encoding', 1],
      // One import creates at most MAX_IMPORT_ROWS (500) notes, however much room the board has.
      [`text\n${Array.from({ length: 501 }, (_, i) => `idea ${i}`).join('\n')}\n`, 'text/csv', 'too_many_rows', 502],
    ];
    for (const [body, type, code, line] of cases) {
      const res = await importInto(room, body, type);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code, line } });
    }
    expect((await importInto(room, JSON.stringify({ lines: ['a'] }), 'text/plain')).status).toBe(415);
    const other = await createRoom(server, 'Altro');
    expect((await importInto(room, JSON.stringify({ lines: ['a'] }), 'application/json', room.tokens.participant)).status).toBe(401);
    expect((await importInto(room, JSON.stringify({ lines: ['a'] }), 'application/json', other.tokens.facilitator)).status).toBe(401);
    expect(listNotes(client.doc)).toHaveLength(0);
    client.destroy();
    // What the store holds, read back by a fresh server process.
    await server.stop();
    server = await startServer({ dataDir: server.dataDir });
    const again = await joinRoom(server, room);
    expect(listNotes(again.doc)).toHaveLength(0);
    expect(listScenarios(again.doc)).toHaveLength(0);
  });

});
