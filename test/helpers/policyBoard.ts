/**
 * The server's view of one board for policy tests: a document as the server
 * holds it, and a way to send it a change made on a client replica. The
 * change goes through the real inspector and policy, and is applied only
 * when accepted, as the room does.
 */
import * as Y from 'yjs';
import { inspectUpdate } from '../../server/auth/updateInspector';
import { checkUpdate, type Actor, type PolicyLimits, type Verdict } from '../../server/auth/updatePolicy';
import { DEFAULT_POLICY_LIMITS } from '../../server/auth/policy/types';
import { initSession } from '../../shared/session';

export const facilitator: Actor = { role: 'facilitator', participantId: 'facilitator-01' };
export const ada: Actor = { role: 'participant', participantId: 'participant-ada' };
export const bo: Actor = { role: 'participant', participantId: 'participant-bo0' };
export const observer: Actor = { role: 'observer', participantId: null };

export interface PolicyBoard {
  /** The board as the server holds it. */
  doc: Y.Doc;
  limits: PolicyLimits;
  /** Participants who erased their contributions (the room's ErasedAuthors); add to it to erase one. */
  erased: Set<string>;
  /** Sends a change made on a fresh replica of the board; returns the verdict and applies it when accepted. */
  send(actor: Actor, change: (replica: Y.Doc) => void): Verdict;
  /** A change the facilitator makes, which must be accepted. */
  setup(change: (replica: Y.Doc) => void): void;
  /** A participant's drafts document for this board. */
  drafts(owner: string): { doc: Y.Doc; send(actor: Actor, change: (replica: Y.Doc) => void): Verdict };
}

function sendTo(
  doc: Y.Doc,
  board: Y.Doc,
  ctx: { kind: 'board' | 'drafts'; owner?: string; limits: PolicyLimits; docBytes?: () => number; erasedAuthors?: ReadonlySet<string> },
) {
  return (actor: Actor, change: (replica: Y.Doc) => void): Verdict => {
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
    const before = Y.encodeStateVector(doc);
    change(replica);
    const update = Y.encodeStateAsUpdate(replica, before);
    replica.destroy();
    const verdict = checkUpdate(inspectUpdate(doc, update), actor, {
      doc,
      board,
      kind: ctx.kind,
      owner: ctx.owner,
      limits: ctx.limits,
      docBytes: ctx.docBytes?.(),
      updateBytes: update.byteLength,
      erasedAuthors: ctx.erasedAuthors,
    });
    if (verdict.ok) Y.applyUpdate(doc, update);
    return verdict;
  };
}

export function policyBoard(limits: Partial<PolicyLimits> = {}): PolicyBoard {
  const doc = new Y.Doc();
  initSession(doc, { title: 'Contratto di fiume', now: 1 });
  const all = { ...DEFAULT_POLICY_LIMITS, ...limits };
  const docBytes = (): number => Y.encodeStateAsUpdate(doc).byteLength;
  const erased = new Set<string>();
  const send = sendTo(doc, doc, { kind: 'board', limits: all, docBytes, erasedAuthors: erased });
  return {
    doc,
    limits: all,
    erased,
    send,
    setup(change) {
      const v = send(facilitator, change);
      if (!v.ok) throw new Error(`setup refused: ${v.reason} ${v.detail}`);
    },
    drafts(owner) {
      const drafts = new Y.Doc();
      return { doc: drafts, send: sendTo(drafts, doc, { kind: 'drafts', owner, limits: all, erasedAuthors: erased }) };
    },
  };
}

/** The refusal reason, or 'ok'. */
export const outcome = (v: Verdict): string => (v.ok ? 'ok' : v.reason);
