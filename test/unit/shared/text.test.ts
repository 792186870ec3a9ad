import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyTextEdit } from '../../../shared/text';

function noteTextIn(doc: Y.Doc, initial = ''): Y.Text {
  const text = doc.getText('note');
  if (initial) text.insert(0, initial);
  return text;
}

/** Two replicas of one note, already in sync. */
function twoReplicas(initial: string): [Y.Text, Y.Text] {
  const a = new Y.Doc();
  const b = new Y.Doc();
  noteTextIn(a, initial);
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  return [a.getText('note'), b.getText('note')];
}

function exchange(a: Y.Text, b: Y.Text): void {
  const docA = a.doc!;
  const docB = b.doc!;
  const toB = Y.encodeStateAsUpdate(docA, Y.encodeStateVector(docB));
  const toA = Y.encodeStateAsUpdate(docB, Y.encodeStateVector(docA));
  Y.applyUpdate(docB, toB);
  Y.applyUpdate(docA, toA);
}

/** The deltas a single edit produces, as peers would observe them. */
function deltasOf(text: Y.Text, next: string): unknown[] {
  const deltas: unknown[] = [];
  const observer = (e: Y.YTextEvent): void => {
    deltas.push(e.delta);
  };
  text.observe(observer);
  applyTextEdit(text, next);
  text.unobserve(observer);
  return deltas;
}

describe('turning a textarea value into a text edit', () => {
  it('ends with exactly the new text', () => {
    const text = noteTextIn(new Y.Doc(), 'The quick brown fox');
    for (const next of ['The quick red fox', 'quick', '', 'fresh start', 'fresh start!', '!fresh start!']) {
      applyTextEdit(text, next);
      expect(text.toString()).toBe(next);
    }
  });

  it('typing in the middle inserts only the typed characters', () => {
    const text = noteTextIn(new Y.Doc(), 'bike lanes');
    expect(deltasOf(text, 'bike and bus lanes')).toEqual([[{ retain: 5 }, { insert: 'and bus ' }]]);
  });

  it('deleting a word removes only that word', () => {
    const text = noteTextIn(new Y.Doc(), 'more green roofs');
    expect(deltasOf(text, 'more roofs')).toEqual([[{ retain: 5 }, { delete: 6 }]]);
  });

  it('replacing a word deletes and inserts at that spot in one change', () => {
    const text = noteTextIn(new Y.Doc(), 'cheap fares');
    expect(deltasOf(text, 'free fares')).toEqual([[{ delete: 5 }, { insert: 'free' }]]);
  });

  it('an unchanged value sends nothing to peers', () => {
    const doc = new Y.Doc();
    const text = noteTextIn(doc, 'same');
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    applyTextEdit(text, 'same');
    expect(updates).toHaveLength(0);
  });

  it('sends a replacement to peers as a single update', () => {
    const doc = new Y.Doc();
    const text = noteTextIn(doc, 'cheap fares');
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    applyTextEdit(text, 'free fares');
    expect(updates).toHaveLength(1);
  });

  it('replacing one emoji with another keeps the new emoji intact', () => {
    // 👍 and 👎 share their first UTF-16 unit, so a naive diff splits the pair.
    const [mine, theirs] = twoReplicas('vote 👍');
    applyTextEdit(mine, 'vote 👎');
    expect(mine.toString()).toBe('vote 👎');
    exchange(mine, theirs);
    expect(theirs.toString()).toBe('vote 👎');
  });

  it('editing text after an emoji leaves the emoji intact', () => {
    const [mine, theirs] = twoReplicas('🚲 lanes');
    applyTextEdit(mine, '🚲 bike lanes');
    exchange(mine, theirs);
    expect(theirs.toString()).toBe('🚲 bike lanes');
  });
});

describe('two people editing the same note', () => {
  it('two people typing in the same note keep both edits', () => {
    const [ada, bo] = twoReplicas('Hello world');
    applyTextEdit(ada, 'Hello big world');
    applyTextEdit(bo, 'Hello world!');
    exchange(ada, bo);
    expect(ada.toString()).toBe('Hello big world!');
    expect(bo.toString()).toBe('Hello big world!');
  });

  it('one deleting a word while the other types elsewhere keeps both changes', () => {
    const [ada, bo] = twoReplicas('more green roofs and trees');
    applyTextEdit(ada, 'more roofs and trees');
    applyTextEdit(bo, 'more green roofs and trees, now');
    exchange(ada, bo);
    expect(ada.toString()).toBe('more roofs and trees, now');
    expect(bo.toString()).toBe(ada.toString());
  });
});
