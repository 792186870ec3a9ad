import { describe, expect, it } from 'vitest';
import { createNote } from '../../../../shared/notes';
import { addReaction, reactionKey, reactionsOf, removeReaction, toggleReaction } from '../../../../shared/reactions';
import { setLocked, setPhase } from '../../../../shared/session';
import { ada, bo, facilitator, observer, outcome, policyBoard } from '../../../helpers/policyBoard';

function withNote(limits = {}) {
  const b = policyBoard(limits);
  let note = '';
  b.setup((d) => (note = createNote(d, { x: 0, y: 0, text: 'Ciclabile', author: { id: ada.participantId!, name: 'Ada', sector: 'civil' } })));
  return { b, note };
}

describe('the reactions policy', () => {
  it('lets participants react in any phase and take back their own reactions', () => {
    const { b, note } = withNote();
    const mine = { itemId: note, participantId: ada.participantId!, kind: 'agree' as const, sector: 'civil' as const };
    expect(outcome(b.send(ada, (d) => toggleReaction(d, mine)))).toBe('ok');
    b.setup((d) => setPhase(d, 'priorities'));
    expect(outcome(b.send(ada, (d) => addReaction(d, { ...mine, kind: 'question' })))).toBe('ok');
    expect(outcome(b.send(ada, (d) => toggleReaction(d, mine)))).toBe('ok');
    expect(reactionsOf(b.doc).size).toBe(1);
  });

  it("refuses reactions given as someone else, taking back someone else's, and a sectorless participant", () => {
    const { b, note } = withNote();
    const adas = { itemId: note, participantId: ada.participantId!, kind: 'important' as const, sector: 'civil' as const };
    expect(outcome(b.send(bo, (d) => addReaction(d, adas)))).toBe('not-yours');
    b.send(ada, (d) => addReaction(d, adas));
    expect(outcome(b.send(bo, (d) => removeReaction(d, adas)))).toBe('not-yours');
    expect(outcome(b.send(bo, (d) => reactionsOf(d).set(reactionKey(adas), { sector: 'public', at: 2 })))).toBe('not-yours');
    expect(outcome(b.send(bo, (d) => addReaction(d, { ...adas, participantId: bo.participantId!, sector: null })))).toBe('not-yours');
    expect(outcome(b.send(facilitator, (d) => removeReaction(d, adas)))).toBe('ok');
  });

  it('refuses observers and a locked board', () => {
    const { b, note } = withNote();
    const r = { itemId: note, participantId: ada.participantId!, kind: 'agree' as const, sector: 'civil' as const };
    expect(outcome(b.send(observer, (d) => addReaction(d, r)))).toBe('read-only');
    b.setup((d) => setLocked(d, true));
    expect(outcome(b.send(ada, (d) => addReaction(d, r)))).toBe('locked');
  });

  it('refuses bad keys, bad values, unknown items and the cap', () => {
    const { b, note } = withNote({ maxReactions: 1 });
    const key = (kind: string, item = note) => `${item}:${ada.participantId!}:${kind}`;
    expect(outcome(b.send(ada, (d) => reactionsOf(d).set(key('love'), { sector: 'civil', at: 1 })))).toBe('schema');
    expect(outcome(b.send(ada, (d) => reactionsOf(d).set(key('agree', 'unknown-item'), { sector: 'civil', at: 1 })))).toBe('schema');
    expect(outcome(b.send(ada, (d) => reactionsOf(d).set(key('agree'), { sector: 'civil', at: 1, extra: 1 } as never)))).toBe('schema');
    expect(outcome(b.send(ada, (d) => reactionsOf(d).set(key('agree'), { sector: 'civil', at: 1 })))).toBe('ok');
    expect(outcome(b.send(ada, (d) => reactionsOf(d).set(key('question'), { sector: 'civil', at: 1 })))).toBe('limit');
  });
});
