import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FullStateCache } from '../../../server/rooms/fullStateCache';
import { decodeMessage } from '../../../shared/protocol';

/** A doc whose updates the cache hears, as the room wires it. */
function watchedDoc(cache: FullStateCache): Y.Doc {
  const doc = new Y.Doc();
  doc.on('update', (u: Uint8Array, _origin: unknown, _doc: Y.Doc, tr: Y.Transaction) => cache.changed(u, tr));
  return doc;
}

const replay = (frames: Uint8Array[]): Y.Doc => {
  const doc = new Y.Doc();
  for (const f of frames) {
    const m = decodeMessage(f);
    if (m.kind !== 'sync-step2' && m.kind !== 'update') throw new Error(`unexpected ${m.kind}`);
    Y.applyUpdate(doc, m.update);
  }
  return doc;
};

describe('FullStateCache', () => {
  it('gives every joiner the same full frame, then the changes since as one frame', () => {
    const cache = new FullStateCache();
    const doc = watchedDoc(cache);
    doc.getMap('m').set('a', 1);
    const first = cache.framesFor(doc);
    expect(first).toHaveLength(1);
    doc.getMap('m').set('b', 2);
    doc.getMap('m').set('c', 3);
    const second = cache.framesFor(doc);
    expect(second[0]).toBe(first[0]);
    expect(second).toHaveLength(2);
    expect(cache.framesFor(doc)[1]).toBe(second[1]);
    expect(replay(second).getMap('m').toJSON()).toEqual({ a: 1, b: 2, c: 3 });
  });

  it('encodes the board again once the changes since outgrow a share of it', () => {
    const cache = new FullStateCache();
    const doc = watchedDoc(cache);
    doc.getMap('m').set('a', 1);
    const first = cache.framesFor(doc);
    doc.getMap('m').set('big', 'x'.repeat(70 * 1024));
    const next = cache.framesFor(doc);
    expect(next).toHaveLength(1);
    expect(next[0]).not.toBe(first[0]);
    expect(replay(next).getMap('m').get('big')).toHaveLength(70 * 1024);
  });

  it('never sends a later joiner what was deleted since it was encoded', () => {
    const cache = new FullStateCache();
    const doc = watchedDoc(cache);
    const text = doc.getText('t');
    text.insert(0, 'kept ');
    cache.framesFor(doc);
    text.insert(5, 'secret');
    cache.framesFor(doc);
    text.delete(5, 6);
    const frames = cache.framesFor(doc);
    expect(replay(frames).getText('t').toString()).toBe('kept ');
    const sent = Buffer.concat(frames).toString('latin1');
    expect(sent).not.toContain('secret');
  });

  it('keeps nothing across a reset', () => {
    const cache = new FullStateCache();
    const doc = watchedDoc(cache);
    doc.getMap('m').set('a', 1);
    const first = cache.framesFor(doc);
    cache.reset();
    expect(cache.framesFor(doc)[0]).not.toBe(first[0]);
  });
});
