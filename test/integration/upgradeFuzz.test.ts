import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createNote, getNote } from '../../shared/notes';
import { createRoom, startServer, type RoomAccess, type RunningServer } from '../helpers/server';
import { joinRoom } from '../helpers/yclient';
import { rawRequest, upgradeRequest, type RawAnswer } from '../helpers/rawSocket';
import { waitFor } from '../helpers/waitFor';

const author = { id: 'author-0003', name: 'Bea', sector: 'civil' as const };

/** Close codes the sync socket may answer an upgraded stranger with. */
const CLEAN_CLOSES = new Set([1008, 1011, 1013, 4401, 4404]);

function expectClean(answer: RawAnswer, what: string, room: RoomAccess): void {
  if (answer.status === 101 && answer.admitted) expect(what, 'only a real link token gets in').toContain(room.tokens.observer);
  else if (answer.status === 101) expect(CLEAN_CLOSES, `${what}: close ${answer.closeCode}`).toContain(answer.closeCode);
  else expect(answer.status ?? 0, `${what}: ${answer.head.slice(0, 120)}`).toBeGreaterThanOrEqual(400);
}

describe('websocket upgrades nobody should send', () => {
  let server: RunningServer;
  let room: RoomAccess;
  beforeAll(async () => {
    server = await startServer();
    room = await createRoom(server);
  });
  afterAll(async () => {
    await server.stop();
  });

  async function stillServesARealClient(): Promise<void> {
    const a = await joinRoom(server, room);
    const b = await joinRoom(server, room);
    const id = createNote(a.doc, { x: 0, y: 0, text: 'ancora qui', author });
    await waitFor(() => getNote(b.doc, id), { message: 'real clients still sync' });
    a.destroy();
    b.destroy();
  }

  it.each(['/sync/%', '/sync/%E0%A4%A', '/sync/abc%ZZ', '/sync/%ZZ~drafts?token=%', '/sync/%C0%80'])(
    'answers a bad percent-encoding in %s with 400 and stays up',
    async (path) => {
      const answer = await rawRequest(server, upgradeRequest(path));
      expect(answer.status).toBe(400);
      expect(answer.head).toContain('application/json');
      await stillServesARealClient();
    },
  );

  it('answers a malformed request URL with a clean error', async () => {
    for (const path of ['//', '//x/sync/a', 'http://[::1', '*', '/sync/a?token=%&identity=%%']) {
      expectClean(await rawRequest(server, upgradeRequest(path)), path, room);
    }
    await stillServesARealClient();
  });

  it('answers 1,000 random and mutated upgrade requests cleanly and keeps serving a real client', { timeout: 180_000 }, async () => {
    const pct = fc.oneof(
      fc.constantFrom('%', '%Z', '%ZZ', '%E0%A4%A', '%C0%80', '%00', '%2F', '%7E', '%25', '%FF%FE', '%ED%A0%80'),
      fc.integer({ min: 0, max: 255 }).map((n) => `%${n.toString(16).padStart(2, '0')}`),
    );
    const segment = fc
      .array(fc.oneof(pct, fc.stringMatching(/^[A-Za-z0-9_~.-]{0,24}$/), fc.constantFrom('~drafts', '/', '..', ';', '?', '#', room.roomId)), { maxLength: 8 })
      .map((parts) => parts.join(''));
    const path = fc.oneof(
      segment.map((s) => `/sync/${s}`),
      segment.map((s) => `/${s}`),
      fc.constant(`/sync/${room.roomId}`),
      fc.string({ maxLength: 40 }).map((s) => `/sync/${s}`),
    );
    const query = fc
      .array(
        fc.tuple(fc.constantFrom('token', 'identity', 'control', 'x', '', '%'), fc.oneof(segment, fc.constant(room.tokens.observer), fc.string({ maxLength: 30 }))),
        { maxLength: 4 },
      )
      .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}` : ''));
    const headerValue = fc.oneof(fc.string({ maxLength: 40 }), segment, fc.constant(''), fc.constant(null));
    const headers = fc.record(
      {
        Host: fc.oneof(fc.constant('localhost'), headerValue),
        Upgrade: fc.oneof(fc.constant('websocket'), headerValue),
        Connection: fc.oneof(fc.constant('Upgrade'), headerValue),
        'Sec-WebSocket-Key': fc.oneof(fc.constant('MDEyMzQ1Njc4OWFiY2RlZg=='), headerValue),
        'Sec-WebSocket-Version': fc.oneof(fc.constant('13'), fc.constant('8'), headerValue),
        Origin: fc.oneof(fc.constant('http://evil.example'), fc.constant('null'), headerValue),
        'X-Forwarded-For': fc.oneof(fc.constant('1.2.3.4, 5.6.7.8'), headerValue),
      },
      { requiredKeys: [] },
    );
    const request = fc.tuple(path, query, headers).map(([p, q, h]) => upgradeRequest(`${p}${q}`, h));

    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(request, async (req) => {
        const answer = await rawRequest(server, req);
        // A request that is not an upgrade (mutated headers) is plain HTTP: any status is an answer.
        const isUpgrade = /\r\nUpgrade: websocket\r\n/.test(req) && /\r\nConnection: Upgrade\r\n/.test(req);
        if (isUpgrade && /^GET \/sync\//.test(req)) expectClean(answer, req.split('\r\n')[0]!, room);
        else expect(answer.status ?? 0, req.split('\r\n')[0]).toBeGreaterThanOrEqual(100);
        const key = `${answer.status}${answer.closeCode ? `/${answer.closeCode}` : ''}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }),
      { numRuns: 1000, timeout: 3000, interruptAfterTimeLimit: 120_000 },
    );
    // Several outcomes were reached, not a thousand times the same refusal.
    expect(seen.size).toBeGreaterThan(3);
    expect(server.output()).not.toMatch(/URIError|uncaught/i);
    await stillServesARealClient();
  });
});
