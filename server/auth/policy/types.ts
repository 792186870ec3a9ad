/** What every per-root policy is given and answers (see ./index.ts). */
import type * as Y from 'yjs';
import type { PhaseRights, Role } from '../../../shared/phases';
import type { SessionView } from '../../../shared/schema';
import type { VoteSettings } from '../../../shared/voting';
import type { Participation } from '../../../shared/consultation';
import type { Touch } from '../updateInspector';

export interface Actor {
  role: Role;
  /** Server-issued identity; null for observers. */
  participantId: string | null;
}

export type RefusalReason =
  | 'read-only'
  | 'locked'
  | 'phase'
  | 'not-yours'
  | 'facilitator-only'
  | 'schema'
  | 'private-writing'
  /** Pre-moderation is on: participants submit new notes for approval instead (server/rooms/moderation.ts). */
  | 'moderated'
  | 'limit'
  /** Between meetings, outside an open consultation window or past its deadline. */
  | 'closed'
  /** Structs under a Yjs client id another identity writes with (clientIdBinding.ts). */
  | 'not-your-client'
  /** Would leave Yjs structs or deletes pending (updateStructure.ts): the sender must resync. */
  | 'out-of-sync'
  /** Would write back content of a participant who erased their contributions (./erasedAuthors.ts). */
  | 'erased';
export type Verdict = { ok: true } | { ok: false; reason: RefusalReason; detail: string };

export const OK: Verdict = { ok: true };
export const refuse = (reason: RefusalReason, detail: string): Verdict => ({ ok: false, reason, detail });
/** The first refusal of a list of checks, run in order. */
export function firstRefusal(checks: Iterable<() => Verdict>): Verdict {
  for (const check of checks) {
    const v = check();
    if (!v.ok) return v;
  }
  return OK;
}

/** Caps on a room's resulting state (server/config.ts; README "Operating Tavolo" → "Limits"). */
export interface PolicyLimits {
  maxNotes: number;
  maxScenarios: number;
  maxActions: number;
  /** Comments (replies included) and reactions on one board. */
  maxComments: number;
  maxReactions: number;
  /** Bytes a document may grow to, as stored (snapshot plus every accepted update). */
  maxDocBytes: number;
}

export const DEFAULT_POLICY_LIMITS: PolicyLimits = {
  maxNotes: 2000,
  maxScenarios: 200,
  maxActions: 200,
  maxComments: 5000,
  maxReactions: 20_000,
  maxDocBytes: 16 * 1024 * 1024,
};

export interface PolicyContext {
  /** The document the update is for, as it is before the update. */
  doc: Y.Doc;
  /** The room's board, where phase and lock live (the same doc for the board itself). */
  board: Y.Doc;
  kind: 'board' | 'drafts';
  /** For a drafts document: whose it is. */
  owner?: string;
  limits?: PolicyLimits;
  /** Server epoch ms the update is judged at (consultation deadlines); now when absent. */
  now?: number;
  /** The document's size so far and the update's, for `maxDocBytes`. */
  docBytes?: number;
  updateBytes?: number;
  /** Participants who erased their contributions from the room (server/rooms/erasedAuthors.ts). */
  erasedAuthors?: ReadonlySet<string>;
}

export type RealTouch = Exclude<Touch, { op: 'void' }>;

/** What a per-root policy knows about the update and its sender, computed once. */
export interface Facts {
  actor: Actor;
  /** The sender's participant id (facilitators have one too). */
  me: string | null;
  facilitator: boolean;
  session: SessionView;
  voteSettings: VoteSettings;
  rights: PhaseRights;
  /** Live meeting, open consultation window, or closed (shared/consultation.ts). */
  participation: Participation;
  /** The origin a note created now must carry: 'meeting' or the open window's id. */
  origin: string;
  /** Listening with private writing on: participants write in their drafts. */
  drafting: boolean;
  ctx: PolicyContext;
  limits: PolicyLimits;
}

/**
 * One document root's rules. `shape` holds for everyone, the facilitator
 * included: keys, values, the limits on the resulting state. `rights` is
 * then asked for anyone but the facilitator: role, phase, ownership.
 */
export interface RootPolicy {
  shape(touches: RealTouch[], facts: Facts): Verdict;
  rights(touches: RealTouch[], facts: Facts): Verdict;
}
