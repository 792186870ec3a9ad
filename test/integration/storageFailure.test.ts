import { afterEach, describe, expect, it } from 'vitest';
import { createNote, getNote, listNotes } from '../../shared/notes';
import { createRoom, startServer, type RunningServer } from '../helpers/server';
import { allowWrites, failWrites } from '../helpers/faults';
import { connectClient, joinRoom, type TestClient } from '../helpers/yclient';
import { identify } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

const running: RunningServer[] = [];
const start = async (opts?: Parameters<typeof startServer>[0]): Promise<RunningServer> => {
  const s = await startServer(opts);
  running.push(s);
  return s;
};
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.kill()));
});

const savedStates = (c: TestClient): boolean[] => c.controls.flatMap((m) => (m.t === 'saved' ? [m.ok] : []));

/** Waits until the server has processed everything this client sent so far (a clock probe is answered in order). */
async function roundTrip(c: TestClient): Promise<void> {
  const sentAt = Date.now() + Math.random();
  await c.control({ t: 'time', sentAt });
  await waitFor(() => c.controls.some((m) => m.t === 'time' && m.sentAt === sentAt), { message: 'clock probe answered' });
}

describe('storage failures', () => {
  it('holds changes it cannot store, shows them to nobody, says so, and recovers without losing them', async () => {
    const server = await start();
    const room = await createRoom(server);
    const writer = await joinRoom(server, room);
    const reader = await joinRoom(server, room);
    const author = { id: writer.creds.participantId!, name: 'Ada', sector: 'public' as const };

    failWrites(server);
    const id = createNote(writer.doc, { x: 0, y: 0, text: 'non ancora salvata', author });
    await waitFor(() => savedStates(writer).includes(false), { message: 'writer told the change is not saved' });

    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(503);
    const healthBody = (await health.json()) as { status: string; reason: string };
    expect(healthBody.status).toBe('storage_failing');
    expect(healthBody.reason).toMatch(/I\/O|disk|full/i);

    const create = await fetch(`${server.url}/api/rooms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":"x"}' });
    expect(create.status).toBe(503);
    expect(((await create.json()) as { error: { code: string } }).error.code).toBe('storage_unavailable');

    // A peer already in the room is not relayed the unstored change, and a
    // new one is not answered with it: its sync is held.
    const joiner = connectClient(server, room.roomId, { as: await identify(server, room, 'facilitator') });
    await roundTrip(joiner);
    await roundTrip(reader);
    expect(getNote(reader.doc, id)).toBeNull();
    expect(joiner.provider.synced).toBe(false);
    expect(getNote(joiner.doc, id)).toBeNull();

    allowWrites(server);
    await waitFor(() => savedStates(writer).at(-1) === true, { message: 'writer told the change is saved', timeoutMs: 20_000 });
    await waitFor(() => getNote(reader.doc, id), { message: 'reader relayed the stored change' });
    await waitFor(() => joiner.provider.synced && getNote(joiner.doc, id), { message: 'held join answered' });
    // Every held write (the room's batch, a client-id binding) retries on its own backoff: health follows the last.
    await waitFor(async () => (await fetch(`${server.url}/healthz`)).status === 200, { message: 'storage healthy', timeoutMs: 20_000 });
    const again = await fetch(`${server.url}/api/rooms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":"y"}' });
    expect(again.status).toBe(201);

    // It is on disk: it survives kill -9.
    await server.kill();
    const second = await start({ dataDir: server.dataDir });
    const after = await joinRoom(second, room);
    expect(listNotes(after.doc).map((n) => n.text)).toEqual(['non ancora salvata']);
  });

  it('shows nobody a change that a kill -9 during a storage failure loses', async () => {
    const server = await start();
    const room = await createRoom(server);
    const writer = await joinRoom(server, room);
    const author = { id: writer.creds.participantId!, name: 'Ada', sector: 'public' as const };
    failWrites(server);
    const id = createNote(writer.doc, { x: 0, y: 0, text: 'persa', author });
    await waitFor(() => savedStates(writer).includes(false), { message: 'writer told the change is not saved' });
    const joiner = connectClient(server, room.roomId, { as: await identify(server, room, 'facilitator') });
    await roundTrip(joiner);
    expect(getNote(joiner.doc, id)).toBeNull();
    writer.provider.disconnect();
    await server.kill();

    // Lost from the server, as the writer was told; nobody else ever saw it.
    const second = await start({ dataDir: server.dataDir });
    const after = await joinRoom(second, room);
    expect(getNote(after.doc, id)).toBeNull();
    expect(getNote(joiner.doc, id)).toBeNull();
  });

  it('keeps a room with unsaved changes loaded after everyone leaves, and stores them once it can', async () => {
    const server = await start({ env: { ROOM_UNLOAD_GRACE_MS: '50' } });
    const room = await createRoom(server);
    const writer = await joinRoom(server, room);
    const author = { id: writer.creds.participantId!, name: 'Ada', sector: 'public' as const };
    failWrites(server);
    createNote(writer.doc, { x: 0, y: 0, text: 'tenuta in memoria', author });
    await waitFor(() => savedStates(writer).includes(false), { message: 'writer told the change is not saved' });
    writer.destroy();
    // Idle past the grace period: an unload attempt fails to store and must keep the room.
    await waitFor(() => server.output().includes('room kept loaded'), { message: 'room kept loaded' });
    allowWrites(server);
    await waitFor(async () => (await fetch(`${server.url}/healthz`)).status === 200, { message: 'storage healthy', timeoutMs: 20_000 });
    await server.kill();
    const second = await start({ dataDir: server.dataDir });
    const after = await joinRoom(second, room);
    expect(listNotes(after.doc).map((n) => n.text)).toEqual(['tenuta in memoria']);
  });
});
