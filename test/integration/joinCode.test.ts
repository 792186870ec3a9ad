import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JoinCodeResponse } from '../../shared/api';
import { formatJoinCode } from '../../shared/ids';
import { createRoom, startServer, type RunningServer } from '../helpers/server';

const getJoinCode = (server: RunningServer, roomId: string, token?: string): Promise<Response> =>
  fetch(`${server.url}/api/rooms/${roomId}/join-code`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('the join code, asked again by the projector', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it.each(['facilitator', 'observer'] as const)('gives the %s the code and short link the room was created with', async (role) => {
    const room = await createRoom(server);
    const created = room as typeof room & { joinCode: string; links: { join: string } };
    const res = await getJoinCode(server, room.roomId, room.tokens[role]);
    expect(res.status).toBe(200);
    const body = JoinCodeResponse.parse(await res.json());
    expect(body.joinCode).toBe(created.joinCode);
    expect(body.link).toBe(created.links.join);
    expect(body.link.endsWith(`/j/${formatJoinCode(body.joinCode)}`)).toBe(true);
  });

  it('gives each room its own code, and the code opens that room', async () => {
    const [a, b] = await Promise.all([createRoom(server), createRoom(server)]);
    const codeOf = async (r: typeof a): Promise<string> =>
      JoinCodeResponse.parse(await (await getJoinCode(server, r.roomId, r.tokens.observer)).json()).joinCode;
    const [ca, cb] = await Promise.all([codeOf(a), codeOf(b)]);
    expect(ca).not.toBe(cb);
    const res = await fetch(`${server.url}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: ca }) });
    expect(await res.json()).toEqual({ roomId: a.roomId });
  });

  it('refuses participants, strangers and other rooms\u2019 tokens with 401', async () => {
    const [room, other] = await Promise.all([createRoom(server), createRoom(server)]);
    for (const token of [room.tokens.participant, undefined, 'not-a-token', other.tokens.facilitator]) {
      const res = await getJoinCode(server, room.roomId, token);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_token');
    }
  });

  it('answers 404 for an unknown room', async () => {
    const res = await getJoinCode(server, 'AAAAAAAAAAAAAAAAAAAAAA', 'whatever');
    expect(res.status).toBe(404);
  });

  it('still gives the same code after a restart', async () => {
    const room = await createRoom(server);
    const before = JoinCodeResponse.parse(await (await getJoinCode(server, room.roomId, room.tokens.facilitator)).json());
    await server.stop();
    server = await startServer({ dataDir: server.dataDir });
    const res = await getJoinCode(server, room.roomId, room.tokens.facilitator);
    expect(res.status).toBe(200);
    expect(JoinCodeResponse.parse(await res.json()).joinCode).toBe(before.joinCode);
  });
});
