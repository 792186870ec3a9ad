import { describe, expect, it } from 'vitest';
import { createRoom, identify, startServer, type RoomAccess, type RunningServer } from '../helpers/server';
import { runCrashRounds, type CrashServer, type CrashTarget } from '../helpers/crashRounds';

/** TAVOLO_CRASH_SEED=<n> replays one run; the seed is printed with any failure. */
const seed = Number(process.env.TAVOLO_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));

describe('fault injection', () => {
  it('loses nothing any client had seen relayed when the server is SIGKILLed at random moments under 50 editing clients', async () => {
    const servers = new Map<CrashServer, RunningServer>();
    const rooms = new Map<string, { room: RoomAccess; params: Record<string, string> }>();
    const target: CrashTarget = {
      async start({ dataDir, port }) {
        const s = await startServer({ dataDir, port });
        const handle: CrashServer = { port: s.port, dataDir: s.dataDir, kill: () => s.kill() };
        servers.set(handle, s);
        return handle;
      },
      async createRoom(server) {
        const s = servers.get(server)!;
        const room = await createRoom(s, 'Crash');
        const creds = await identify(s, room, 'facilitator');
        rooms.set(room.roomId, { room, params: { token: creds.token, identity: creds.identityToken! } });
        return room.roomId;
      },
      connection(server, roomId) {
        return { serverUrl: `ws://127.0.0.1:${server.port}/sync`, params: rooms.get(roomId)!.params };
      },
    };
    const result = await runCrashRounds(target, { rounds: 3, clients: 50, editEveryMs: 200, minUpMs: 300, maxUpMs: 1500, seed });
    expect(result.relayed, `seed ${seed}`).toBeGreaterThan(0);
    expect(result.lost, `seed ${seed}: ${JSON.stringify(result.rounds)}`).toBe(0);
  }, 120_000);
});
