import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createNote } from '../../shared/notes';
import { createRoom, SERVER_ARGS, startServer, type RunningServer } from '../helpers/server';
import { connectClient, joinRoom } from '../helpers/yclient';
import { identify } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

const root = path.resolve(import.meta.dirname, '../..');
const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.kill()));
});

const tempDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'tavolo-damaged-'));
const dbFile = (dir: string): string => path.join(dir, 'tavolo.sqlite');

/** Runs the server on `dataDir` until it exits on its own; its exit code and output. */
function runUntilExit(dataDir: string): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, SERVER_ARGS, {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    }),
  );
}

/** One fatal JSON line naming the file and the reason, and no stack trace. */
function expectOneClearLine(out: string, reason: RegExp): void {
  const lines = out.trim().split('\n');
  expect(lines).toHaveLength(1);
  const entry = JSON.parse(lines[0]!) as { level: number; msg: string; file: string };
  expect(entry.level).toBe(60);
  expect(entry.file).toMatch(/tavolo\.sqlite$/);
  expect(entry.msg).toMatch(reason);
  expect(out).not.toMatch(/\n\s+at /);
}

/** A real Tavolo database with one room in it, cleanly stopped. */
async function populated(): Promise<string> {
  const server = await startServer();
  const room = await createRoom(server);
  const c = await joinRoom(server, room);
  for (let i = 0; i < 30; i++) createNote(c.doc, { x: i, y: 0, text: `nota ${i} ${'x'.repeat(200)}`, author: { id: c.creds.participantId!, name: 'A', sector: 'civil' } });
  await new Promise((r) => setTimeout(r, 300));
  c.destroy();
  await server.stop();
  return server.dataDir;
}

describe('a damaged database', () => {
  it('refuses an empty file instead of starting a fresh install over it', async () => {
    const dir = tempDir();
    fs.writeFileSync(dbFile(dir), '');
    const { code, out } = await runUntilExit(dir);
    expect(code).not.toBe(0);
    expectOneClearLine(out, /empty/);
    expect(fs.statSync(dbFile(dir)).size).toBe(0);
  });

  it('refuses a file that is not a database', async () => {
    const dir = tempDir();
    fs.writeFileSync(dbFile(dir), 'these are my notes, not a database\n'.repeat(200));
    const { code, out } = await runUntilExit(dir);
    expect(code).not.toBe(0);
    expectOneClearLine(out, /not a database|damaged/);
  });

  it('refuses the database of another application', async () => {
    const dir = tempDir();
    const other = new Database(dbFile(dir));
    other.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)');
    other.close();
    const { code, out } = await runUntilExit(dir);
    expect(code).not.toBe(0);
    expectOneClearLine(out, /not a Tavolo database/);
  });

  it('refuses a truncated database', async () => {
    const dir = await populated();
    const size = fs.statSync(dbFile(dir)).size;
    fs.truncateSync(dbFile(dir), Math.floor(size / 2));
    const { code, out } = await runUntilExit(dir);
    expect(code).not.toBe(0);
    expectOneClearLine(out, /damaged|malformed|not a database/);
  });

  // Damage caught by the stored checksum, and in a row stored before checksums, by decoding it.
  it.each([
    ['its checksum', 'UPDATE updates SET data = ? WHERE doc_id = ?'],
    ['decoding it (stored before checksums)', 'UPDATE updates SET data = ?, checksum = NULL WHERE doc_id = ?'],
  ])('tells the clients of a room whose stored data is damaged why it cannot open (found by %s)', async (_how, damage) => {
    const server = await startServer();
    running.push(server);
    const room = await createRoom(server);
    const other = await createRoom(server, 'Intatta');
    await server.stop();
    const db = new Database(dbFile(server.dataDir));
    db.prepare(damage).run(Buffer.from([0xff, 0xff, 0xff, 0x01, 0x02]), room.roomId);
    db.close();

    const second = await startServer({ dataDir: server.dataDir });
    running.push(second);
    const client = connectClient(second, room.roomId, { as: await identify(second, room, 'facilitator') });
    await waitFor(() => client.closes.length > 0, { message: "socket closed" });
    expect(client.closes[0]).toEqual({ code: 1011, reason: expect.stringMatching(/damaged/) });
    // The log line may reach stdout after the close reaches the client.
    await waitFor(() => /"msg":"room failed to load"/.test(second.output()), { message: 'the load failure logged' });
    // The rest of the installation keeps working.
    const fine = await joinRoom(second, other);
    expect(fine.provider.synced).toBe(true);
  });
});
