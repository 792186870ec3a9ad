import { describe, expect, it } from 'vitest';
import { countedDots, figuresShown, keepsBallotRules, scoreRound, type RoundBallot } from '../../../shared/scoring';

const items = [
  { id: 'item-A', kind: 'note' as const, label: 'A' },
  { id: 'item-B', kind: 'note' as const, label: 'B' },
  { id: 'item-C', kind: 'scenario' as const, label: 'C' },
];

// The README's worked example: 2 public voters, 1 private, 3 civil society, 5 dots each.
const example: RoundBallot[] = [
  { participantId: 'P1', sector: 'public', dots: { 'item-A': 3, 'item-B': 2 } },
  { participantId: 'P2', sector: 'public', dots: { 'item-A': 2, 'item-C': 3 } },
  { participantId: 'Q1', sector: 'private', dots: { 'item-B': 5 } },
  { participantId: 'C1', sector: 'civil', dots: { 'item-A': 2, 'item-B': 3 } },
  { participantId: 'C2', sector: 'civil', dots: { 'item-B': 5 } },
  { participantId: 'C3', sector: 'civil', dots: { 'item-A': 1, 'item-B': 1, 'item-C': 3 } },
];

const byId = (r: ReturnType<typeof scoreRound>, id: string) => r.items.find((i) => i.id === id)!;

