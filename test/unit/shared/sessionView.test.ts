import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readSession, sessionOf } from '../../../shared/schema';
import { setLocked, setPhase, setTitle } from '../../../shared/session';

describe('readSession', () => {
  it('reads the session anew only when an entry changed, inside a transaction too', () => {
    const doc = new Y.Doc();
    setTitle(doc, 'Contratto di fiume');
    const first = readSession(doc);
    expect(readSession(doc)).toBe(first);

    // A change is seen by the very next read, before the transaction's observers run:
    // the server checks each update of a batch against the state the previous ones left.
    doc.transact(() => {
      setPhase(doc, 'priorities');
      expect(readSession(doc).phase).toBe('priorities');
      setLocked(doc, true);
      expect(readSession(doc).locked).toBe(true);
    });
    expect(readSession(doc)).toMatchObject({ title: 'Contratto di fiume', phase: 'priorities', locked: true });

    // A key deleted, and a change that arrives from another device.
    const before = readSession(doc);
    sessionOf(doc).delete('locked');
    expect(readSession(doc).locked).toBe(false);
    expect(readSession(doc)).not.toBe(before);
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    setTitle(remote, 'Alleanza per la famiglia');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)));
    expect(readSession(doc).title).toBe('Alleanza per la famiglia');
  });

  it('agrees with a fresh read after concurrent writes to the same key', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    setTitle(a, 'A');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readSession(a).title).toBe('A');
    expect(readSession(b).title).toBe('A');
    setTitle(a, 'from a');
    setTitle(b, 'from b');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readSession(a).title).toBe(readSession(b).title);
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(a));
    expect(readSession(fresh)).toEqual(readSession(a));
  });

  it('is shared by every reader, so it cannot be changed by one of them', () => {
    const doc = new Y.Doc();
    const view = readSession(doc);
    expect(Object.isFrozen(view)).toBe(true);
    expect(Object.isFrozen(view.prompts)).toBe(true);
    expect(Object.isFrozen(view.timer)).toBe(true);
    expect(() => {
      (view as { phase: string }).phase = 'priorities';
    }).toThrow(TypeError);
  });
});
