import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createNote } from '../../shared/notes';
import { createSqliteStore } from '../../server/storage/sqliteStore';
import { createRoom, SERVER_ARGS, type RunningServer } from '../helpers/server';
import { failWrites } from '../helpers/faults';
import { joinRoom } from '../helpers/yclient';
import { waitFor } from '../helpers/waitFor';

const root = path.resolve(import.meta.dirname, '../..');
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

interface Spawned {
  child: ChildProcess;
  server: RunningServer;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs `command` (the server, or npm start) with stdout a pipe, until its JSON listening line. */
async function spawnTavolo(command: string, args: string[], env: Record<string, string> = {}): Promise<Spawned> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tavolo-shutdown-'));
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  );
  const port = await waitFor(() => Number(/"port":(\d+)[^\n]*"msg":"listening"/.exec(out)?.[1] ?? 0), { timeoutMs: 60_000, message: `listening line in:\n${out}` });
  const kill = async (): Promise<void> => {
    child.kill('SIGKILL');
    await exited;
  };
  const server: RunningServer = {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    port,
    pid: child.pid!,
    dataDir,
    stop: kill,
    kill,
    output: () => out,
  };
  return { child, server, exited };
}

/** As a process manager runs it (README, "Running and stopping"). */
const serverArgs = SERVER_ARGS;
const author = (id: string) => ({ id, name: 'Ada', sector: 'public' as const });

describe('shutdown', () => {
  it('exits on SIGTERM even when the log reader has gone away', async () => {
    const { child, server, exited } = await spawnTavolo(process.execPath, serverArgs, { LOG_LEVEL: 'debug' });
    const room = await createRoom(server);
    const writer = await joinRoom(server, room);
    createNote(writer.doc, { x: 0, y: 0, text: 'ciao', author: author(writer.creds.participantId!) });
    writer.destroy();
    child.stdout!.destroy();
    child.kill('SIGTERM');
    const { code } = await waitFor(() => Promise.race([exited, new Promise<null>((r) => setTimeout(() => r(null), 200))]), {
      timeoutMs: 15_000,
      message: 'server exited after SIGTERM',
    });
    expect(code).toBe(0);
  });

  it('gives up on rooms it cannot store after the timeout, exiting non-zero and saying how many', async () => {
    const { child, server, exited } = await spawnTavolo(process.execPath, serverArgs, { SHUTDOWN_TIMEOUT_MS: '1500' });
    const room = await createRoom(server);
    const writer = await joinRoom(server, room);
    failWrites(server);
    createNote(writer.doc, { x: 0, y: 0, text: 'mai salvata', author: author(writer.creds.participantId!) });
    await waitFor(() => writer.controls.some((m) => m.t === 'saved' && !m.ok), { message: 'writer told unsaved' });
    child.kill('SIGTERM');
    const { code } = await waitFor(() => Promise.race([exited, new Promise<null>((r) => setTimeout(() => r(null), 200))]), {
      timeoutMs: 15_000,
      message: 'server exited after SIGTERM',
    });
    expect(code, server.output()).toBe(1);
    const line = server
      .output()
      .split('\n')
      .find((l) => l.includes('unsavedRooms'));
    expect(line, server.output()).toBeDefined();
    expect(JSON.parse(line!)).toMatchObject({ unsavedRooms: 1, roomIds: [room.roomId] });
  });

  it('npm start runs one process that receives SIGTERM and flushes the rooms', async () => {
    const { child, server, exited } = await spawnTavolo('npm', ['start', '--silent']);
    const room = await createRoom(server);
    const writer = await joinRoom(server, room);
    createNote(writer.doc, { x: 0, y: 0, text: 'salvata allo stop', author: author(writer.creds.participantId!) });
    const reader = await joinRoom(server, room);
    await waitFor(() => reader.doc.getMap('notes').size === 1, { message: 'relayed' });
    writer.destroy();
    reader.destroy();
    // The signal goes to npm only, as a process manager stopping `npm start` sends it.
    child.kill('SIGTERM');
    await exited;
    await waitFor(async () => !(await fetch(`${server.url}/healthz`).then(() => true, () => false)), { message: 'server gone' });
    // The server itself got the signal: it compacted the room on its way out.
    const store = createSqliteStore({ dataDir: server.dataDir });
    try {
      const stored = await store.load(room.roomId);
      expect(stored.snapshot).not.toBeNull();
      expect(stored.updates).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