describe('scoring a round', () => {
  // k = 1 hides nothing, so every figure of the worked example is published.
  const r = scoreRound(1, example, items, 1);

  it('counts raw dots, voters and dots cast', () => {
    expect(r.voters).toBe(6);
    expect(r.dotsCast).toBe(30);
    expect(r.votersBySector).toEqual({ public: 2, private: 1, civil: 3, other: 0 });
    expect(r.sectorsVoting).toEqual(['public', 'private', 'civil']);
    expect([byId(r, 'item-A').dots, byId(r, 'item-B').dots, byId(r, 'item-C').dots]).toEqual([8, 16, 6]);
    expect(byId(r, 'item-B').voters).toBe(5);
  });

  it('scores bridging as the least share over the sectors that voted', () => {
    // B: public 2/10, private 5/5, civil 9/15 → min 0.2. A and C got nothing from private.
    expect(byId(r, 'item-B').bridging).toBe(0.2);
    expect(byId(r, 'item-A').bridging).toBe(0);
    expect(byId(r, 'item-C').bridging).toBe(0);
  });

  it('flags divergence where sectors disagree strongly', () => {
    expect(byId(r, 'item-B').divergence).toBe(0.8);
    expect(byId(r, 'item-B').divergent).toBe(true);
    expect(byId(r, 'item-C').divergence).toBe(0.3);
  });

  it('balances sectors to equal weight while keeping the total', () => {
    // Each sector weighs 30 / 3 = 10 dots: A = (0.5 + 0 + 0.2) × 10.
    expect(byId(r, 'item-A').balancedDots).toBe(7);
    expect(byId(r, 'item-B').balancedDots).toBe(18);
    expect(byId(r, 'item-C').balancedDots).toBe(5);
  });

  it('ranks by dots and, separately, by bridging with balanced dots breaking ties', () => {
    expect(r.items.map((i) => [i.id, i.rank, i.bridgingRank])).toEqual([
      ['item-B', 1, 1],
      ['item-A', 2, 2],
      ['item-C', 3, 3],
    ]);
  });

  it('hides a sector breakdown with fewer than k voters, but counts them in totals', () => {
    const b = byId(scoreRound(1, example, items, 3), 'item-B');
    expect(b.bySector.civil).toEqual({ dots: 9, voters: 3, share: 0.6 });
    expect(b.bySector.public).toBeNull();
    expect(b.bySector.private).toBeNull();
    expect(b.hiddenDots).toBe(7);
    expect(b.dots).toBe(16);
  });

  it('never leaves a single hidden sector that subtraction would reveal', () => {
    const ballots: RoundBallot[] = [
      { participantId: 'a', sector: 'public', dots: { 'item-A': 1 } },
      { participantId: 'b', sector: 'public', dots: { 'item-A': 1 } },
      { participantId: 'c', sector: 'public', dots: { 'item-A': 1 } },
      { participantId: 'd', sector: 'private', dots: { 'item-A': 2 } },
      { participantId: 'e', sector: 'civil', dots: { 'item-A': 1 } },
      { participantId: 'f', sector: 'civil', dots: { 'item-A': 1 } },
      { participantId: 'g', sector: 'civil', dots: { 'item-A': 1 } },
      { participantId: 'h', sector: 'civil', dots: { 'item-A': 1 } },
    ];
    const a = byId(scoreRound(1, ballots, items, 3), 'item-A');
    // private (1 voter) is hidden; public (3) is the smaller shown sector and is hidden with it.
    expect(a.bySector.private).toBeNull();
    expect(a.bySector.public).toBeNull();
    expect(a.bySector.civil).toMatchObject({ dots: 4, voters: 4 });
    expect(a.hiddenDots).toBe(5);
  });

  it('says nothing of which sector backed an item only one small sector voted for', () => {
    const a = byId(scoreRound(1, [{ participantId: 'x', sector: 'other', dots: { 'item-A': 2 } }], items, 3), 'item-A');
    expect(Object.values(a.bySector).every((c) => c === null)).toBe(true);
    expect(a.dots).toBe(2);
  });

  it('shows every breakdown when k is 1', () => {
    const b = byId(scoreRound(1, example, items, 1), 'item-B');
    expect(b.bySector.public).toEqual({ dots: 2, voters: 1, share: 0.2 });
    expect(b.hiddenDots).toBe(0);
  });

  it('ignores dots on items that no longer exist', () => {
    const res = scoreRound(1, [{ participantId: 'x', sector: 'public', dots: { gone: 3, 'item-A': 1 } }], items, 1);
    expect(res.dotsCast).toBe(1);
    expect(res.items.map((i) => i.id)).toEqual(['item-A']);
  });

  it('counts voters in the room and remote, without saying who', () => {
    const res = scoreRound(
      1,
      [
        { participantId: 'a', sector: 'public', where: 'room', dots: { 'item-A': 1 } },
        { participantId: 'b', sector: 'civil', where: 'remote', dots: { 'item-A': 2 } },
        { participantId: 'c', sector: 'civil', where: 'room', dots: { 'item-B': 1 } },
        { participantId: 'd', sector: 'other', dots: { 'item-C': 1 } },
      ],
      items,
    );
    expect(res.votersByWhere).toEqual({ room: 2, remote: 1, unknown: 1 });
  });

  it('counts a ballot within the budget and the per-item maximum, on live items only', () => {
    const all = { budget: 5, maxPerItem: 3, exists: () => true };
    expect(countedDots({ 'item-A': 9, 'item-B': 2, 'item-C': 4 }, all)).toEqual({ 'item-A': 3, 'item-B': 2 });
    expect(countedDots({ 'item-A': 2, 'item-B': 2, 'item-C': 1 }, { ...all, exists: (id) => id !== 'item-A' })).toEqual({ 'item-B': 2, 'item-C': 1 });
    expect(countedDots({ 'item-A': -1, 'item-B': 1.5, 'item-C': 1 }, all)).toEqual({ 'item-C': 1 });
  });

  it('keeps ballots within the rules, and always lets dots be removed', () => {
    const rules = { budget: 5, maxPerItem: 3 };
    expect(keepsBallotRules({ 'item-A': 3, 'item-B': 2 }, {}, rules)).toBe(true);
    expect(keepsBallotRules({ 'item-A': 4 }, {}, rules)).toBe(false);
    expect(keepsBallotRules({ 'item-A': 3, 'item-B': 3 }, {}, rules)).toBe(false);
    // Over the limits after the facilitator lowered them, yet shrinking.
    expect(keepsBallotRules({ 'item-A': 4 }, { 'item-A': 5 }, rules)).toBe(true);
    expect(keepsBallotRules({ 'item-A': 4, 'item-B': 1 }, { 'item-A': 5 }, rules)).toBe(false);
  });
});

