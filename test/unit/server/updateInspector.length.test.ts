import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { inspectUpdate, type Touch } from '../../../server/auth/updateInspector';
import { createNote, noteText } from '../../../shared/notes';

const author = { id: 'author-0004', name: 'G', sector: 'public' as const };

/** What a client's change inserts and deletes in text, as the inspector reports it. */
function textTouches(server: Y.Doc, change: (client: Y.Doc) => void): { inserted: number; deleted: number } {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const sv = Y.encodeStateVector(server);
  change(client);
  const update = Y.encodeStateAsUpdate(client, sv);
  const touches: Touch[] = inspectUpdate(server, update);
  Y.applyUpdate(server, update);
  let inserted = 0;
  let deleted = 0;
  for (const t of touches) {
    if (t.op === 'insert' && t.content === 'string') inserted += t.length;
    if (t.op === 'delete') deleted += t.length;
  }
  return { inserted, deleted };
}

describe('inspectUpdate, on text', () => {
  it('reports how much text an update inserts and deletes', () => {
    const server = new Y.Doc();
    let id = '';
    expect(textTouches(server, (d) => (id = createNote(d, { x: 0, y: 0, text: 'hello world', author })))).toEqual({ inserted: 11, deleted: 0 });
    expect(textTouches(server, (d) => noteText(d, id)!.delete(2, 5))).toEqual({ inserted: 0, deleted: 5 });
    expect(textTouches(server, (d) => d.transact(() => (noteText(d, id)!.insert(0, 'ab'), noteText(d, id)!.delete(3, 2))))).toEqual({ inserted: 2, deleted: 2 });
    expect(noteText(server, id)!.toString()).toBe('abhrld');
  });

  it('counts text inserted and deleted within the same update as nothing', () => {
    const server = new Y.Doc();
    let id = '';
    textTouches(server, (d) => (id = createNote(d, { x: 0, y: 0, text: 'x', author })));
    const { inserted, deleted } = textTouches(server, (d) => d.transact(() => (noteText(d, id)!.insert(0, 'temporary'), noteText(d, id)!.delete(0, 9))));
    expect(inserted - deleted).toBe(0);
    expect(noteText(server, id)!.length).toBe(1);
  });
});
