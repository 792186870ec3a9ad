/**
 * Co-design action cards. Free-text fields are Y.Text within their limits;
 * each sector's commitment is given and withdrawn only by whoever gave it;
 * a card is deleted only by whoever created it. Participants edit cards in
 * the Co-design phase.
 */
import * as Y from 'yjs';
import { ACTION_TEXT_LIMITS, ActionFields, CommitmentSchema, SectorSchema } from '../../../shared/documentSchemas';
import { actionsOf } from '../../../shared/actions';
import { addedAndRemoved, entryCount, itemKey, plainValue, textField, textLengths, wholeMap } from './checks';
import { OK, firstRefusal, refuse, type RealTouch, type RootPolicy, type Verdict } from './types';

const ACTION_VALUES: Readonly<Record<string, (typeof ActionFields)[keyof typeof ActionFields]>> = ActionFields;

function touchShape(t: RealTouch): Verdict {
  const bad = itemKey(t, 'actions');
  if (!bad.ok) return bad;
  const [, key, ...deeper] = t.path;
  if (key === undefined) return wholeMap(t, 'an action card');
  if (Object.hasOwn(ACTION_TEXT_LIMITS, key)) return deeper.length > 0 ? refuse('schema', 'nesting too deep') : textField(t, key);
  if (key === 'commitments') {
    if (deeper.length === 0) return wholeMap(t, 'commitments');
    if (deeper.length > 1 || !SectorSchema.safeParse(deeper[0]).success) return refuse('schema', 'commitments are keyed by sector');
    return plainValue(t, CommitmentSchema, 'commitment');
  }
  const schema = Object.hasOwn(ACTION_VALUES, key) ? ACTION_VALUES[key] : undefined;
  if (!schema || deeper.length > 0) return refuse('schema', `unknown key "${key.slice(0, 40)}"`);
  return plainValue(t, schema, key);
}

export const actionsPolicy: RootPolicy = {
  shape(touches, f) {
    const cards = actionsOf(f.ctx.doc);
    for (const t of touches) {
      const v = touchShape(t);
      if (!v.ok) return v;
    }
    return firstRefusal([
      () => textLengths(touches, cards, ACTION_TEXT_LIMITS),
      () => entryCount(touches, cards, f.limits.maxActions, 'action cards'),
    ]);
  },

  rights(touches, f) {
    const { me } = f;
    if (touches.length > 0 && !f.rights.codesign) return refuse('phase', 'action cards are edited in the Co-design phase');
    const cards = actionsOf(f.ctx.doc);
    const { removed } = addedAndRemoved(touches, cards);
    for (const t of touches) {
      const [id, key, sector] = t.path as [string, string | undefined, string | undefined];
      if (key === 'commitments' && sector !== undefined) {
        // A commitment is signed by whoever gives it, and withdrawn only by them.
        const existing = cards.get(id)?.get('commitments');
        const current: unknown = existing instanceof Y.Map ? existing.get(sector) : undefined;
        const givenBy = (current as { participantId?: unknown } | undefined)?.participantId;
        if (t.op === 'delete' && current !== undefined && givenBy !== me && !removed.has(id)) {
          return refuse('not-yours', 'only whoever committed can withdraw');
        }
        if (t.op === 'insert' && t.content === 'value' && !t.values.every((v) => CommitmentSchema.safeParse(v).success && (v as { participantId: unknown }).participantId === me)) {
          return refuse('not-yours', 'commitments are given as yourself');
        }
      }
      if (key === 'createdBy' && t.op === 'insert' && !(t.content === 'deleted' || (t.content === 'value' && t.values.every((v) => v === me)))) {
        return refuse('not-yours', 'action cards are created as yourself');
      }
      if (key === undefined && t.op === 'delete' && cards.get(id)?.get('createdBy') !== me) {
        return refuse('not-yours', 'only whoever created an action card can delete it');
      }
    }
    return OK;
  },
};
