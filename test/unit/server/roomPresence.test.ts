import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Room } from '../../../server/rooms/room';
import type { Peer } from '../../../server/rooms/peer';
import type { Actor } from '../../../server/auth/updatePolicy';
import { createSqliteStore } from '../../../server/storage/sqliteStore';
import { log } from '../../../server/log';
import { newRoomId } from '../../../shared/ids';
import { encodeAwarenessEntries } from '../../../server/auth/awarenessEntries';

const store = createSqliteStore({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'tavolo-presence-')) });
const tokenHashes = { facilitator: 'a'.repeat(64), participant: 'b'.repeat(64), observer: 'c'.repeat(64) };

async function openRoom(): Promise<Room> {
  const roomId = newRoomId();
  await store.createRoom({ roomId, title: 'T', createdAt: 0, tokenHashes }, Y.encodeStateAsUpdate(new Y.Doc()));
  return new Room(roomId, store, await store.load(roomId), log);
}
const peer = (id: string, actor: Actor): Peer => ({ id, actor, send() {}, close() {} });
const presence = (...entries: [clientId: number, clock: number, state: unknown][]): Uint8Array =>
  encodeAwarenessEntries(entries.map(([clientId, clock, state]) => ({ clientId, clock, state: JSON.stringify(state) })));
const nameOf = (room: Room, id: number): unknown => (room.awareness.getStates().get(id) as { user?: { name?: string } } | undefined)?.user?.name;

describe('Room presence', () => {
  it("applies a peer's own entries and drops those for someone else's client id", async () => {
    const room = await openRoom();
    const fac = peer('f', { role: 'facilitator', participantId: 'fac-0000001' });
    const p = peer('p', { role: 'participant', participantId: 'pia-0000001' });
    room.join(fac);
    room.join(p);
    room.receiveAwareness(fac, presence([100, 1, { user: { name: 'Fac' } }]));
    room.receiveAwareness(p, presence([100, 5, { user: { name: 'Hacked' } }], [200, 1, { user: { name: 'Pia' } }]));
    expect(nameOf(room, 100)).toBe('Fac');
    expect(nameOf(room, 200)).toBe('Pia');
    // Nor may it remove someone's presence.
    room.receiveAwareness(p, presence([100, 6, null]));
    expect(nameOf(room, 100)).toBe('Fac');
  });

  it('lets the same person speak for a client id from a new connection, and keeps an observer id while it is connected', async () => {
    const room = await openRoom();
    const first = peer('a', { role: 'participant', participantId: 'pia-0000001' });
    const again = peer('b', { role: 'participant', participantId: 'pia-0000001' });
    const projector = peer('o', { role: 'observer', participantId: null });
    const other = peer('x', { role: 'participant', participantId: 'ugo-0000001' });
    for (const q of [first, again, projector, other]) room.join(q);
    room.receiveAwareness(first, presence([300, 1, { user: { name: 'Pia' } }]));
    room.receiveAwareness(again, presence([300, 2, { user: { name: 'Pia, reconnected' } }]));
    expect(nameOf(room, 300)).toBe('Pia, reconnected');
    room.receiveAwareness(projector, presence([400, 1, { user: { name: 'Projector' } }]));
    room.receiveAwareness(other, presence([400, 2, { user: { name: 'Hacked' } }]));
    expect(nameOf(room, 400)).toBe('Projector');
    // The observer id is nobody's once the projector has left: it may come back.
    room.leave(projector);
    const back = peer('o2', { role: 'observer', participantId: null });
    room.join(back);
    room.receiveAwareness(back, presence([400, 3, { user: { name: 'Projector again' } }]));
    expect(nameOf(room, 400)).toBe('Projector again');
  });

  it("binds a participant's presence id, so nobody else may write under it later", async () => {
    const room = await openRoom();
    const p = peer('p', { role: 'participant', participantId: 'pia-0000001' });
    room.join(p);
    room.receiveAwareness(p, presence([500, 1, { user: { name: 'Pia' } }]));
    expect(room.clientIds.ownerOf(500)).toBe('pia-0000001');
  });
});
