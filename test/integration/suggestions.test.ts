import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNote, getNote, listNotes, moveNote, setNoteScenario } from '../../shared/notes';
import { resample } from '../../bench/scenarios/suggest';
import { loadWorkshop } from '../../bench/suggest/labelled';
import { createScenario } from '../../shared/scenarios';
import type { Suggestions } from '../../shared/suggest/board';
import { createRoom, startServer, type RunningServer } from '../helpers/server';
import { joinRoom } from '../helpers/yclient';
import { waitFor } from '../helpers/waitFor';

const NOTES = [
  'Più corse degli autobus tra le frazioni e il capoluogo',
  'Autobus la sera tra le frazioni e la stazione',
  'More buses between the villages and the station',
  'Corse degli autobus anche la domenica per le frazioni',
  'Riqualificare il parco pubblico con alberi e panchine',
  'Più alberi e panchine nel parco pubblico',
  'Un parco pubblico con alberi, panchine e giochi',
  'Il caffè della pausa era ottimo',
  'Più corse degli autobus tra le frazioni e il capoluogo, soprattutto la sera',
];

describe('GET /api/rooms/:roomId/suggestions', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  const get = (roomId: string, token?: string): Promise<Response> =>
    fetch(`${server.url}/api/rooms/${roomId}/suggestions`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

  it('proposes groups and duplicates from notes written by a real client, for the facilitator only', async () => {
    const room = await createRoom(server, 'Suggerimenti');
    const fac = await joinRoom(server, room);
    const ids = NOTES.map((text, i) => createNote(fac.doc, { x: i * 220, y: 0, text, now: 1000 + i, author: { id: fac.creds.participantId!, name: 'F', sector: 'public' } }));
    // A note already in a scenario is left to the people who put it there.
    const frame = createScenario(fac.doc, { name: 'Già fatto', x: 0, y: 600 });
    const grouped = createNote(fac.doc, { x: 0, y: 400, text: 'Autobus e corse tra le frazioni', now: 2000, author: { id: fac.creds.participantId!, name: 'F', sector: 'public' } });
    setNoteScenario(fac.doc, grouped, frame);

    const body = await waitFor(async () => {
      const res = await get(room.roomId, room.tokens.facilitator);
      expect(res.status).toBe(200);
      const s = (await res.json()) as Suggestions;
      return s.groups.flatMap((g) => g.noteIds).length >= 6 ? s : null;
    });
    const groupOf = (id: string) => body.groups.findIndex((g) => g.noteIds.includes(id));
    // Buses (Italian and English) together, parks together, apart from each other.
    expect(groupOf(ids[0]!)).toBeGreaterThanOrEqual(0);
    expect(groupOf(ids[1]!)).toBe(groupOf(ids[0]!));
    expect(groupOf(ids[4]!)).toBeGreaterThanOrEqual(0);
    expect(groupOf(ids[5]!)).toBe(groupOf(ids[4]!));
    expect(groupOf(ids[4]!)).not.toBe(groupOf(ids[0]!));
    expect(groupOf(ids[7]!)).toBe(-1);
    expect(groupOf(grouped)).toBe(-1);
    for (const g of body.groups) expect(g.label).not.toBe('');
    expect(body.duplicates).toContainEqual([ids[0], ids[8]]);
    fac.destroy();
  });

  it('keeps relaying edits while a 2,000-note board is analysed, and answers 429 with Retry-After to a second request for that board', async () => {
    const room = await createRoom(server, 'Grande');
    const fac = await joinRoom(server, room);
    const peer = await joinRoom(server, room, { role: 'participant' });
    const author = { id: fac.creds.participantId!, name: 'F', sector: 'public' } as const;
    const big = resample(loadWorkshop().notes, 2000);
    const ids: string[] = [];
    fac.doc.transact(() => big.forEach((n, i) => ids.push(createNote(fac.doc, { x: (i % 50) * 220, y: Math.floor(i / 50) * 160, text: n.text, now: 1000 + i, author }))));
    await waitFor(() => listNotes(peer.doc).length === 2000, { timeoutMs: 30_000, message: '2,000 notes relayed' });

    // The first request is computing once a second one for the same board is refused; an edit
    // then round-trips between two clients and the first request must still be pending. Should
    // the analysis ever end before the edit is back, the round is run again.
    let provedWhilePending = false;
    for (let round = 0; round < 5 && !provedWhilePending; round++) {
      let settled = false;
      const first = get(room.roomId, room.tokens.facilitator).then((res) => ((settled = true), res));
      const busy = await waitFor(
        async () => {
          if (settled) return 'ended';
          const res = await get(room.roomId, room.tokens.facilitator);
          if (res.status !== 429) return void (await res.body?.cancel());
          return res;
        },
        { timeoutMs: 30_000, message: 'a 429 while the first request computes' },
      );
      if (busy !== 'ended') {
        expect(Number(busy.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(await busy.json()).toEqual({ error: { code: 'suggestions_in_progress', message: expect.any(String) } });
        // The board is at its 2,000-note cap, so the edit moves a note.
        const y = -200 - round;
        moveNote(fac.doc, ids[0]!, 0, y);
        await waitFor(() => getNote(peer.doc, ids[0]!)?.y === y, { message: 'edit relayed to the peer' });
        provedWhilePending = !settled;
      }
      const res = await first;
      expect(res.status).toBe(200);
      const body = (await res.json()) as Suggestions;
      expect(body.groups.length).toBeGreaterThan(1);
    }
    expect(provedWhilePending).toBe(true);
    fac.destroy();
    peer.destroy();
  });

  it('answers 401 to a participant, an observer and no token, 404 to an unknown room', async () => {
    const room = await createRoom(server, 'Riservato');
    for (const token of [room.tokens.participant, room.tokens.observer, undefined]) {
      const res = await get(room.roomId, token);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: { code: 'invalid_token', message: expect.any(String) } });
    }
    expect((await get('AAAAAAAAAAAAAAAAAAAAAA', room.tokens.facilitator)).status).toBe(404);
  });
});
