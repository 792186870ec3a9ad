/**
 * Starts the real server as a child process on a free port with a temporary
 * DATA_DIR, so tests can also SIGKILL it and restart on the same data. The
 * process runs the bundle of server/main.ts that the test run's global setup
 * built (scripts/build-server.mjs), as `npm start` does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Role } from '../../shared/phases';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** How a process manager runs the server (README, "Running and stopping"): the bundle global setup built. */
export const SERVER_ARGS = ['--enable-source-maps', path.join(root, 'build/server/main.mjs')];

export interface RunningServer {
  url: string;
  wsUrl: string;
  port: number;
  /** The server process, for faults injected from outside (prlimit, signals). */
  pid: number;
  dataDir: string;
  /** Graceful stop (SIGTERM): rooms are flushed. */
  stop(): Promise<void>;
  /** SIGKILL: nothing gets a chance to flush. */
  kill(): Promise<void>;
  /** Output so far, for debugging a failing test. */
  output(): string;
}

export interface StartOptions {
  env?: Record<string, string>;
  /** Reuse a data directory (for restart tests); a fresh temp one otherwise. */
  dataDir?: string;
  /** Reuse a port (for restart tests); 0 picks a free one. */
  port?: number;
  /** How long start-up may take (several processes starting at once on a loaded machine take longer). */
  startTimeoutMs?: number;
}

export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tavolo-test-'));
  const child: ChildProcess = spawn(process.execPath, SERVER_ARGS, {
    cwd: root,
    env: {
      // SQLite unless the test asks for PostgreSQL and Redis, whatever the runner's environment says.
      ...withoutKeys(process.env, ['DATABASE_URL', 'PG_SCHEMA', 'REDIS_URL']),
      PORT: String(opts.port ?? 0),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
      ROOM_UNLOAD_GRACE_MS: '500',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in time:\n${out}`));
    }, opts.startTimeoutMs ?? 30_000);
    const onData = (): void => {
      const found = listeningPort(out);
      if (found !== null) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolve(found);
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${out}`));
    });
  });

  const signal = async (sig: NodeJS.Signals): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    await exited;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    port,
    pid: child.pid!,
    dataDir,
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
    output: () => out,
  };
}

function withoutKeys(env: NodeJS.ProcessEnv, keys: string[]): NodeJS.ProcessEnv {
  const copy = { ...env };
  for (const k of keys) delete copy[k];
  return copy;
}

/**
 * The port from the server's JSON log line `{"msg":"listening","port":…}`,
 * which it writes whatever LOG_LEVEL; other lines are skipped.
 */
function listeningPort(output: string): number | null {
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line) as { msg?: unknown; port?: unknown };
      if (entry.msg === 'listening' && typeof entry.port === 'number') return entry.port;
    } catch {
      // A line still being written.
    }
  }
  return null;
}

export interface RoomAccess {
  roomId: string;
  tokens: Record<Role, string>;
  links: Record<Role, string>;
}

/** Creates a room through the API, as the home page does. */
export async function createRoom(server: RunningServer, title = 'Contratto di fiume'): Promise<RoomAccess> {
  const res = await fetch(`${server.url}/api/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  });
  if (res.status !== 201) throw new Error(`room creation failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as RoomAccess;
}

export interface Credentials {
  role: Role;
  token: string;
  participantId: string | null;
  identityToken: string | null;
}

/** Exchanges a room's link token for a server-issued identity, as a browser does on first visit. */
export async function identify(server: RunningServer, room: RoomAccess, role: Role): Promise<Credentials> {
  const token = room.tokens[role];
  const res = await fetch(`${server.url}/api/rooms/${room.roomId}/identity`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: '{}',
  });
  if (res.status !== 200) throw new Error(`identity failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { participantId: string | null; identityToken: string | null };
  return { role, token, ...body };
}
