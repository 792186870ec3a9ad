/**
 * Who may change what. Every incoming update is inspected (updateInspector)
 * and checked here against the document schema and the sender's role,
 * before anything of it is applied; a forbidden update is refused whole.
 *
 * Rules (shared/phases.ts holds the per-phase rights the UI reads too):
 * - observers change nothing;
 * - only the facilitator changes the `session` map;
 * - while the board is locked, only the facilitator writes;
 * - a participant creates notes only as themselves, edits the text of their
 *   own notes only, and never rewrites identity fields afterwards;
 * - clustering (moving any note, scenarios) and voting follow the phase;
 * - a ballot is written only under the voter's own id, within the budget;
 * - in Listening with private writing on, participants write drafts in their
 *   own drafts document, never straight onto the board.
 */
import { ITEM_ID_PATTERN } from '../../shared/ids';
import { rightsOf, type Role } from '../../shared/phases';
import {
  MAX_DOTS_PER_PERSON,
  MAX_NAME_LENGTH,
  MAX_PROMPT_LENGTH,
  MAX_TITLE_LENGTH,
  isNoteColor,
  isScenarioColor,
  isSector,
  isWhere,
  notesOf,
  readSession,
  ROOT_NOTES,
  ROOT_SCENARIOS,
  ROOT_SESSION,
  ROOT_VOTES,
} from '../../shared/schema';
import { isPhase } from '../../shared/phases';
import type { Touch } from './updateInspector';
import * as Y from 'yjs';
import { ACTION_TEXT_FIELDS, MAX_PARTNERS, ROOT_ACTIONS, actionsOf, isCommitment, isOrganisation } from '../../shared/actions';
import { isValidVoteSettings, readVoteSettings } from '../../shared/voting';

/** Action cards this update deletes whole. */
function removedActions(touches: Exclude<Touch, { op: 'void' }>[]): Set<string> {
  return new Set(touches.filter((t) => t.root === ROOT_ACTIONS && t.op === 'delete' && t.path.length === 1).map((t) => t.path[0]!));
}

export interface Actor {
  role: Role;
  /** Server-issued identity; null for observers. */
  participantId: string | null;
}

export type Verdict = { ok: true } | { ok: false; reason: RefusalReason; detail: string };
export type RefusalReason = 'read-only' | 'locked' | 'phase' | 'not-yours' | 'facilitator-only' | 'schema' | 'private-writing'
  /** Structs under a Yjs client id another identity writes with (clientIdBinding.ts). */
  | 'not-your-client'
  /** Would leave Yjs structs or deletes pending (updateStructure.ts): the sender must resync. */
  | 'out-of-sync';

const refuse = (reason: RefusalReason, detail: string): Verdict => ({ ok: false, reason, detail });
const OK: Verdict = { ok: true };

const NOTE_IDENTITY_KEYS = new Set(['authorId', 'authorName', 'authorSector', 'where', 'createdAt']);
const NOTE_KEYS = new Set(['text', 'x', 'y', 'color', 'scenarioId', ...NOTE_IDENTITY_KEYS]);
const SCENARIO_KEYS = new Set(['name', 'color', 'x', 'y', 'w', 'h', 'createdAt']);

