import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createNote, getNote, listNotes } from '../../shared/notes';
import { createRoom, startServer, type RoomAccess, type RunningServer } from '../helpers/server';
import { joinRoom } from '../helpers/yclient';
import { waitFor } from '../helpers/waitFor';

const root = path.resolve(import.meta.dirname, '../..');
const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.kill()));
});

const ROOMS = 4;
const NOTES_PER_ROOM = 50;

/** Runs `npm run <script> -- args` against DATA_DIR=dataDir. */
function npmRun(script: string, args: string[], dataDir: string): Promise<{ code: number | null; out: string }> {
  const child = spawn('npm', ['run', '--silent', script, '--', ...args], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, out })));
}

const tempDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'tavolo-backup-'));

describe('backup and restore', () => {
  it('backs up a running server consistently and restores every note into a new data directory', async () => {
    const server = await startServer();
    running.push(server);
    const rooms: { room: RoomAccess; texts: string[] }[] = [];
    for (let r = 0; r < ROOMS; r++) {
      const room = await createRoom(server, `Tavolo ${r}`);
      const writer = await joinRoom(server, room);
      const reader = await joinRoom(server, room);
      const author = { id: writer.creds.participantId!, name: 'Ada', sector: 'civil' as const };
      const texts: string[] = [];
      let last = '';
      for (let i = 0; i < NOTES_PER_ROOM; i++) {
        texts.push(`stanza ${r} nota ${i}`);
        last = createNote(writer.doc, { x: i * 10, y: r * 10, text: texts[i], author });
      }
      // Relayed to another client, so stored: the server is still running with it in its WAL.
      await waitFor(() => getNote(reader.doc, last), { message: `room ${r} relayed` });
      writer.destroy();
      reader.destroy();
      rooms.push({ room, texts });
    }
    expect(fs.existsSync(path.join(server.dataDir, 'tavolo.sqlite-wal'))).toBe(true);

    const file = path.join(tempDir(), 'tavolo-backup.sqlite');
    const backup = await npmRun('backup', [file], server.dataDir);
    expect(backup.code, backup.out).toBe(0);
    expect(backup.out).toMatch(/Backed up 4 workshop/);

    // Never onto a running server's database, even with --force.
    const busy = await npmRun('restore', [file, '--force'], server.dataDir);
    expect(busy.code).not.toBe(0);
    expect(busy.out).toMatch(/server is running/);

    const fresh = tempDir();
    const restore = await npmRun('restore', [file], fresh);
    expect(restore.code, restore.out).toBe(0);
    await server.kill();

    const restored = await startServer({ dataDir: fresh });
    running.push(restored);
    let total = 0;
    for (const { room, texts } of rooms) {
      const client = await joinRoom(restored, room);
      const got = listNotes(client.doc).map((n) => n.text).sort();
      expect(got).toEqual([...texts].sort());
      total += got.length;
      client.destroy();
    }
    expect(total).toBe(ROOMS * NOTES_PER_ROOM);
  }, 120_000);

  it('refuses to replace a database without --force, and to restore a file that is not a Tavolo database', async () => {
    const server = await startServer();
    await createRoom(server);
    await server.stop();
    const file = path.join(tempDir(), 'copy.sqlite');
    expect((await npmRun('backup', [file], server.dataDir)).code).toBe(0);
    expect((await npmRun('backup', [file], server.dataDir)).out).toMatch(/already exists/);

    const existing = await npmRun('restore', [file], server.dataDir);
    expect(existing.code).not.toBe(0);
    expect(existing.out).toMatch(/--force/);
    expect((await npmRun('restore', [file, '--force'], server.dataDir)).code).toBe(0);

    const junk = path.join(tempDir(), 'junk.sqlite');
    fs.writeFileSync(junk, 'not a database at all\n'.repeat(100));
    const bad = await npmRun('restore', [junk], tempDir());
    expect(bad.code).not.toBe(0);
    expect(bad.out).toMatch(/refusing to restore/);
  }, 120_000);
});
