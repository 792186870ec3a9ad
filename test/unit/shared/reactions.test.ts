import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createNote } from '../../../shared/notes';
import { addReaction, listReactions, parseReactionKey, reactionKey, reactionsFor, reactionsOf, removeReaction, toggleReaction } from '../../../shared/reactions';

const ada = { id: 'participant-ada', name: 'Ada', sector: 'civil' as const };

function board() {
  const doc = new Y.Doc();
  const note = createNote(doc, { x: 0, y: 0, text: 'Ciclabile', author: ada, now: 1 });
  return { doc, note };
}

describe('reactions', () => {
  it('round-trips a key', () => {
    const k = { itemId: 'note-000001', participantId: 'participant-ada', kind: 'important' as const };
    expect(parseReactionKey(reactionKey(k))).toEqual(k);
    expect(parseReactionKey('note-000001:participant-ada:love')).toBeNull();
    expect(parseReactionKey('a:b:agree')).toBeNull();
  });

  it('keeps one reaction of each kind per person and item, and counts per sector', () => {
    const { doc, note } = board();
    expect(addReaction(doc, { itemId: note, participantId: 'participant-ada', kind: 'agree', sector: 'civil' })).toBe(true);
    addReaction(doc, { itemId: note, participantId: 'participant-ada', kind: 'agree', sector: 'civil' });
    addReaction(doc, { itemId: note, participantId: 'participant-bo0', kind: 'agree', sector: 'public' });
    addReaction(doc, { itemId: note, participantId: 'participant-ada', kind: 'question', sector: 'civil' });
    addReaction(doc, { itemId: note, participantId: 'facilitator-01', kind: 'agree', sector: null });
    expect(reactionsOf(doc).size).toBe(4);
    const s = reactionsFor(doc, note, 'participant-ada');
    expect(s.agree).toEqual({ total: 3, bySector: { public: 1, private: 0, civil: 1, other: 0 }, mine: true });
    expect(s.question.total).toBe(1);
    expect(s.important).toEqual({ total: 0, bySector: { public: 0, private: 0, civil: 0, other: 0 }, mine: false });
    expect(reactionsFor(doc, note, 'participant-bo0').question.mine).toBe(false);
  });

  it('toggles, removes, and refuses unknown items', () => {
    const { doc, note } = board();
    const k = { itemId: note, participantId: 'participant-ada', kind: 'important' as const, sector: 'civil' as const };
    expect(toggleReaction(doc, k)).toBe(true);
    expect(toggleReaction(doc, k)).toBe(false);
    expect(removeReaction(doc, k)).toBe(false);
    expect(addReaction(doc, { ...k, itemId: 'unknown-item' })).toBe(false);
    reactionsOf(doc).set('garbage', { sector: 'civil', at: 1 });
    reactionsOf(doc).set(reactionKey(k), { sector: 'nope', at: 1 } as never);
    expect(listReactions(doc)).toEqual([]);
  });
});
