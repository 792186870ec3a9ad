/**
 * Reactions. Each entry's key says whose it is (`itemId:participantId:kind`),
 * so one person has at most one of each kind on an item by construction.
 * Anyone but an observer reacts in any phase while the board is unlocked,
 * on an item that is on the board, as themselves, and takes back only their
 * own reactions; a neutral facilitator's reaction carries no sector. Each
 * says where it was given: the meeting, or the consultation window open now
 * (required during a window; older clients in a meeting may leave it out).
 */
import { ReactionSchema } from '../../../shared/documentSchemas';
import { commentableKindOf } from '../../../shared/comments';
import { parseReactionKey, reactionsOf } from '../../../shared/reactions';
import { entryCount, plainValue } from './checks';
import { OK, refuse, type RealTouch, type RootPolicy, type Verdict } from './types';

function touchShape(t: RealTouch): Verdict {
  const [key, ...deeper] = t.path;
  if (key === undefined) return refuse('schema', 'reactions holds only keyed entries');
  if (deeper.length > 0) return refuse('schema', 'a reaction is one plain value');
  if (!parseReactionKey(key)) return refuse('schema', `bad reaction key "${key.slice(0, 40)}"`);
  return plainValue(t, ReactionSchema, 'reaction');
}

const gives = (t: RealTouch): t is Extract<RealTouch, { content: 'value' }> => t.op === 'insert' && t.content === 'value';

export const reactionsPolicy: RootPolicy = {
  shape(touches, f) {
    for (const t of touches) {
      const v = touchShape(t);
      if (!v.ok) return v;
      if (gives(t) && !commentableKindOf(f.ctx.board, parseReactionKey(t.path[0]!)!.itemId)) {
        return refuse('schema', 'a reaction must be on a note, scenario or action card on the board');
      }
    }
    return entryCount(touches, reactionsOf(f.ctx.doc), f.limits.maxReactions, 'reactions');
  },

  rights(touches, f) {
    if (touches.length > 0 && !f.rights.discuss) return refuse('phase', 'reactions are closed');
    for (const t of touches) {
      const key = parseReactionKey(t.path[0]!)!;
      if (key.participantId !== f.me) {
        return refuse('not-yours', t.op === 'delete' ? 'only your own reactions can be taken back' : 'reactions are given as yourself');
      }
      if (!gives(t)) continue;
      if (t.values.some((v) => (v as { sector: unknown }).sector === null)) {
        return refuse('not-yours', 'only the facilitator reacts without a sector');
      }
      for (const v of t.values) {
        const origin = (v as { origin?: unknown }).origin;
        if (origin === undefined ? f.participation.kind === 'consultation' : origin !== f.origin) {
          return refuse('schema', `a reaction given now carries the origin "${f.origin}"`);
        }
      }
    }
    return OK;
  },
};