describe('derived figures beside the anonymity guard', () => {
  // With k = 3 the README example hides a sector on every item.
  const guarded = scoreRound(1, example, items, 3);

  it('publishes no bridging, divergence or balanced dots on an item with a hidden sector', () => {
    for (const item of guarded.items) {
      expect(figuresShown(item)).toBe(false);
      expect(item.bridging).toBeNull();
      expect(item.divergence).toBeNull();
      expect(item.balancedDots).toBeNull();
      expect(item.divergent).toBe(false);
    }
  });

  it('still publishes the raw dots and the shown sectors on a guarded item', () => {
    const b = byId(guarded, 'item-B');
    expect(b.dots).toBe(16);
    expect(b.bySector.civil).toEqual({ dots: 9, voters: 3, share: 0.6 });
  });

  it('publishes the figures once every sector on the item is shown', () => {
    const ballots: RoundBallot[] = [
      ...['a', 'b', 'c'].map((id) => ({ participantId: id, sector: 'public' as const, dots: { 'item-A': 1 } })),
      ...['d', 'e', 'f'].map((id) => ({ participantId: id, sector: 'civil' as const, dots: { 'item-A': 1, 'item-B': 2 } })),
      { participantId: 'g', sector: 'private', dots: { 'item-B': 1 } },
    ];
    const res = scoreRound(1, ballots, items, 3);
    const a = byId(res, 'item-A');
    // A: public 3 of 3 voters, civil 3 of 3, private none: all shown, so its 0 % shared says nothing hidden.
    expect(figuresShown(a)).toBe(true);
    expect(a.bridging).toBe(0);
    expect(a.divergent).toBe(true);
    const b = byId(res, 'item-B');
    // B: private has 1 voter (hidden), civil is hidden with it; "0 % shared" here would reveal public's 0.
    expect(figuresShown(b)).toBe(false);
    expect(b.bridging).toBeNull();
    expect(b.divergent).toBe(false);
  });

  it('ranks guarded items after every item with figures in "most shared", by dots', () => {
    const ballots: RoundBallot[] = [
      ...['a', 'b', 'c'].map((id) => ({ participantId: id, sector: 'public' as const, dots: { 'item-A': 1, 'item-C': 4 } })),
      { participantId: 'q', sector: 'private', dots: { 'item-B': 5 } },
      { participantId: 'r', sector: 'private', dots: { 'item-C': 5 } },
    ];
    const res = scoreRound(1, ballots, items, 3);
    expect(res.items.map((i) => [i.id, figuresShown(i), i.bridgingRank])).toEqual([
      ['item-A', true, 1],
      ['item-C', false, 2],
      ['item-B', false, 3],
    ]);
  });

  it('treats results stored before the rule, numbers and all, as guarded when a sector is hidden', () => {
    const stored = { ...byId(guarded, 'item-B'), bridging: 0.2, divergence: 0.8, divergent: true, balancedDots: 18 };
    expect(figuresShown(stored)).toBe(false);
  });
});

describe('revealed rounds as stored', () => {
  it('reads a round stored before the server recorded where people voted from', async () => {
    const Y = await import('yjs');
    const { listRoundResults, resultsOf } = await import('../../../shared/voting');
    const doc = new Y.Doc();
    const round = scoreRound(1, [{ participantId: 'p', sector: 'civil', dots: { 'item-AAAA': 2 } }], [{ id: 'item-AAAA', kind: 'note', label: 'A' }]);
    const { votersByWhere: _dropped, ...older } = round;
    resultsOf(doc).set('round:1', older);
    resultsOf(doc).set('round:2', { ...round, round: 2, items: 'not a list' });
    expect(listRoundResults(doc)).toEqual([{ ...round, votersByWhere: { room: 0, remote: 0, unknown: 0 } }]);
  });
});
