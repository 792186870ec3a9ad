/**
 * Who may change what, checked before anything of an update is applied.
 * The inspector (../updateInspector.ts) lists what the update touches; each
 * touch goes to the policy of its document root, from a table keyed by the
 * union of root names, so a root without rules does not compile. Anything
 * the table does not know is refused, and a refused update is refused whole.
 *
 * Order: observers change nothing; then every touch must fit its root's
 * schema and leave the room within its limits, and write back nothing of a
 * participant who erased their contributions, whoever sends it; then,
 * for anyone but the facilitator: an identity, an unlocked board, their
 * own drafts only while private writing is on, and the per-root rights
 * (shared/phases.ts holds the per-phase rights the UI reads too).
 */
import { DRAFT_ROOT_NAMES, isRootName, type RootName } from '../../../shared/documentSchemas';
import { originAt, participationAt, rightsNow, type Participation } from '../../../shared/consultation';
import { readSession } from '../../../shared/schema';
import { readVoteSettings } from '../../../shared/voting';
import type { Touch } from '../updateInspector';
import { actionsPolicy } from './actions';
import { commentsPolicy } from './comments';
import { notesPolicy } from './notes';
import { reactionsPolicy } from './reactions';
import { resultsPolicy } from './results';
import { scenariosPolicy } from './scenarios';
import { sessionPolicy } from './session';
import { votesPolicy } from './votes';
import { restoresErasedContent } from './erasedAuthors';
import { DEFAULT_POLICY_LIMITS, OK, refuse, type Actor, type Facts, type PolicyContext, type RealTouch, type RootPolicy, type Verdict } from './types';

export { DEFAULT_POLICY_LIMITS, type Actor, type PolicyContext, type PolicyLimits, type RefusalReason, type Verdict } from './types';

const POLICIES: { readonly [R in RootName]: RootPolicy } = {
  notes: notesPolicy,
  scenarios: scenariosPolicy,
  votes: votesPolicy,
  session: sessionPolicy,
  results: resultsPolicy,
  actions: actionsPolicy,
  comments: commentsPolicy,
  reactions: reactionsPolicy,
};

const DRAFT_ROOTS: ReadonlySet<string> = new Set(DRAFT_ROOT_NAMES);

/** The update's touches by root, or the first root this document has no rules for. */
function byRoot(touches: RealTouch[], kind: PolicyContext['kind']): Map<RootName, RealTouch[]> | { unknown: string } {
  const out = new Map<RootName, RealTouch[]>();
  for (const t of touches) {
    if (!isRootName(t.root) || (kind === 'drafts' && !DRAFT_ROOTS.has(t.root))) return { unknown: t.root };
    let list = out.get(t.root);
    if (!list) out.set(t.root, (list = []));
    list.push(t);
  }
  return out;
}

function growsPastSize(touches: RealTouch[], ctx: PolicyContext, maxDocBytes: number): boolean {
  if (ctx.docBytes === undefined || ctx.updateBytes === undefined) return false;
  // Removing things stays possible on a full board.
  if (touches.every((t) => t.op === 'delete')) return false;
  return ctx.docBytes + ctx.updateBytes > maxDocBytes;
}

/** Between meetings a root is writable only when the open window opens it; the reason says 'closed'. */
function openNow(root: RootName, p: Participation): Verdict {
  if (p.kind === 'live') return OK;
  if (p.kind === 'closed') {
    return refuse('closed', p.window ? 'the consultation closed at its deadline' : 'the meeting is closed and no consultation is open');
  }
  const opens = p.window.opens;
  const opened = root === 'notes' ? opens.notes : root === 'votes' ? opens.voting : root === 'comments' ? opens.comments : root === 'reactions' ? opens.reactions : false;
  return opened ? OK : refuse('closed', `${root} are not open in this consultation`);
}

export function checkUpdate(touches: Touch[], actor: Actor, ctx: PolicyContext): Verdict {
  const real = touches.filter((t): t is RealTouch => t.op !== 'void');
  if (real.length === 0) return OK;
  if (actor.role === 'observer') return refuse('read-only', 'observers cannot edit');
  const roots = byRoot(real, ctx.kind);
  if (!(roots instanceof Map)) return refuse('schema', `unknown root "${roots.unknown.slice(0, 40)}"`);

  const session = readSession(ctx.board);
  const limits = ctx.limits ?? DEFAULT_POLICY_LIMITS;
  const now = ctx.now ?? Date.now();
  const participation = participationAt(session, now);
  const facts: Facts = {
    actor,
    me: actor.participantId,
    facilitator: actor.role === 'facilitator',
    session,
    voteSettings: readVoteSettings(ctx.board),
    rights: rightsNow(actor.role, session, now),
    participation,
    origin: originAt(session, now),
    // Private drafts belong to a live Listening phase; a consultation writes on the board.
    drafting: participation.kind === 'live' && session.phase === 'listening' && session.privateWriting,
    ctx,
    limits,
  };
  for (const [root, list] of roots) {
    const v = POLICIES[root].shape(list, facts);
    if (!v.ok) return v;
  }
  if (growsPastSize(real, ctx, limits.maxDocBytes)) return refuse('limit', `the document is full (${limits.maxDocBytes} bytes)`);
  // The facilitator included: their undo stack is where an erased note most often survives.
  const erased = restoresErasedContent(real, facts);
  if (!erased.ok) return erased;
  if (facts.facilitator) return OK;

  if (!facts.me) return refuse('read-only', 'no identity');
  if (session.locked) return refuse('locked', 'the board is locked');
  if (ctx.kind === 'drafts') {
    if (ctx.owner !== facts.me) return refuse('not-yours', 'not your drafts');
    // Outside private writing a participant's drafts hold only notes and comments submitted for approval.
    if (!facts.drafting && !session.premoderation) return refuse('phase', 'private writing is closed');
  }
  for (const root of roots.keys()) {
    const v = openNow(root, participation);
    if (!v.ok) return v;
  }
  for (const [root, list] of roots) {
    const v = POLICIES[root].rights(list, facts);
    if (!v.ok) return v;
  }
  return OK;
}
