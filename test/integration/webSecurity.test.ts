import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoom, startServer, type RoomAccess, type RunningServer } from '../helpers/server';
import { rawRequest, upgradeRequest } from '../helpers/rawSocket';

const EVIL = 'http://evil.example';
const FRIEND = 'https://board.example.org';

describe('web security of pages, API and sync socket', () => {
  let server: RunningServer;
  let room: RoomAccess;
  beforeAll(async () => {
    server = await startServer({ env: { ALLOWED_ORIGINS: FRIEND } });
    room = await createRoom(server);
  });
  afterAll(async () => {
    await server.stop();
  });

  const own = (): string => server.url;
  const upgrade = (origin: string | null) =>
    rawRequest(
      server,
      upgradeRequest(`/sync/${room.roomId}?token=${room.tokens.observer}`, { Host: `127.0.0.1:${server.port}`, Origin: origin }),
    );
  const createWith = (headers: Record<string, string>, body = JSON.stringify({ title: 'Rigenerazione urbana' })) =>
    fetch(`${server.url}/api/rooms`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('refuses a websocket upgrade from a foreign Origin with 403', async () => {
    const answer = await upgrade(EVIL);
    expect(answer.status).toBe(403);
    expect(answer.head).toContain('application/json');
    expect((await upgrade('null')).status).toBe(403);
  });

  it('accepts the upgrade from its own origin, an allowed origin, or without an Origin', async () => {
    for (const origin of [own(), FRIEND, null]) {
      const answer = await upgrade(origin);
      expect(answer.status, String(origin)).toBe(101);
      expect(answer.admitted, String(origin)).toBe(true);
    }
  });

  it('refuses a state-changing request from a foreign Origin with 403 and creates nothing', async () => {
    const res = await createWith({ origin: EVIL });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden_origin');
    expect((await createWith({ origin: own() })).status).toBe(201);
    expect((await createWith({ origin: FRIEND })).status).toBe(201);
    expect((await createWith({})).status).toBe(201);
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
    'answers a %s body with 415 instead of reading it as JSON',
    async (type) => {
      const res = await fetch(`${server.url}/api/rooms`, { method: 'POST', headers: { 'content-type': type }, body: '{"title":"CSRF"}' });
      expect(res.status).toBe(415);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unsupported_media_type');
    },
  );

  it.each(['/', '/r/AAAAAAAAAAAAAAAAAAAAAA', '/healthz', '/api/rooms/AAAAAAAAAAAAAAAAAAAAAA', '/nope'])(
    'sends the security headers on %s',
    async (path) => {
      const res = await fetch(`${server.url}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("connect-src 'self'");
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    },
  );

  it('serves the client on its routes and 404 elsewhere', async () => {
    for (const path of ['/', `/r/${room.roomId}`, `/r/${room.roomId}/present`, '/j/K7P2Q-X9M4T', '/accessibility', '/privacy']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toContain('text/html');
    }
    for (const path of ['/admin', '/metricsx', '/r', '/r/a/b/c', '/sync/abc', '/.env', '/wp-login.php']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code, path).toBe('not_found');
    }
  });
});
