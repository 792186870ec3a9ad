import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createNote, deleteNote, editNoteText, type Author } from '../../../shared/notes';
import { createScenario, deleteScenario } from '../../../shared/scenarios';
import { readBallot, votesOf } from '../../../shared/schema';
import { initSession, setDotsPerPerson } from '../../../shared/session';
import { castDot, dotsOn, getBallot, remainingDots, retractDot, tally, usedDots, type Voter } from '../../../shared/votes';
import { countedBallots, openRoundResult, setVoteSettings } from '../../../shared/voting';

const ada: Voter = { id: 'participant-ada', sector: 'public' };
const bo: Voter = { id: 'participant-bo', sector: 'private' };
const cy: Voter = { id: 'participant-cy', sector: 'civil' };
const author: Author = { id: 'participant-ada', name: 'Ada', sector: 'public' };

function boardWithNotes(dotsPerPerson: number, ...texts: string[]): { doc: Y.Doc; ids: string[] } {
  const doc = new Y.Doc();
  initSession(doc, { title: 'Workshop', dotsPerPerson });
  const ids = texts.map((text, i) => createNote(doc, { id: `note-${String(i).padStart(4, '0')}`, x: i * 300, y: 5000, text, author }));
  return { doc, ids };
}

const sync = (a: Y.Doc, b: Y.Doc): void => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
};

describe('placing dots', () => {
  it('a participant can place dots up to the budget and sees what is left', () => {
    const { doc, ids } = boardWithNotes(3, 'a', 'b');
    const [a, b] = ids as [string, string];
    expect(remainingDots(doc, ada.id)).toBe(3);
    expect(castDot(doc, ada, a)).toEqual({ ok: true, remaining: 2 });
    expect(castDot(doc, ada, b)).toEqual({ ok: true, remaining: 1 });
    expect(castDot(doc, ada, a)).toEqual({ ok: true, remaining: 0 });
    expect(dotsOn(doc, ada.id, a)).toBe(2);
    expect(usedDots(doc, ada.id)).toBe(3);
  });

  it('a participant cannot place more dots than the budget', () => {
    const { doc, ids } = boardWithNotes(2, 'a');
    const [a] = ids as [string];
    castDot(doc, ada, a);
    castDot(doc, ada, a);
    expect(castDot(doc, ada, a)).toEqual({ ok: false, reason: 'no-dots-left' });
    expect(dotsOn(doc, ada.id, a)).toBe(2);
  });

  it('each participant has their own budget', () => {
    const { doc, ids } = boardWithNotes(1, 'a');
    const [a] = ids as [string];
    expect(castDot(doc, ada, a).ok).toBe(true);
    expect(castDot(doc, bo, a).ok).toBe(true);
    expect(remainingDots(doc, ada.id)).toBe(0);
    expect(remainingDots(doc, cy.id)).toBe(1);
  });

  it('scenarios can be voted on as well as notes', () => {
    const doc = new Y.Doc();
    const frame = createScenario(doc, { name: 'Energy', x: 0, y: 0 });
    expect(castDot(doc, ada, frame).ok).toBe(true);
    expect(tally(doc)).toMatchObject([{ id: frame, kind: 'scenario', label: 'Energy', dots: 1 }]);
  });

  it('refuses a dot on an item that does not exist', () => {
    const { doc } = boardWithNotes(3);
    expect(castDot(doc, ada, 'no-such-note')).toEqual({ ok: false, reason: 'unknown-item' });
    expect(getBallot(doc, ada.id)).toBeNull();
  });

  it('a board without session settings gives everyone the default five dots', () => {
    const doc = new Y.Doc();
    expect(remainingDots(doc, ada.id)).toBe(5);
  });

  it('a budget of zero closes voting', () => {
    const { doc, ids } = boardWithNotes(0, 'a');
    expect(castDot(doc, ada, ids[0]!)).toEqual({ ok: false, reason: 'no-dots-left' });
  });
});

describe('taking dots back', () => {
  it('retracting a dot returns it to the budget', () => {
    const { doc, ids } = boardWithNotes(2, 'a');
    const [a] = ids as [string];
    castDot(doc, ada, a);
    castDot(doc, ada, a);
    expect(retractDot(doc, ada, a)).toEqual({ ok: true, remaining: 1 });
    expect(dotsOn(doc, ada.id, a)).toBe(1);
  });

  it('cannot take back a dot that was never placed', () => {
    const { doc, ids } = boardWithNotes(2, 'a', 'b');
    castDot(doc, ada, ids[0]!);
    expect(retractDot(doc, ada, ids[1]!)).toEqual({ ok: false, reason: 'no-dot-here' });
    expect(retractDot(doc, bo, ids[0]!)).toEqual({ ok: false, reason: 'no-dot-here' });
  });

  it('the last dot retracted leaves nothing on the item', () => {
    const { doc, ids } = boardWithNotes(2, 'a');
    castDot(doc, ada, ids[0]!);
    retractDot(doc, ada, ids[0]!);
    expect(getBallot(doc, ada.id)?.dots).toEqual({});
    expect(tally(doc)).toEqual([]);
  });
});

