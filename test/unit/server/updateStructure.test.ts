import { describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { checkIntegration, decodeUpdateStrictly, dropPending } from '../../../server/auth/updateStructure';
import { RejectedUpdate } from '../../../server/auth/updateInspector';
import { createNote, editNoteText } from '../../../shared/notes';
import { initSession } from '../../../shared/session';
import { changeOf, forgeUpdate, replicaAs } from '../../helpers/forgedUpdates';

const author = { id: 'author-0005', name: 'H', sector: 'other' as const };

function serverDoc(): Y.Doc {
  const d = new Y.Doc();
  initSession(d, { title: 'T' });
  return d;
}
const check = (doc: Y.Doc, u: Uint8Array) => checkIntegration(doc, decodeUpdateStrictly(u));

describe('checkIntegration', () => {
  it("names the client ids a client's update writes under, and nothing pending", () => {
    const server = serverDoc();
    const client = replicaAs(server, 1001);
    const u = changeOf(client, (d) => createNote(d, { x: 0, y: 0, text: 'ok', author }));
    expect(check(server, u)).toEqual({ writers: new Set([1001]), pending: null });
  });

  it('leaves out structs the document already has', () => {
    const server = serverDoc();
    const client = replicaAs(server, 1002);
    const u = changeOf(client, (d) => createNote(d, { x: 0, y: 0, text: 'ok', author }));
    Y.applyUpdate(server, u);
    expect(check(server, u).writers.size).toBe(0);
  });

  it('counts GC structs as writes', () => {
    expect(check(serverDoc(), forgeUpdate({ gc: [{ client: 77, clock: 0, len: 3 }] }))).toEqual({ writers: new Set([77]), pending: null });
  });

  it('finds a clock gap, as GC or as items', () => {
    const server = serverDoc();
    expect(check(server, forgeUpdate({ gc: [{ client: 77, clock: 1, len: 3 }] })).pending).toMatch(/gap/);
    const client = replicaAs(server, 1003);
    changeOf(client, (d) => createNote(d, { x: 0, y: 0, text: 'skipped', author }));
    const later = changeOf(client, (d) => createNote(d, { x: 0, y: 0, text: 'later', author }));
    expect(check(server, later).pending).toMatch(/gap/);
  });

  it('finds an origin or parent from another client the server does not have', () => {
    const server = serverDoc();
    const a = replicaAs(server, 1004);
    const missing = changeOf(a, (d) => createNote(d, { id: 'shared-note-01', x: 0, y: 0, text: 'a', author }));
    const b = replicaAs(a, 1005);
    const onTop = changeOf(b, (d) => editNoteText(d, 'shared-note-01', 'a and b'));
    expect(check(server, onTop).pending).toMatch(/depend/);
    // Both in one update: the dependency is satisfied within it.
    expect(check(server, Y.mergeUpdates([missing, onTop]))).toEqual({ writers: new Set([1004, 1005]), pending: null });
  });

  it('refuses deletes over clocks the server has not integrated, but not over ones the update inserts', () => {
    const server = serverDoc();
    expect(check(server, forgeUpdate({ deletes: [{ client: 42, clock: 0, len: 5 }] })).pending).toMatch(/delete/);
    expect(check(server, forgeUpdate({ gc: [{ client: 42, clock: 0, len: 5 }], deletes: [{ client: 42, clock: 0, len: 5 }] })).pending).toBeNull();
    expect(check(server, forgeUpdate({ gc: [{ client: 42, clock: 0, len: 5 }], deletes: [{ client: 42, clock: 3, len: 5 }] })).pending).toMatch(/delete/);
    expect(check(server, forgeUpdate({ gc: [{ client: 42, clock: 0, len: 5 }], deletes: [{ client: 42, clock: 2, len: 0 }] })).pending).toMatch(/delete/);
  });

  it('accepts Skip structs over known clocks and refuses the gap they stand for otherwise', () => {
    const server = serverDoc();
    const c = replicaAs(server, 1006);
    const u1 = changeOf(c, (d) => createNote(d, { x: 0, y: 0, text: '1', author }));
    const u2 = changeOf(c, (d) => createNote(d, { x: 0, y: 0, text: '2', author }));
    const u3 = changeOf(c, (d) => createNote(d, { x: 0, y: 0, text: '3', author }));
    const withSkip = Y.mergeUpdates([u1, u3]);
    expect(decodeUpdateStrictly(withSkip).structs.some((s) => s instanceof Y.Skip)).toBe(true);
    expect(check(server, withSkip).pending).toMatch(/gap/);
    Y.applyUpdate(server, u1);
    Y.applyUpdate(server, u2);
    expect(check(server, withSkip)).toEqual({ writers: new Set([1006]), pending: null });
  });

  it('agrees with Yjs: what it accepts leaves nothing pending once applied', () => {
    const server = serverDoc();
    const c = replicaAs(server, 1007);
    const updates = [1, 2, 3].map((i) => changeOf(c, (d) => createNote(d, { x: i, y: 0, text: String(i), author })));
    for (const order of [[0, 1, 2], [1, 0, 2]]) {
      const doc = replicaAs(server, 1);
      for (const i of order) {
        const { pending } = check(doc, updates[i]!);
        const copy = replicaAs(doc, 2);
        Y.applyUpdate(copy, updates[i]!);
        expect(pending === null).toBe(copy.store.pendingStructs === null && copy.store.pendingDs === null);
        if (pending === null) Y.applyUpdate(doc, updates[i]!);
      }
    }
  });
});

describe('decodeUpdateStrictly', () => {
  const sections = (...s: [client: number, clock: number][]): Uint8Array => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, s.length);
    for (const [client, clock] of s) {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint(e, client);
      encoding.writeVarUint(e, clock);
      encoding.writeUint8(e, 0);
      encoding.writeVarUint(e, 1);
    }
    encoding.writeVarUint(e, 0);
    return encoding.toUint8Array(e);
  };

  it('refuses a client written in two sections, which Yjs would apply only in part', () => {
    expect(() => decodeUpdateStrictly(sections([5, 0], [5, 1]))).toThrow(RejectedUpdate);
    expect(() => decodeUpdateStrictly(sections([5, 0], [6, 0], [5, 1]))).toThrow(RejectedUpdate);
    expect(decodeUpdateStrictly(sections([5, 0], [6, 0])).structs).toHaveLength(2);
  });

  it('refuses an empty section and undecodable bytes', () => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 5);
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 0);
    expect(() => decodeUpdateStrictly(encoding.toUint8Array(e))).toThrow(RejectedUpdate);
    expect(() => decodeUpdateStrictly(new Uint8Array([1, 1, 5, 0, 42]))).toThrow(RejectedUpdate);
  });
});

describe('dropPending', () => {
  it('forgets what Yjs holds pending, so no later update can complete it', () => {
    const doc = serverDoc();
    Y.applyUpdate(doc, forgeUpdate({ gc: [{ client: 9, clock: 4, len: 2 }], deletes: [{ client: 9, clock: 0, len: 9 }] }));
    expect(doc.store.pendingStructs).not.toBeNull();
    expect(dropPending(doc)).toBe(true);
    Y.applyUpdate(doc, forgeUpdate({ gc: [{ client: 9, clock: 0, len: 4 }] }));
    expect(Y.getState(doc.store, 9)).toBe(4);
    expect(dropPending(doc)).toBe(false);
  });
});
