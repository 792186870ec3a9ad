/**
 * The three servers compared. Each says how to start it, how to get a room,
 * which wire dialect its clients speak, and whether it persists anything.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Dialect } from '../load/wire';
import { repoRoot, spawnServer, type ServerProcess } from './spawnServer';

export type TargetName = 'tavolo' | 'y-websocket' | 'hocuspocus';

export interface Target {
  name: TargetName;
  label: string;
  persists: string;
  dialect: Dialect;
  /** Starts a fresh server; `dataDir` reuses Tavolo's data (restart). */
  start(opts?: { dataDir?: string; env?: Record<string, string> }): Promise<RunningTarget>;
}

export interface RunningTarget {
  server: ServerProcess;
  dataDir: string | null;
  /** A room that clients may join (created through the API where needed). */
  createRoom(title: string): Promise<string>;
  /** The websocket URL a client opens for a room, credentials included. */
  roomUrl(roomId: string): string;
  /** The y-websocket server URL and the query params a WebsocketProvider needs. */
  providerArgs(roomId: string): { serverUrl: string; params: Record<string, string> };
}

/** Credentials survive restarts of the same data directory, as the rooms do. */
const tavoloCredentials = new Map<string, Record<string, string>>();

let roomCounter = 0;
const localRoom = (): string => `bench-${process.pid}-${++roomCounter}`;

/**
 * Where Tavolo's server is run from: the work tree, or (with --tavolo-ref)
 * a clean export of that git ref, so a bench can measure a known commit
 * while the work tree is being edited.
 */
let tavoloDir = repoRoot;
let tavoloRevision = 'work tree';

export function useTavoloRef(ref: string | undefined): void {
  if (!ref) {
    tavoloRevision = `work tree at ${gitRevParse('HEAD')}${isDirty() ? ' + uncommitted changes' : ''}`;
    return;
  }
  const commit = gitRevParse(ref);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tavolo-bench-src-'));
  execFileSync('sh', ['-c', `git -C "${repoRoot}" archive ${commit} server shared package.json tsconfig.json | tar -x -C "${dir}"`]);
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'));
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  tavoloDir = dir;
  tavoloRevision = `${ref} (${commit.slice(0, 10)})`;
}

export const tavoloSource = (): string => tavoloRevision;

const gitRevParse = (ref: string): string => execFileSync('git', ['-C', repoRoot, 'rev-parse', ref], { encoding: 'utf8' }).trim();
const isDirty = (): boolean =>
  execFileSync('git', ['-C', repoRoot, 'status', '--porcelain', '--', 'server', 'shared'], { encoding: 'utf8' }).trim() !== '';

export const tavolo: Target = {
  name: 'tavolo',
  label: 'Tavolo',
  persists: 'yes: SQLite, before relay',
  dialect: 'y-websocket',
  async start(opts = {}) {
    const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tavolo-bench-'));
    const server = await spawnServer('server/main.ts', {
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      // Every bench client comes from 127.0.0.1; a real plenary's come from
      // many addresses. The per-address and per-room caps would otherwise
      // refuse the 1,000-client cases before they start.
      MAX_CONNECTIONS_PER_ADDRESS: '10000',
      MAX_CONNECTIONS_PER_ROOM: '10000',
      // …and all of them write as one identity, each under its own client id
      // (the seed client writes every note's first version, so every id is
      // bound to that one identity).
      CLIENT_IDS_PER_IDENTITY: '100000',
      // The many-rooms scenario creates hundreds of workshops from that one address.
      ROOM_CREATE_LIMIT: '10000',
      ...opts.env,
    }, tavoloDir);
    return { server, dataDir, ...tavoloRooms(server.httpUrl, server.wsUrl) };
  },
};

/**
 * Creating a room and the URLs its clients open, on a Tavolo at these
 * addresses: one process, or a load balancer in front of several.
 */
export function tavoloRooms(httpUrl: string, wsUrl: string): Pick<RunningTarget, 'createRoom' | 'roomUrl' | 'providerArgs'> {
  // Bench clients join as the facilitator: every update is still inspected
  // and schema-checked, which is the cost we want measured.
  const credentials = (roomId: string): Record<string, string> => {
    const c = tavoloCredentials.get(roomId);
    if (!c) throw new Error(`no credentials for room ${roomId}`);
    return c;
  };
  return {
    async createRoom(title) {
      const res = await fetch(`${httpUrl}/api/rooms`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title }),
      });
      if (res.status !== 201) throw new Error(`room creation failed: ${res.status} ${await res.text()}`);
      const { roomId, tokens } = (await res.json()) as { roomId: string; tokens: { facilitator: string } };
      const id = await fetch(`${httpUrl}/api/rooms/${roomId}/identity`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.facilitator}` },
        body: '{}',
      });
      if (id.status !== 200) throw new Error(`identity failed: ${id.status} ${await id.text()}`);
      const { identityToken } = (await id.json()) as { identityToken: string };
      tavoloCredentials.set(roomId, { token: tokens.facilitator, identity: identityToken });
      return roomId;
    },
    roomUrl: (roomId) => `${wsUrl}/sync/${roomId}?${new URLSearchParams(credentials(roomId))}`,
    providerArgs: (roomId) => ({ serverUrl: `${wsUrl}/sync`, params: credentials(roomId) }),
  };
}

export const yWebsocket: Target = {
  name: 'y-websocket',
  label: 'y-websocket 1.5.4',
  persists: 'no (memory only)',
  dialect: 'y-websocket',
  async start() {
    const server = await spawnServer('bench/servers/yWebsocketServer.ts');
    return {
      server,
      dataDir: null,
      createRoom: async () => localRoom(),
      roomUrl: (id) => `${server.wsUrl}/sync/${id}`,
      providerArgs: () => ({ serverUrl: `${server.wsUrl}/sync`, params: {} }),
    };
  },
};

export const hocuspocus: Target = {
  name: 'hocuspocus',
  label: 'Hocuspocus 3.4.4',
  persists: 'no (no extension)',
  dialect: 'hocuspocus',
  async start() {
    const server = await spawnServer('bench/servers/hocuspocusServer.ts');
    // Hocuspocus names the document inside every message, not in the URL.
    return {
      server,
      dataDir: null,
      createRoom: async () => localRoom(),
      roomUrl: () => server.wsUrl,
      providerArgs: () => ({ serverUrl: server.wsUrl, params: {} }),
    };
  },
};

export const allTargets: Target[] = [tavolo, yWebsocket, hocuspocus];