describe('deleted items', () => {
  it('dots on a deleted note return to the budget', () => {
    const { doc, ids } = boardWithNotes(3, 'a', 'b');
    const [a, b] = ids as [string, string];
    castDot(doc, ada, a);
    castDot(doc, ada, a);
    castDot(doc, ada, b);
    expect(remainingDots(doc, ada.id)).toBe(0);
    deleteNote(doc, a);
    expect(remainingDots(doc, ada.id)).toBe(2);
    expect(castDot(doc, ada, b)).toEqual({ ok: true, remaining: 1 });
  });

  it('dots on a deleted scenario return to the budget', () => {
    const doc = new Y.Doc();
    initSession(doc, { title: 'W', dotsPerPerson: 1 });
    const frame = createScenario(doc, { name: 'Energy', x: 0, y: 0 });
    castDot(doc, ada, frame);
    deleteScenario(doc, frame);
    expect(remainingDots(doc, ada.id)).toBe(1);
  });

  it('dots on a deleted note do not count in the results', () => {
    const { doc, ids } = boardWithNotes(3, 'a', 'b');
    const [a, b] = ids as [string, string];
    castDot(doc, ada, a);
    castDot(doc, bo, b);
    deleteNote(doc, a);
    expect(tally(doc).map((r) => r.id)).toEqual([b]);
  });

  it('the next change to a ballot forgets dots on deleted items', () => {
    const { doc, ids } = boardWithNotes(3, 'a', 'b');
    const [a, b] = ids as [string, string];
    castDot(doc, ada, a);
    deleteNote(doc, a);
    castDot(doc, ada, b);
    expect(getBallot(doc, ada.id)?.dots).toEqual({ [b]: 1 });
  });
});

describe('budget changes', () => {
  it('lowering the budget below what someone used leaves them none, never a negative count', () => {
    const { doc, ids } = boardWithNotes(4, 'a');
    for (let i = 0; i < 4; i++) castDot(doc, ada, ids[0]!);
    setDotsPerPerson(doc, 2);
    expect(remainingDots(doc, ada.id)).toBe(0);
    expect(castDot(doc, ada, ids[0]!)).toEqual({ ok: false, reason: 'no-dots-left' });
  });

  it('a ballot cast under a larger budget counts only up to the current one', () => {
    const { doc, ids } = boardWithNotes(4, 'a');
    for (let i = 0; i < 4; i++) castDot(doc, ada, ids[0]!);
    setDotsPerPerson(doc, 2);
    expect(tally(doc)[0]?.dots).toBe(2);
  });

  it('a participant\u2019s two devices voting at once never exceed the budget', () => {
    const { doc: phone, ids } = boardWithNotes(2, 'a', 'b');
    const laptop = new Y.Doc();
    sync(phone, laptop);
    castDot(phone, ada, ids[0]!);
    castDot(phone, ada, ids[0]!);
    castDot(laptop, ada, ids[1]!);
    castDot(laptop, ada, ids[1]!);
    sync(phone, laptop);
    expect(usedDots(phone, ada.id)).toBe(2);
    expect(usedDots(laptop, ada.id)).toBe(2);
    expect(tally(phone)).toEqual(tally(laptop));
    expect(tally(phone).reduce((sum, r) => sum + r.dots, 0)).toBe(2);
  });
});

