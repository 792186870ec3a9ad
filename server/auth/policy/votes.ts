/**
 * Open ballots in the board. Each is one plain value under its voter's id,
 * replaced whole; it must fit the ballot schema and keep the budget and the
 * per-item maximum (shared/scoring.ts `keepsBallotRules`, the rules secret
 * ballots keep on the server too). In secret mode no ballot enters the board.
 */
import { BallotSchema } from '../../../shared/documentSchemas';
import { readBallot, votesOf } from '../../../shared/schema';
import { keepsBallotRules } from '../../../shared/scoring';
import { itemKey } from './checks';
import { OK, refuse, type Facts, type RealTouch, type RootPolicy, type Verdict } from './types';

function touchShape(t: RealTouch, f: Facts): Verdict {
  const bad = itemKey(t, 'votes');
  if (!bad.ok) return refuse('schema', 'votes are keyed by participant id');
  if (t.path.length !== 1) return refuse('schema', 'a ballot is one plain value');
  if (t.op === 'delete' || t.content === 'deleted') return OK;
  // In secret mode ballots go through the server, never into the board.
  if (f.voteSettings.mode !== 'open') return refuse('phase', 'votes are secret: they go through the server');
  if (t.content !== 'value') return refuse('schema', 'a ballot is one plain value');
  const previous = readBallot(votesOf(f.ctx.doc).get(t.path[0]!))?.dots ?? {};
  const rules = { budget: f.session.dotsPerPerson, maxPerItem: f.voteSettings.maxPerItem };
  for (const v of t.values) {
    const ballot = BallotSchema.safeParse(v);
    if (!ballot.success) return refuse('schema', 'bad ballot');
    if (ballot.data.origin !== undefined && ballot.data.origin !== f.origin && !f.facilitator) {
      return refuse('schema', `a ballot cast now carries the origin "${f.origin}"`);
    }
    if (!keepsBallotRules(ballot.data.dots, previous, rules)) {
      return refuse('limit', `at most ${rules.budget} dots, ${rules.maxPerItem} on one item`);
    }
  }
  return OK;
}

export const votesPolicy: RootPolicy = {
  shape(touches, f) {
    for (const t of touches) {
      const v = touchShape(t, f);
      if (!v.ok) return v;
    }
    return OK;
  },
  rights(touches, f) {
    for (const t of touches) {
      if (t.path[0] !== f.me) return refuse('not-yours', 'a ballot can only be your own');
      if (!f.rights.vote) return refuse('phase', 'voting is closed in this phase');
    }
    return OK;
  },
};
