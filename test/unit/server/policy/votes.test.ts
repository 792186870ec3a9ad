import { describe, expect, it } from 'vitest';
import { createNote } from '../../../../shared/notes';
import { votesOf } from '../../../../shared/schema';
import { setDotsPerPerson, setPhase } from '../../../../shared/session';
import { castDot, retractDot } from '../../../../shared/votes';
import { setVoteSettings } from '../../../../shared/voting';
import { ada, bo, facilitator, outcome, policyBoard } from '../../../helpers/policyBoard';

function openVoting() {
  const b = policyBoard();
  const author = { id: facilitator.participantId!, name: 'Fac', sector: 'public' as const };
  const notes: string[] = [];
  b.setup((d) => {
    for (const text of ['A', 'B', 'C']) notes.push(createNote(d, { x: 0, y: 0, text, author }));
    setPhase(d, 'priorities');
    setVoteSettings(d, { mode: 'open', maxPerItem: 3 });
  });
  return { b, notes };
}
const voter = (a: typeof ada) => ({ id: a.participantId!, sector: 'civil' as const });

describe('the votes policy', () => {
  it('keeps ballots out of the board while voting is secret, even the facilitator’s', () => {
    const { b, notes } = openVoting();
    b.setup((d) => setVoteSettings(d, { mode: 'secret' }));
    expect(outcome(b.send(facilitator, (d) => votesOf(d).set(facilitator.participantId!, { sector: 'public', dots: { [notes[0]!]: 1 }, updatedAt: 1 })))).toBe('phase');
  });

  it('accepts dots placed and removed through the shared operations', () => {
    const { b, notes } = openVoting();
    for (let i = 0; i < 3; i++) expect(outcome(b.send(ada, (d) => castDot(d, voter(ada), notes[0]!)))).toBe('ok');
    expect(outcome(b.send(ada, (d) => castDot(d, voter(ada), notes[1]!)))).toBe('ok');
    expect(outcome(b.send(ada, (d) => retractDot(d, voter(ada), notes[0]!)))).toBe('ok');
  });

  it('refuses open ballots over the per-item maximum or the budget', () => {
    const { b, notes } = openVoting();
    const write = (dots: Record<string, number>) => b.send(ada, (d) => votesOf(d).set(ada.participantId!, { sector: 'civil', dots, updatedAt: 1 }));
    expect(write({ [notes[0]!]: 5 })).toMatchObject({ ok: false, reason: 'limit' });
    expect(write({ [notes[0]!]: 3, [notes[1]!]: 3 })).toMatchObject({ ok: false, reason: 'limit' });
    expect(outcome(write({ [notes[0]!]: 3, [notes[1]!]: 2 }))).toBe('ok');
    expect(write({ [notes[0]!]: 0 })).toMatchObject({ ok: false, reason: 'schema' });
    expect(write({ 'not an id': 1 })).toMatchObject({ ok: false, reason: 'schema' });
  });

  it('lets a ballot shrink after the facilitator lowers the limits', () => {
    const { b, notes } = openVoting();
    for (let i = 0; i < 3; i++) b.send(ada, (d) => castDot(d, voter(ada), notes[0]!));
    b.send(ada, (d) => castDot(d, voter(ada), notes[1]!));
    b.setup((d) => {
      setDotsPerPerson(d, 2);
      setVoteSettings(d, { maxPerItem: 1 });
    });
    expect(outcome(b.send(ada, (d) => votesOf(d).set(ada.participantId!, { sector: 'civil', dots: { [notes[0]!]: 2, [notes[1]!]: 1 }, updatedAt: 2 })))).toBe('ok');
    expect(outcome(b.send(ada, (d) => votesOf(d).set(ada.participantId!, { sector: 'civil', dots: { [notes[0]!]: 2, [notes[1]!]: 1, [notes[2]!]: 1 }, updatedAt: 3 })))).toBe('limit');
  });

  it("refuses someone else's ballot and votes outside Priorities", () => {
    const { b, notes } = openVoting();
    expect(outcome(b.send(ada, (d) => votesOf(d).set(bo.participantId!, { sector: 'civil', dots: { [notes[0]!]: 1 }, updatedAt: 1 })))).toBe('not-yours');
    b.setup((d) => setPhase(d, 'discussion'));
    expect(outcome(b.send(ada, (d) => castDot(d, voter(ada), notes[0]!)))).toBe('phase');
  });
});
