/**
 * An erasure asked of one process holds on the others serving the same
 * room (PostgreSQL and Redis): the facilitator's undo, sent to another
 * process that had the room loaded before the erasure, is refused there too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardHistory } from '../../client/lib/boardHistory';
import { createNote, deleteNote, getNote } from '../../shared/notes';
import { IDENTITY_HEADER } from '../../shared/participantData';
import { setPrivateWriting } from '../../shared/session';
import { createRoom, identify, startServer, type RunningServer } from '../helpers/server';
import { connectClient, joinRoom, type TestClient } from '../helpers/yclient';
import { createTestSchema, findPostgres, type TestSchema } from '../helpers/postgres';
import { findRedis } from '../helpers/redis';
import { waitFor as waitWithin } from '../helpers/waitFor';

const [pgFound, redisFound] = await Promise.all([findPostgres(), findRedis()]);
const skip = 'skip' in pgFound ? pgFound.skip : 'skip' in redisFound ? redisFound.skip : null;
if (skip) console.warn(`skipping the multi-process erasure test: ${skip}`);

/** Generous deadlines: two processes on a loaded machine. */
const waitFor = <T,>(check: () => T, { message = 'condition' }: { message?: string } = {}) => waitWithin(check, { timeoutMs: 30_000, message });
const refusals = (c: TestClient): string[] => c.controls.flatMap((m) => (m.t === 'refused' ? [m.reason] : []));

describe.skipIf(skip !== null)('an erasure on one process', () => {
  let schema: TestSchema;
  let servers: RunningServer[] = [];
  beforeAll(async () => {
    schema = await createTestSchema((pgFound as { url: string }).url);
    const env = { DATABASE_URL: schema.url, PG_SCHEMA: schema.schema, REDIS_URL: (redisFound as { url: string }).url, PG_POOL_SIZE: '4' };
    // One after the other: both would migrate the empty schema at once.
    servers = [await startServer({ env, startTimeoutMs: 60_000 })];
    servers.push(await startServer({ env, startTimeoutMs: 60_000 }));
  }, 130_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.kill()));
    await schema?.drop();
  });

  it('is enforced by the other processes serving the room', async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    const room = await createRoom(a);
    const facCreds = await identify(a, room, 'facilitator');
    const local = new Y.Doc({ gc: false });
    const facilitator = connectClient(a, room.roomId, { as: facCreds, doc: local });
    await waitFor(() => facilitator.provider.synced, { message: 'facilitator synced on the first process' });
    const history = new BoardHistory(local);
    setPrivateWriting(local, false);
    history.separate();

    // Ada writes through the second process, which loads the room before she erases there.
    const ada = await joinRoom(b, room, { role: 'participant' });
    await waitFor(() => ada.doc.getMap('session').get('privateWriting') === false);
    createNote(ada.doc, { id: 'ada-note-1', x: 0, y: 0, text: 'Ada wrote this', author: { id: ada.creds.participantId!, name: 'Ada', sector: 'civil' } });
    await waitFor(() => getNote(local, 'ada-note-1') !== null, { message: 'Ada’s note on the first process' });
    deleteNote(local, 'ada-note-1');
    await waitFor(() => getNote(ada.doc, 'ada-note-1') === null, { message: 'the deletion on the second process' });

    const res = await fetch(`${b.url}/api/rooms/${room.roomId}/my-data`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${ada.creds.token}`, [IDENTITY_HEADER]: ada.creds.identityToken! },
    });
    expect(res.status).toBe(200);

    // The first process kept the room loaded throughout: it learns of the erasure from the second.
    history.undo();
    await waitFor(() => refusals(facilitator).includes('erased'), { message: `the undo refused on the first process: ${JSON.stringify(facilitator.controls)}` });
    const watcher = await joinRoom(b, room);
    expect(getNote(watcher.doc, 'ada-note-1')).toBeNull();
  }, 120_000);
});
