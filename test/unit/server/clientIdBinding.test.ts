import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ClientIdBindings, MAX_CLIENT_IDS_PER_OWNER, clientsDocId } from '../../../server/auth/clientIdBinding';
import { createSqliteStore } from '../../../server/storage/sqliteStore';
import { log } from '../../../server/log';

const SERVER_ID = 1;
const tempStore = () => createSqliteStore({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'tavolo-bindings-')) });

describe('ClientIdBindings', () => {
  it('gives a client id to the first identity that uses it, and to it alone', () => {
    const b = new ClientIdBindings(SERVER_ID);
    expect(b.refusal('pia-000000001', [10, 11])).toBeNull();
    b.bind('pia-000000001', [10, 11]);
    expect(b.refusal('pia-000000001', [10, 11, 12])).toBeNull();
    expect(b.refusal('ugo-000000001', [12, 11])).toMatch(/11/);
    expect(b.ownerOf(10)).toBe('pia-000000001');
    b.bind('ugo-000000001', [12]);
    b.bind('ugo-000000001', [10]); // already taken: stays Pia's
    expect(b.ownerOf(10)).toBe('pia-000000001');
  });

  it("keeps the server's own client id for the server", () => {
    const b = new ClientIdBindings(SERVER_ID);
    expect(b.refusal('pia-000000001', [SERVER_ID])).toMatch(/someone else/);
    expect(b.ownerOf(SERVER_ID)).toBeUndefined();
  });

  it("keeps a board's bindings in the store and reads them back after a restart", async () => {
    const store = tempStore();
    const first = new ClientIdBindings(SERVER_ID);
    await first.persistIn(store, 'room-1', log);
    first.bind('pia-000000001', [10]);
    first.bind('fac-000000001', [20, 21]);
    const again = new ClientIdBindings(2);
    await again.persistIn(store, 'room-1', log);
    expect(again.refusal('pia-000000001', [20])).toMatch(/20/);
    expect(again.ownerOf(10)).toBe('pia-000000001');
    const other = new ClientIdBindings(2);
    await other.persistIn(store, 'room-2', log);
    expect(other.ownerOf(10)).toBeUndefined();
  });

  it('caps how many client ids one identity may take', () => {
    const b = new ClientIdBindings(SERVER_ID);
    b.bind('pia-000000001', Array.from({ length: MAX_CLIENT_IDS_PER_OWNER - 1 }, (_, i) => 100 + i));
    expect(b.refusal('pia-000000001', [5])).toBeNull();
    expect(b.refusal('pia-000000001', [5, 6])).toBe('too many client ids');
    expect(b.refusal('pia-000000001', [100])).toBeNull();
    expect(b.refusal('ugo-000000001', [5, 6])).toBeNull();
  });

  it('takes the cap from the configuration (CLIENT_IDS_PER_IDENTITY)', () => {
    const b = new ClientIdBindings(SERVER_ID, 2);
    b.bind('pia-000000001', [10, 11]);
    expect(b.refusal('pia-000000001', [12])).toBe('too many client ids');
    expect(b.refusal('pia-000000001', [10, 11])).toBeNull();
  });

  it('compacts a long binding log when it loads', async () => {
    const store = tempStore();
    const b = new ClientIdBindings(SERVER_ID);
    await b.persistIn(store, 'room-1', log);
    for (let i = 0; i < 250; i++) b.bind('pia-000000001', [100 + i]);
    expect((await store.load(clientsDocId('room-1'))).updates.length).toBe(250);
    await new ClientIdBindings(SERVER_ID).persistIn(store, 'room-1', log);
    const stored = await store.load(clientsDocId('room-1'));
    expect(stored.updates).toHaveLength(0);
    const d = new Y.Doc();
    Y.applyUpdate(d, stored.snapshot!);
    expect(d.getMap('clients').size).toBe(250);
  });
});
