/**
 * What this round of features added to a room, attacked by hand-built Yjs
 * updates rather than through the shared operations: the session keys a
 * template and the room's language write, notes brought in by a bulk
 * import, and the documents that hold versions. Each forged change is
 * refused, and nobody else ever sees it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { notesOf, sessionOf } from '../../shared/schema';
import { createRoom, identify, startServer, type RoomAccess, type RunningServer } from '../helpers/server';
import { joinRoom } from '../helpers/yclient';
import { changeOf, openAttacker, replicaAs } from '../helpers/forgedUpdates';
import { openRaw } from '../helpers/rawSocket';
import { waitFor } from '../helpers/waitFor';

describe('forged changes to what templates, imports and versions added', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  async function boardWithImport(): Promise<{ room: RoomAccess; importedId: string }> {
    const room = await createRoom(server);
    const res = await fetch(`${server.url}/api/rooms/${room.roomId}/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${room.tokens.facilitator}`, 'content-type': 'application/json' },
      body: JSON.stringify({ lines: ['Una ciclabile lungo il fiume'] }),
    });
    expect(res.status).toBe(201);
    const reader = await joinRoom(server, room, { role: 'observer' });
    await waitFor(() => notesOf(reader.doc).size === 1, { message: 'the imported note' });
    const importedId = [...notesOf(reader.doc).keys()][0]!;
    reader.destroy();
    return { room, importedId };
  }

  it('refuses a participant writing the room language or expected sectors, and a facilitator writing an unknown language', async () => {
    const { room } = await boardWithImport();
    const watcher = await joinRoom(server, room, { role: 'observer' });
    const attacker = await identify(server, room, 'participant');
    const atk = await openAttacker(server, room.roomId, attacker);
    const replica = replicaAs(watcher.doc, 4_000_001);
    atk.sendUpdate(changeOf(replica, (d) => sessionOf(d).set('language', 'en')));
    expect((await atk.refusals(1))[0]).toMatchObject({ t: 'refused', reason: 'facilitator-only' });
    const replica2 = replicaAs(watcher.doc, 4_000_002);
    atk.sendUpdate(changeOf(replica2, (d) => sessionOf(d).set('expectedSectors', ['private'])));
    expect((await atk.refusals(2))[1]).toMatchObject({ t: 'refused', reason: 'facilitator-only' });

    const fac = await identify(server, room, 'facilitator');
    const facAtk = await openAttacker(server, room.roomId, fac);
    const replica3 = replicaAs(watcher.doc, 4_000_003);
    facAtk.sendUpdate(changeOf(replica3, (d) => sessionOf(d).set('language', 'fr')));
    expect((await facAtk.refusals(1))[0]).toMatchObject({ t: 'refused', reason: 'schema' });
    expect(sessionOf(watcher.doc).get('language')).toBeUndefined();
    expect(sessionOf(watcher.doc).get('expectedSectors')).toBeUndefined();
    watcher.destroy();
  });

  it("refuses a participant's hand-built edit or delete of an imported note", async () => {
    const { room, importedId } = await boardWithImport();
    const watcher = await joinRoom(server, room, { role: 'observer' });
    const attacker = await identify(server, room, 'participant');
    const atk = await openAttacker(server, room.roomId, attacker);
    const edit = replicaAs(watcher.doc, 4_000_011);
    atk.sendUpdate(changeOf(edit, (d) => (notesOf(d).get(importedId) as Y.Map<unknown>).set('x', 9999)));
    const remove = replicaAs(watcher.doc, 4_000_012);
    atk.sendUpdate(changeOf(remove, (d) => notesOf(d).delete(importedId)));
    const refusals = await atk.refusals(2);
    expect(refusals.map((r) => r.t)).toEqual(['refused', 'refused']);
    expect((notesOf(watcher.doc).get(importedId) as Y.Map<unknown>).get('x')).not.toBe(9999);
    expect(notesOf(watcher.doc).has(importedId)).toBe(true);
    watcher.destroy();
  });

  it('has no socket for the documents that hold versions, whatever the token', async () => {
    const { room } = await boardWithImport();
    const versions = await fetch(`${server.url}/api/rooms/${room.roomId}/versions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${room.tokens.facilitator}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'prima' }),
    });
    expect(versions.status).toBeLessThan(300);
    const fac = await identify(server, room, 'facilitator');
    for (const docName of [`${room.roomId}~versions`, `${room.roomId}~version~x`]) {
      const raw = await openRaw(server, docName, fac.token, fac.identityToken ?? undefined).catch((err: Error) => err);
      // Refused at the upgrade (404) or closed at once with 4404: never synced.
      if (raw instanceof Error) expect(raw.message).toMatch(/404/);
      else {
        expect((await raw.closed).code).toBe(4404);
      }
    }
  });
});