const finite = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < 1e15;
const shortString = (max: number) => (v: unknown): boolean => typeof v === 'string' && v.length <= max;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const NOTE_VALUE: Record<string, (v: unknown) => boolean> = {
  x: finite,
  y: finite,
  color: isNoteColor,
  authorId: (v) => typeof v === 'string' && ITEM_ID_PATTERN.test(v),
  authorName: shortString(MAX_NAME_LENGTH),
  authorSector: isSector,
  where: isWhere,
  scenarioId: (v) => v === null || (typeof v === 'string' && ITEM_ID_PATTERN.test(v)),
  createdAt: finite,
};
const SCENARIO_VALUE: Record<string, (v: unknown) => boolean> = {
  name: shortString(MAX_NAME_LENGTH),
  color: isScenarioColor,
  x: finite,
  y: finite,
  w: finite,
  h: finite,
  createdAt: finite,
};
const SESSION_VALUE: Record<string, (v: unknown) => boolean> = {
  title: shortString(MAX_TITLE_LENGTH),
  dotsPerPerson: (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= MAX_DOTS_PER_PERSON,
  createdAt: finite,
  phase: isPhase,
  prompts: (v) => isObject(v) && Object.entries(v).every(([k, p]) => isPhase(k) && shortString(MAX_PROMPT_LENGTH)(p)),
  locked: (v) => typeof v === 'boolean',
  privateWriting: (v) => typeof v === 'boolean',
  timer: (v) => isObject(v) && ['idle', 'running', 'paused'].includes(v.state as string) && finite(v.endsAt) && finite(v.remainingMs),
  spotlight: (v) => v === null || (isObject(v) && (v.kind === 'note' || v.kind === 'scenario') && typeof v.id === 'string' && finite(v.at)),
  readyCheck: (v) => v === null || (isObject(v) && typeof v.id === 'string' && v.id.length <= 64 && finite(v.askedAt)),
  crowdThreshold: (v) => Number.isInteger(v) && (v as number) >= 2 && (v as number) <= 10_000,
  voteSettings: isValidVoteSettings,
};

const ACTION_TEXT_KEYS = new Set<string>(ACTION_TEXT_FIELDS);
const ACTION_VALUE: Record<string, (v: unknown) => boolean> = {
  title: shortString(MAX_TITLE_LENGTH),
  fromItemId: (v) => v === null || (typeof v === 'string' && ITEM_ID_PATTERN.test(v)),
  lead: (v) => v === null || isOrganisation(v),
  partners: (v) => Array.isArray(v) && v.length <= MAX_PARTNERS && v.every(isOrganisation),
  createdBy: (v) => typeof v === 'string' && v.length <= 64,
  createdAt: finite,
};

function validBallot(v: unknown, budget: number): boolean {
  if (!isObject(v) || !isSector(v.sector) || !isObject(v.dots)) return false;
  let sum = 0;
  for (const [item, n] of Object.entries(v.dots)) {
    if (!ITEM_ID_PATTERN.test(item) || !Number.isInteger(n) || (n as number) < 0) return false;
    sum += n as number;
  }
  return sum <= budget && (v.updatedAt === undefined || finite(v.updatedAt)) && (v.where === undefined || isWhere(v.where));
}

type Inserted = Extract<Touch, { op: 'insert' }>;
const valuesOf = (t: Inserted): unknown[] | null => (t.content === 'value' ? t.values : null);

/** Schema: where a touch may be and what it may hold, whoever sends it. */
function checkSchema(t: Exclude<Touch, { op: 'void' }>, budget: number, allowedRoots: ReadonlySet<string>): Verdict {
  if (!allowedRoots.has(t.root)) return refuse('schema', `unknown root "${t.root}"`);
  const [id, key, ...deeper] = t.path;
  if (t.op === 'insert' && t.content === 'deleted') return OK; // already-deleted content carries nothing
  const values = (check: (v: unknown) => boolean, what: string): Verdict => {
    if (t.op === 'delete') return OK;
    const vs = valuesOf(t);
    return vs && vs.every(check) ? OK : refuse('schema', `bad value for ${what}`);
  };
  switch (t.root) {
    case ROOT_NOTES:
    case ROOT_SCENARIOS: {
      if (id === undefined) return refuse('schema', `${t.root} holds only keyed entries`);
      if (!ITEM_ID_PATTERN.test(id)) return refuse('schema', `bad id "${id.slice(0, 40)}"`);
      if (key === undefined) return t.op === 'delete' || t.content === 'map' ? OK : refuse('schema', `${t.root} entries are maps`);
      const isNote = t.root === ROOT_NOTES;
      if (!(isNote ? NOTE_KEYS : SCENARIO_KEYS).has(key)) return refuse('schema', `unknown key "${key.slice(0, 40)}"`);
      if (deeper.length > 0) return refuse('schema', 'nesting too deep');
      if (isNote && key === 'text') {
        if (t.op === 'delete') return OK;
        return t.content === 'text' || t.content === 'string' ? OK : refuse('schema', 'note text must be text');
      }
      if (t.op === 'insert' && t.content !== 'value') return refuse('schema', `${key} must be a plain value`);
      return values((isNote ? NOTE_VALUE : SCENARIO_VALUE)[key]!, key);
    }
    case ROOT_VOTES:
      if (id === undefined || key !== undefined || !ITEM_ID_PATTERN.test(id)) return refuse('schema', 'votes are keyed by participant id');
      return values((v) => validBallot(v, budget), 'ballot');
    case ROOT_ACTIONS: {
      if (id === undefined || !ITEM_ID_PATTERN.test(id)) return refuse('schema', 'actions are keyed by id');
      if (key === undefined) return t.op === 'delete' || t.content === 'map' ? OK : refuse('schema', 'actions are maps');
      if (ACTION_TEXT_KEYS.has(key)) {
        if (deeper.length > 0) return refuse('schema', 'nesting too deep');
        return t.op === 'delete' || t.content === 'text' || t.content === 'string' ? OK : refuse('schema', `${key} must be text`);
      }
      if (key === 'commitments') {
        if (deeper.length === 0) return t.op === 'delete' || t.content === 'map' ? OK : refuse('schema', 'commitments are a map');
        if (deeper.length > 1 || !isSector(deeper[0])) return refuse('schema', 'commitments are keyed by sector');
        if (t.op === 'insert' && t.content !== 'value') return refuse('schema', 'a commitment is a plain value');
        return values(isCommitment, 'commitment');
      }
      const check = ACTION_VALUE[key];
      if (!check || deeper.length > 0) return refuse('schema', `unknown key "${key.slice(0, 40)}"`);
      if (t.op === 'insert' && t.content !== 'value') return refuse('schema', `${key} must be a plain value`);
      return values(check, key);
    }
    case ROOT_SESSION: {
      if (id === undefined || key !== undefined || !(id in SESSION_VALUE)) return refuse('schema', `unknown session key "${String(id).slice(0, 40)}"`);
      return values(SESSION_VALUE[id]!, id);
    }
    default:
      return refuse('schema', `unknown root "${t.root}"`);
  }
}

export interface PolicyContext {
  /** The document the update is for, as it is before the update. */
  doc: Y.Doc;
  /** The room's board, where phase and lock live (the same doc for the board itself). */
  board: Y.Doc;
  kind: 'board' | 'drafts';
  /** For a drafts document: whose it is. */
  owner?: string;
}

// `results` is absent on purpose: only the server writes results.
const BOARD_ROOTS = new Set([ROOT_NOTES, ROOT_SCENARIOS, ROOT_VOTES, ROOT_SESSION, ROOT_ACTIONS]);
const DRAFT_ROOTS = new Set([ROOT_NOTES]);

export function checkUpdate(touches: Touch[], actor: Actor, ctx: PolicyContext): Verdict {
  const real = touches.filter((t): t is Exclude<Touch, { op: 'void' }> => t.op !== 'void');
  if (real.length === 0) return OK;
  if (actor.role === 'observer') return refuse('read-only', 'observers cannot edit');
  const session = readSession(ctx.board);
  const roots = ctx.kind === 'drafts' ? DRAFT_ROOTS : BOARD_ROOTS;
  for (const t of real) {
    const v = checkSchema(t, session.dotsPerPerson, roots);
    if (!v.ok) return v;
  }
  const openVoting = readVoteSettings(ctx.board).mode === 'open';
  // In secret mode ballots go through the server, never into the board.
  if (!openVoting && real.some((t) => t.root === ROOT_VOTES && t.op === 'insert')) {
    return refuse('phase', 'votes are secret: they go through the server');
  }
  if (actor.role === 'facilitator') return OK;

  const me = actor.participantId;
  if (!me) return refuse('read-only', 'no identity');
  if (session.locked) return refuse('locked', 'the board is locked');
  const rights = rightsOf(actor.role, session.phase, session.locked);
  const drafting = session.phase === 'listening' && session.privateWriting;

  // Notes this very update creates or removes, by id.
  const created = new Set<string>();
  const removed = new Set<string>();
  for (const t of real) {
    if (t.root !== ROOT_NOTES || t.path.length !== 1) continue;
    if (t.op === 'insert' && t.content === 'map') created.add(t.path[0]!);
    if (t.op === 'delete') removed.add(t.path[0]!);
  }
  const notes = notesOf(ctx.doc);
  const authorOf = (id: string): unknown => notes.get(id)?.get('authorId');
  const isMine = (id: string): boolean => created.has(id) || authorOf(id) === me;

  if (ctx.kind === 'drafts') {
    if (ctx.owner !== me) return refuse('not-yours', 'not your drafts');
    if (!drafting) return refuse('phase', 'private writing is closed');
  }

  for (const t of real) {
    const [id, key] = t.path as [string, string | undefined];
    switch (t.root) {
      case ROOT_SESSION:
        return refuse('facilitator-only', 'only the facilitator changes the session');
      case ROOT_VOTES:
        if (id !== me) return refuse('not-yours', 'a ballot can only be your own');
        if (!rights.vote) return refuse('phase', 'voting is closed in this phase');
        break;
      case ROOT_SCENARIOS:
        if (!rights.cluster) return refuse('phase', 'scenarios are edited in the Scenarios phase');
        break;
      case ROOT_ACTIONS: {
        if (!rights.codesign) return refuse('phase', 'action cards are edited in the Co-design phase');
        const [, , sector] = t.path;
        if (key === 'commitments' && sector !== undefined) {
          // A commitment is signed by whoever gives it, and withdrawn only by them.
          const existing = actionsOf(ctx.doc).get(id)?.get('commitments');
          const current = existing instanceof Y.Map ? existing.get(sector) : undefined;
          if (t.op === 'delete' && current !== undefined && (current as { participantId?: unknown }).participantId !== me && !removedActions(real).has(id)) {
            return refuse('not-yours', "only whoever committed can withdraw");
          }
          if (t.op === 'insert' && t.content === 'value' && !t.values.every((v) => isCommitment(v) && v.participantId === me)) {
            return refuse('not-yours', 'commitments are given as yourself');
          }
        }
        if (key === undefined && t.op === 'delete' && actionsOf(ctx.doc).get(id)?.get('createdBy') !== me) {
          return refuse('not-yours', 'only whoever created an action card can delete it');
        }
        break;
      }
      case ROOT_NOTES: {
        if (key === undefined) {
          // A whole note created or deleted.
          if (!rights.writeNotes) return refuse('phase', 'writing is closed in this phase');
          if (ctx.kind === 'board' && drafting && t.op === 'insert') return refuse('private-writing', 'write privately until the reveal');
          if (t.op === 'delete' && authorOf(id) !== me) return refuse('not-yours', 'only your own notes can be deleted');
          break;
        }
        if (removed.has(id)) break; // entries going away with their note
        if (NOTE_IDENTITY_KEYS.has(key)) {
          if (!created.has(id)) return refuse('not-yours', 'identity fields are fixed');
          if (key === 'authorId' && t.op === 'insert' && !(valuesOf(t) ?? []).every((v) => v === me)) {
            return refuse('not-yours', 'notes are written as yourself');
          }
          break;
        }
        if (key === 'text') {
          if (!rights.writeNotes || !isMine(id)) return refuse(rights.writeNotes ? 'not-yours' : 'phase', 'only your own notes can be edited');
          break;
        }
        // Position, colour and scenario: one's own notes while writing, any note while clustering.
        if (!(rights.cluster || (rights.writeNotes && isMine(id)))) return refuse('phase', 'moving notes is closed in this phase');
        break;
      }
    }
  }
  // A new note must name its author: without authorId it would belong to no one.
  for (const id of created) {
    const named = real.some((t) => t.op === 'insert' && t.root === ROOT_NOTES && t.path[0] === id && t.path[1] === 'authorId');
    if (!named) return refuse('schema', 'a new note needs its author');
  }
  return OK;
}
