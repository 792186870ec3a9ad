import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { inspectUpdate, RejectedUpdate, type Touch } from '../../../server/auth/updateInspector';
import { createNote, deleteNote, editNoteText, moveNote } from '../../../shared/notes';
import { initSession, setDotsPerPerson } from '../../../shared/session';
import { castDot } from '../../../shared/votes';

const author = { id: 'author-0004', name: 'G', sector: 'public' as const };

/** A server doc and a client replica in sync. `inspect` reports what the
 * client's next change touches, then lets the server apply it. */
function setup(): { server: Y.Doc; client: Y.Doc; nextUpdate: (change: (d: Y.Doc) => void) => Uint8Array; inspect: (change: (d: Y.Doc) => void) => string[] } {
  const server = new Y.Doc();
  initSession(server, { title: 'T' });
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return {
    server,
    client,
    nextUpdate(change) {
      const sv = Y.encodeStateVector(server);
      change(client);
      return Y.encodeStateAsUpdate(client, sv);
    },
    inspect(change) {
      const sv = Y.encodeStateVector(server);
      change(client);
      const u = Y.encodeStateAsUpdate(client, sv);
      const touches = where(inspectUpdate(server, u));
      Y.applyUpdate(server, u);
      return touches;
    },
  };
}

const where = (touches: Touch[]): string[] =>
  touches.map((t) => (t.op === 'void' ? 'void' : `${t.op} ${t.root}/${t.path.join('/')}`)).sort();

describe('inspectUpdate', () => {
  it('locates every field of a new note under its id', () => {
    const { server, nextUpdate } = setup();
    let id = '';
    const u = nextUpdate((d) => (id = createNote(d, { x: 1, y: 2, text: 'hi', author })));
    const touches = where(inspectUpdate(server, u));
    expect(touches).toContain(`insert notes/${id}`);
    expect(touches).toContain(`insert notes/${id}/authorId`);
    expect(touches).toContain(`insert notes/${id}/text`);
    expect(touches.every((t) => t.includes(`notes/${id}`))).toBe(true);
  });

  it('resolves later edits whose parent is only implied by a neighbour in the document', () => {
    const { inspect } = setup();
    let id = '';
    inspect((d) => (id = createNote(d, { x: 1, y: 2, text: 'hello', author })));
    expect(inspect((d) => moveNote(d, id, 50, 60))).toEqual([
      `delete notes/${id}/x`,
      `delete notes/${id}/y`,
      `insert notes/${id}/x`,
      `insert notes/${id}/y`,
    ]);
    expect(inspect((d) => editNoteText(d, id, 'hello world'))).toEqual([`insert notes/${id}/text`]);
    const cut = inspect((d) => editNoteText(d, id, 'world'));
    expect(cut.length).toBeGreaterThan(0);
    expect(cut.every((t) => t === `delete notes/${id}/text`)).toBe(true);
  });

  it('reports the values written, for schema and identity checks', () => {
    const { server, nextUpdate } = setup();
    const u = nextUpdate((d) => createNote(d, { x: 1, y: 2, text: 'hi', author }));
    const authorTouch = inspectUpdate(server, u).find((t) => t.op === 'insert' && t.path[1] === 'authorId');
    expect(authorTouch).toMatchObject({ content: 'value', values: ['author-0004'] });
  });

  it('sees deletes of whole notes and changes to the session and votes', () => {
    const { inspect } = setup();
    let id = '';
    inspect((d) => (id = createNote(d, { x: 1, y: 2, text: 'x', author })));
    // Deleting a map deletes its entries too; all of it is under the note.
    const removal = inspect((d) => deleteNote(d, id));
    expect(removal).toContain(`delete notes/${id}`);
    expect(removal.every((t) => t.startsWith(`delete notes/${id}`))).toBe(true);
    expect(inspect((d) => setDotsPerPerson(d, 9))).toEqual([
      'delete session/dotsPerPerson',
      'insert session/dotsPerPerson',
    ]);
  });

  it('follows a ballot to its participant key', () => {
    const { inspect } = setup();
    let id = '';
    inspect((d) => (id = createNote(d, { x: 1, y: 2, text: 'x', author })));
    expect(inspect((d) => castDot(d, { id: 'voter-0001', sector: 'civil' }, id))).toEqual(['insert votes/voter-0001']);
  });

  it('names unexpected roots, so the schema check can refuse them', () => {
    const { server, nextUpdate } = setup();
    const u = nextUpdate((d) => d.getMap('evil').set('x', 1));
    expect(where(inspectUpdate(server, u))).toEqual(['insert evil/x']);
  });

  it('refuses undecodable updates', () => {
    const { server } = setup();
    expect(() => inspectUpdate(server, new Uint8Array([1, 2, 3]))).toThrow(RejectedUpdate);
  });
});

describe('inspectUpdate on replays and gaps', () => {
  it('ignores structs the document already has', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    createNote(client, { x: 1, y: 2, text: 'x', author });
    const u = Y.encodeStateAsUpdate(client);
    Y.applyUpdate(server, u);
    expect(inspectUpdate(server, u)).toEqual([]);
  });

  it('refuses an update that builds on changes the server never accepted', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    let id = '';
    createNote(client, { x: 1, y: 2, text: 'x', author });
    const sv = Y.encodeStateVector(client);
    client.transact(() => {
      id = [...client.getMap('notes').keys()][0]!;
    });
    moveNote(client, id, 9, 9);
    // The server never saw the note; the move alone refers to it.
    const moveOnly = Y.encodeStateAsUpdate(client, sv);
    expect(() => inspectUpdate(server, moveOnly)).toThrow(RejectedUpdate);
  });
});

describe('inspectUpdate on what Yjs does implicitly', () => {
  it('reports the value a concurrent write to a map key replaces, even without a delete set', () => {
    const { server, client, inspect } = setup();
    const before = new Y.Doc();
    Y.applyUpdate(before, Y.encodeStateAsUpdate(server));
    before.clientID = 0xfffffff0; // wins the key against any lower client id
    let id = '';
    inspect((d) => (id = createNote(d, { x: 1, y: 2, text: 'original', author })));
    expect(client.clientID).toBeLessThan(before.clientID);
    const sv = Y.encodeStateVector(before);
    createNote(before, { id, x: 5, y: 5, text: 'replacement', author: { ...author, id: 'other-00001' } });
    const forged = Y.encodeStateAsUpdate(before, sv);
    expect(where(inspectUpdate(server, forged))).toContain(`delete notes/${id}`);
  });

  it('sees nothing deleted when a note written and deleted offline arrives already deleted', () => {
    const { inspect } = setup();
    const touches = inspect((d) => {
      const id = createNote(d, { x: 1, y: 2, text: 'second thoughts', author });
      deleteNote(d, id);
    });
    expect(touches).toHaveLength(1);
    expect(touches[0]).toMatch(/^insert notes\//);
  });
});