describe('results', () => {
  it('ranks items by dots, most first, and leaves out items without dots', () => {
    const { doc, ids } = boardWithNotes(5, 'few', 'many', 'none');
    const [few, many] = ids as [string, string];
    castDot(doc, ada, few);
    castDot(doc, ada, many);
    castDot(doc, bo, many);
    castDot(doc, cy, many);
    expect(tally(doc).map((r) => [r.id, r.dots, r.rank])).toEqual([
      [many, 3, 1],
      [few, 1, 2],
    ]);
  });

  it('ties share a rank, and the next rank skips the tied places', () => {
    const { doc, ids } = boardWithNotes(5, 'alpha', 'beta', 'gamma');
    const [alpha, beta, gamma] = ids as [string, string, string];
    castDot(doc, ada, alpha);
    castDot(doc, ada, alpha);
    castDot(doc, bo, beta);
    castDot(doc, bo, beta);
    castDot(doc, cy, gamma);
    expect(tally(doc).map((r) => [r.label, r.rank])).toEqual([
      ['alpha', 1],
      ['beta', 1],
      ['gamma', 3],
    ]);
  });

  it('lists tied items alphabetically by label', () => {
    const { doc, ids } = boardWithNotes(5, 'zebra crossings', 'Bike lanes');
    castDot(doc, ada, ids[0]!);
    castDot(doc, bo, ids[1]!);
    expect(tally(doc).map((r) => r.label)).toEqual(['Bike lanes', 'zebra crossings']);
  });

  it('counts voters and splits dots by the voter\u2019s sector', () => {
    const { doc, ids } = boardWithNotes(5, 'a');
    const [a] = ids as [string];
    castDot(doc, ada, a);
    castDot(doc, ada, a);
    castDot(doc, bo, a);
    castDot(doc, cy, a);
    expect(tally(doc)[0]).toMatchObject({
      dots: 4,
      voters: 3,
      bySector: { public: 2, private: 1, civil: 1, other: 0 },
    });
  });

  it('labels a note by the first line of its current text', () => {
    const { doc, ids } = boardWithNotes(5, 'old');
    editNoteText(doc, ids[0]!, '  Car-free centre  \nwith details below');
    castDot(doc, ada, ids[0]!);
    expect(tally(doc)[0]).toMatchObject({ kind: 'note', label: 'Car-free centre' });
  });

  it('a ballot over the budget counts only up to the budget', () => {
    const { doc, ids } = boardWithNotes(3, 'a', 'b');
    const [a, b] = ids as [string, string];
    // Written directly, as a forged or buggy client could.
    votesOf(doc).set(ada.id, { sector: 'public', dots: { [a]: 2, [b]: 2 }, updatedAt: 0 });
    const rows = tally(doc);
    expect(rows.reduce((sum, r) => sum + r.dots, 0)).toBe(3);
    expect(rows.find((r) => r.id === a)?.dots).toBe(2);
    expect(rows.find((r) => r.id === b)?.dots).toBe(1);
    expect(remainingDots(doc, ada.id)).toBe(0);
  });

  it('dots on deleted items do not use up a ballot\u2019s budget in the results', () => {
    const { doc, ids } = boardWithNotes(2, 'a', 'b');
    const [a, b] = ids as [string, string];
    votesOf(doc).set(ada.id, { sector: 'public', dots: { 'deleted-item-0': 2, [a]: 1, [b]: 1 }, updatedAt: 0 });
    expect(tally(doc).reduce((sum, r) => sum + r.dots, 0)).toBe(2);
  });

  it('ignores malformed ballots and dot counts that are not positive whole numbers', () => {
    const { doc, ids } = boardWithNotes(5, 'a');
    const [a] = ids as [string];
    votesOf(doc).set('forger-1', { sector: 'aliens', dots: { [a]: 5 }, updatedAt: 0 } as never);
    votesOf(doc).set('forger-2', 'five dots please' as never);
    votesOf(doc).set('forger-3', { sector: 'civil', dots: { [a]: -3 }, updatedAt: 0 });
    votesOf(doc).set('forger-4', { sector: 'civil', dots: { [a]: 1.5 }, updatedAt: 0 });
    expect(tally(doc)).toEqual([]);
    expect(readBallot(votesOf(doc).get('forger-3'))).toEqual({ sector: 'civil', dots: {}, updatedAt: 0 });
  });

  it('counts a ballot over the per-item maximum the same on the card, in the results and in participation', () => {
    const { doc, ids } = boardWithNotes(5, 'a', 'b');
    const [a, b] = ids as [string, string];
    setVoteSettings(doc, { mode: 'open', maxPerItem: 3 });
    // Written before the server enforced the maximum, or by a foreign client.
    votesOf(doc).set(ada.id, { sector: 'public', dots: { [a]: 5, [b]: 1 }, updatedAt: 0 });
    const card = tally(doc).find((r) => r.id === a)?.dots;
    const results = openRoundResult(doc)?.items.find((i) => i.id === a)?.dots;
    const participation = countedBallots(doc).find((x) => x.participantId === ada.id)!.dots;
    expect([card, results, participation[a], dotsOn(doc, ada.id, a)]).toEqual([3, 3, 3, 3]);
    expect(usedDots(doc, ada.id)).toBe(4);
    expect(remainingDots(doc, ada.id)).toBe(1);
    // Removing a dot starts from what counts, so the card visibly changes.
    expect(retractDot(doc, ada, a)).toEqual({ ok: true, remaining: 2 });
    expect(getBallot(doc, ada.id)?.dots).toEqual({ [a]: 2, [b]: 1 });
  });
});
