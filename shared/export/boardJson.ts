/**
 * The whole board as one versioned JSON file (`tavolo-board`, version 1):
 * what GET /api/rooms/:roomId/export?format=json answers, what the report
 * page and the PNG are drawn from, and what POST /api/rooms `{ from }`
 * seeds a new room with. Every value is described by the same schemas the
 * server's write policy enforces (shared/documentSchemas.ts), so a file that
 * parses here can only seed values the policy would have accepted.
 *
 * A note's scenario membership is its `scenarioId`; open ballots (`votes`)
 * are in the shared document already, secret ballots never leave the server:
 * only revealed rounds (`results.rounds`) are exported.
 */
import * as Y from 'yjs';
import { z } from 'zod';
import { listActions } from '../actions';
import { addCommentMap, listComments } from '../comments';
import { listReactions, reactionKey, reactionsOf } from '../reactions';
import {
  ACTION_TEXT_FIELDS,
  ActionFields,
  BallotSchema,
  CommentFields,
  CommitmentSchema,
  ItemId,
  MAX_ACTION_TEXT,
  MAX_NOTE_TEXT,
  NoteFields,
  ORIGIN_MEETING,
  REACTION_KINDS,
  RESULTS_STATUS_KEY,
  ReactionSchema,
  RoundResultSchema,
  ScenarioFields,
  SessionFields,
  VotingStatusSchema,
  checked,
} from '../documentSchemas';
import { notesOf, readBallot, readNote, readScenario, readSession, scenariosOf, sessionOf, votesOf } from '../schema';
import { listRoundResults, readVoteSettings, readVotingStatus, resultsOf, roundKey } from '../voting';
import { actionsOf } from '../actions';

export const BOARD_FORMAT = 'tavolo-board';
export const BOARD_FORMAT_VERSION = 1;
/** Upper bounds of the file itself; the room's own limits (usually lower) are checked when seeding. */
export const MAX_EXPORT_NOTES = 10_000;
export const MAX_EXPORT_SCENARIOS = 1_000;
export const MAX_EXPORT_ACTIONS = 1_000;
export const MAX_EXPORT_ROUNDS = 100;
export const MAX_EXPORT_BALLOTS = 10_000;
export const MAX_EXPORT_COMMENTS = 50_000;
export const MAX_EXPORT_REACTIONS = 200_000;

const Sector = NoteFields.authorSector;

export const ExportedNote = z
  .object({
    id: ItemId,
    text: z.string().max(MAX_NOTE_TEXT),
    x: NoteFields.x,
    y: NoteFields.y,
    color: NoteFields.color,
    authorId: NoteFields.authorId.or(z.literal('')),
    authorName: NoteFields.authorName,
    authorSector: NoteFields.authorSector,
    byFacilitator: z.boolean(),
    where: NoteFields.where,
    /** 'meeting' or the consultation window it was written in (files from before windows read 'meeting'). */
    origin: NoteFields.origin.default('meeting'),
    scenarioId: NoteFields.scenarioId,
    createdAt: NoteFields.createdAt,
  })
  .strict();
export type ExportedNote = z.infer<typeof ExportedNote>;

export const ExportedScenario = z.object({ id: ItemId, ...ScenarioFields }).strict();
export type ExportedScenario = z.infer<typeof ExportedScenario>;

const ActionText = z.string().max(MAX_ACTION_TEXT);
export const ExportedAction = z
  .object({
    id: ItemId,
    title: ActionFields.title,
    fromItemId: ActionFields.fromItemId,
    objective: ActionText,
    actions: ActionText,
    resources: ActionText,
    timeline: ActionText,
    lead: ActionFields.lead,
    partners: ActionFields.partners,
    commitments: z.partialRecord(Sector, CommitmentSchema),
    createdBy: ActionFields.createdBy.or(z.literal('')),
    createdAt: ActionFields.createdAt,
  })
  .strict();
export type ExportedAction = z.infer<typeof ExportedAction>;

const cf = CommentFields;
export const ExportedComment = z
  .object({
    id: ItemId,
    itemId: cf.itemId,
    itemKind: cf.itemKind,
    parentId: cf.parentId,
    authorId: cf.authorId,
    authorName: cf.authorName,
    authorSector: cf.authorSector,
    byFacilitator: z.boolean(),
    createdAt: cf.createdAt,
    editedAt: cf.editedAt.nullable(),
    text: cf.text,
    /** 'meeting' or the consultation window it was written in (files from before it was recorded read 'meeting'). */
    origin: cf.origin.default('meeting'),
  })
  .strict();
export type ExportedComment = z.infer<typeof ExportedComment>;

export const ExportedReaction = z
  .object({ itemId: ItemId, participantId: ItemId, kind: z.enum(REACTION_KINDS), ...ReactionSchema.shape })
  .strict();
export type ExportedReaction = z.infer<typeof ExportedReaction>;

export const ExportedSession = z
  .object({
    title: SessionFields.title,
    createdAt: SessionFields.createdAt,
    phase: SessionFields.phase,
    prompts: SessionFields.prompts,
    dotsPerPerson: SessionFields.dotsPerPerson,
    locked: SessionFields.locked,
    privateWriting: SessionFields.privateWriting,
    crowdThreshold: SessionFields.crowdThreshold,
    voteSettings: SessionFields.voteSettings,
    expectedSectors: SessionFields.expectedSectors.optional(),
    language: SessionFields.language.optional(),
    premoderation: SessionFields.premoderation.optional(),
    /** Consultation windows closed so far; an open one is not carried over (its deadline lives with its room). */
    consultations: SessionFields.consultations.optional(),
  })
  .strict();
export type ExportedSession = z.infer<typeof ExportedSession>;

export const ExportedBoard = z
  .object({
    session: ExportedSession,
    notes: z.array(ExportedNote).max(MAX_EXPORT_NOTES),
    scenarios: z.array(ExportedScenario).max(MAX_EXPORT_SCENARIOS),
    actions: z.array(ExportedAction).max(MAX_EXPORT_ACTIONS),
    /** Open-voting ballots by participant id (empty in secret mode). */
    votes: z.record(ItemId, BallotSchema).refine((v) => Object.keys(v).length <= MAX_EXPORT_BALLOTS, 'too many ballots'),
    results: z.object({ status: VotingStatusSchema.nullable(), rounds: z.array(RoundResultSchema).max(MAX_EXPORT_ROUNDS) }).strict(),
    /** Files exported before comments and reactions existed have neither. */
    comments: z.array(ExportedComment).max(MAX_EXPORT_COMMENTS).default([]),
    reactions: z.array(ExportedReaction).max(MAX_EXPORT_REACTIONS).default([]),
    /** Notes per origin ('meeting' or a consultation window id), for readers of the file; derived, ignored on import. */
    notesByOrigin: z.record(z.string().max(64), z.number().int().min(0)).optional(),
    /** Comments per origin, the same way; derived, ignored on import. */
    commentsByOrigin: z.record(z.string().max(64), z.number().int().min(0)).optional(),
    /** Reactions per origin, the same way; derived, ignored on import. */
    reactionsByOrigin: z.record(z.string().max(64), z.number().int().min(0)).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    const ids = new Set<string>();
    const unique = (id: string, path: (string | number)[]): void => {
      if (ids.has(id)) ctx.addIssue({ code: 'custom', path, message: `duplicate id ${id}` });
      ids.add(id);
    };
    b.notes.forEach((n, i) => unique(n.id, ['notes', i, 'id']));
    b.scenarios.forEach((s, i) => unique(s.id, ['scenarios', i, 'id']));
    b.actions.forEach((a, i) => unique(a.id, ['actions', i, 'id']));
    const scenarioIds = new Set(b.scenarios.map((s) => s.id));
    b.notes.forEach((n, i) => {
      if (n.scenarioId !== null && !scenarioIds.has(n.scenarioId)) ctx.addIssue({ code: 'custom', path: ['notes', i, 'scenarioId'], message: 'unknown scenario' });
    });
    const kinds = new Map<string, string>([
      ...b.notes.map((n) => [n.id, 'note'] as const),
      ...b.scenarios.map((sc) => [sc.id, 'scenario'] as const),
      ...b.actions.map((a) => [a.id, 'action'] as const),
    ]);
    const topLevel = new Map(b.comments.filter((c) => c.parentId === null).map((c) => [c.id, c.itemId]));
    b.comments.forEach((c, i) => {
      unique(c.id, ['comments', i, 'id']);
      if (kinds.get(c.itemId) !== c.itemKind) ctx.addIssue({ code: 'custom', path: ['comments', i, 'itemId'], message: 'unknown item' });
      if (c.parentId !== null && topLevel.get(c.parentId) !== c.itemId) ctx.addIssue({ code: 'custom', path: ['comments', i, 'parentId'], message: 'unknown parent' });
    });
    const reactions = new Set<string>();
    b.reactions.forEach((r, i) => {
      const key = reactionKey(r);
      if (!kinds.has(r.itemId) || reactions.has(key)) ctx.addIssue({ code: 'custom', path: ['reactions', i], message: 'unknown item or duplicate reaction' });
      reactions.add(key);
    });
    const rounds = new Set<number>();
    b.results.rounds.forEach((r, i) => {
      if (r.round < 1 || rounds.has(r.round)) ctx.addIssue({ code: 'custom', path: ['results', 'rounds', i, 'round'], message: 'rounds are numbered 1, 2, … once each' });
      rounds.add(r.round);
    });
  });
export type ExportedBoard = z.infer<typeof ExportedBoard>;

export const BoardExport = z
  .object({
    format: z.literal(BOARD_FORMAT),
    version: z.literal(BOARD_FORMAT_VERSION),
    exportedAt: z.number().min(0).max(1e15),
    board: ExportedBoard,
  })
  .strict();
export type BoardExport = z.infer<typeof BoardExport>;

const byCreation = <T extends { createdAt: number; id: string }>(a: T, b: T): number => a.createdAt - b.createdAt || a.id.localeCompare(b.id);

/** Reads the board out of its document, as plain values in a stable order. */
export function exportBoard(doc: Y.Doc, now = Date.now()): BoardExport {
  const s = readSession(doc);
  const notes: ExportedNote[] = [];
  notesOf(doc).forEach((m, id) => {
    // Board notes are never pending (only drafts hold those).
    const { id: _id, pending: _pending, ...n } = readNote(id, m);
    notes.push({ id, ...n });
  });
  const scenarios: ExportedScenario[] = [];
  scenariosOf(doc).forEach((m, id) => scenarios.push(readScenario(id, m)));
  const actions: ExportedAction[] = listActions(doc).map((a) => ({
    id: a.id,
    title: a.title,
    fromItemId: a.fromItemId,
    objective: a.objective,
    actions: a.actions,
    resources: a.resources,
    timeline: a.timeline,
    lead: a.lead,
    partners: a.partners,
    commitments: a.commitments,
    createdBy: a.createdBy,
    createdAt: a.createdAt,
  }));
  const votes: Record<string, z.infer<typeof BallotSchema>> = {};
  votesOf(doc).forEach((raw, participantId) => {
    const b = readBallot(raw);
    if (b && ItemId.safeParse(participantId).success) votes[participantId] = b;
  });
  const status = resultsOf(doc).get(RESULTS_STATUS_KEY);
  // Comments and reactions whose item was deleted are not part of the board any more.
  const onBoard = new Set([...notes.map((n) => n.id), ...scenarios.map((sc) => sc.id), ...actions.map((a) => a.id)]);
  const comments: ExportedComment[] = listComments(doc).filter((c) => onBoard.has(c.itemId));
  const kept = new Set(comments.map((c) => c.id));
  const topLevel = new Set(comments.filter((c) => c.parentId === null).map((c) => c.id));
  // A reply whose parent was deleted reads as a top-level comment, as the board shows it.
  for (const c of comments) if (c.parentId !== null && !(kept.has(c.parentId) && topLevel.has(c.parentId))) c.parentId = null;
  const reactions: ExportedReaction[] = listReactions(doc)
    .filter((r) => onBoard.has(r.itemId))
    .sort((a, b) => a.at - b.at || reactionKey(a).localeCompare(reactionKey(b)));
  return {
    format: BOARD_FORMAT,
    version: BOARD_FORMAT_VERSION,
    exportedAt: now,
    board: {
      session: {
        title: s.title,
        createdAt: s.createdAt,
        phase: s.phase,
        prompts: s.prompts,
        dotsPerPerson: s.dotsPerPerson,
        locked: s.locked,
        privateWriting: s.privateWriting,
        crowdThreshold: s.crowdThreshold,
        voteSettings: readVoteSettings(doc),
        ...optionalSetting(doc, 'expectedSectors'),
        ...optionalSetting(doc, 'language'),
        ...optionalSetting(doc, 'premoderation'),
        ...(s.consultations.length > 0 ? { consultations: s.consultations } : {}),
      },
      notes: notes.sort(byCreation),
      scenarios: scenarios.sort(byCreation),
      actions,
      votes,
      results: { status: status === undefined ? null : readVotingStatus(doc), rounds: listRoundResults(doc) },
      comments,
      reactions,
      notesByOrigin: countByOrigin(notes),
      commentsByOrigin: countByOrigin(comments),
      reactionsByOrigin: countByOrigin(reactions.map((r) => ({ origin: r.origin ?? ORIGIN_MEETING }))),
    },
  };
}

function countByOrigin(items: ReadonlyArray<{ origin: string }>): Record<string, number> {
  const out: Record<string, number> = { meeting: 0 };
  for (const n of items) out[n.origin] = (out[n.origin] ?? 0) + 1;
  return out;
}

export interface SeedLimits {
  maxNotes: number;
  maxScenarios: number;
  maxActions: number;
  maxDocBytes: number;
}

/** An imported board that does not fit the room it would seed; the message says which limit. */
export class BoardImportError extends Error {
  override readonly name = 'BoardImportError';
}

/**
 * Writes an exported board into a new room's document (after its session is
 * initialised): one server-side change, every value checked again with the
 * document schemas, the room's limits enforced. The new room keeps its own
 * title and creation time; everything else is the board as exported.
 */
export function seedBoard(doc: Y.Doc, board: ExportedBoard, limits: SeedLimits): void {
  if (board.notes.length > limits.maxNotes) throw new BoardImportError(`the board has ${board.notes.length} notes; a room holds at most ${limits.maxNotes}`);
  if (board.scenarios.length > limits.maxScenarios) throw new BoardImportError(`the board has ${board.scenarios.length} scenarios; a room holds at most ${limits.maxScenarios}`);
  if (board.actions.length > limits.maxActions) throw new BoardImportError(`the board has ${board.actions.length} action cards; a room holds at most ${limits.maxActions}`);
  doc.transact(() => {
    const s = sessionOf(doc);
    const { title: _title, ...settings } = board.session;
    for (const [key, value] of Object.entries(settings)) {
      if (value !== undefined) s.set(key, checked<unknown>(SessionFields[key as keyof typeof settings], value, `session.${key}`));
    }
    for (const n of board.notes) notesOf(doc).set(n.id, noteMap(n));
    for (const sc of board.scenarios) {
      const m = new Y.Map<unknown>();
      for (const key of Object.keys(ScenarioFields) as (keyof typeof ScenarioFields)[]) m.set(key, checked<unknown>(ScenarioFields[key], sc[key], `scenario.${key}`));
      scenariosOf(doc).set(sc.id, m);
    }
    for (const a of board.actions) actionsOf(doc).set(a.id, actionMap(a));
    for (const [participantId, ballot] of Object.entries(board.votes)) votesOf(doc).set(participantId, checked(BallotSchema, ballot, 'ballot'));
    const results = resultsOf(doc);
    if (board.results.status) results.set(RESULTS_STATUS_KEY, checked(VotingStatusSchema, board.results.status, 'voting status'));
    for (const r of board.results.rounds) results.set(roundKey(r.round), checked(RoundResultSchema, r, 'round result'));
    for (const c of board.comments) addCommentMap(doc, checked(ExportedComment, c, 'comment'));
    for (const r of board.reactions) reactionsOf(doc).set(reactionKey(r), checked(ReactionSchema, { sector: r.sector, at: r.at, origin: r.origin ?? ORIGIN_MEETING }, 'reaction'));
  });
  const bytes = Y.encodeStateAsUpdate(doc).byteLength;
  if (bytes > limits.maxDocBytes) throw new BoardImportError(`the board takes ${bytes} bytes; a room holds at most ${limits.maxDocBytes}`);
}

function noteMap(n: ExportedNote): Y.Map<unknown> {
  const m = new Y.Map<unknown>();
  const text = new Y.Text();
  text.insert(0, n.text);
  m.set('text', text);
  const f = NoteFields;
  m.set('x', checked(f.x, n.x, 'note.x'));
  m.set('y', checked(f.y, n.y, 'note.y'));
  m.set('color', checked(f.color, n.color, 'note.color'));
  // A note read back without a valid author keeps none, as the reader defaults it.
  if (n.authorId) m.set('authorId', checked(f.authorId, n.authorId, 'note.authorId'));
  m.set('authorName', checked(f.authorName, n.authorName, 'note.authorName'));
  m.set('authorSector', checked(f.authorSector, n.authorSector, 'note.authorSector'));
  if (n.byFacilitator) m.set('byFacilitator', true);
  m.set('where', checked(f.where, n.where, 'note.where'));
  m.set('origin', checked(f.origin, n.origin, 'note.origin'));
  m.set('scenarioId', checked(f.scenarioId, n.scenarioId, 'note.scenarioId'));
  m.set('createdAt', checked(f.createdAt, n.createdAt, 'note.createdAt'));
  return m;
}

function actionMap(a: ExportedAction): Y.Map<unknown> {
  const m = new Y.Map<unknown>();
  const f = ActionFields;
  m.set('title', checked(f.title, a.title, 'action.title'));
  m.set('fromItemId', checked(f.fromItemId, a.fromItemId, 'action.fromItemId'));
  for (const field of ACTION_TEXT_FIELDS) {
    const t = new Y.Text();
    t.insert(0, a[field]);
    m.set(field, t);
  }
  m.set('lead', checked(f.lead, a.lead, 'action.lead'));
  m.set('partners', checked(f.partners, a.partners, 'action.partners'));
  const commitments = new Y.Map<unknown>();
  for (const [sector, c] of Object.entries(a.commitments)) commitments.set(sector, checked(CommitmentSchema, c, 'action.commitment'));
  m.set('commitments', commitments);
  if (a.createdBy) m.set('createdBy', checked(f.createdBy, a.createdBy, 'action.createdBy'));
  m.set('createdAt', checked(f.createdAt, a.createdAt, 'action.createdAt'));
  return m;
}

/** A session key only some boards have (a template's sectors, the room's language): exported when valid, else left out. */
function optionalSetting<K extends 'expectedSectors' | 'language' | 'premoderation'>(doc: Y.Doc, key: K): Partial<Record<K, z.infer<(typeof SessionFields)[K]>>> {
  const parsed = SessionFields[key].safeParse(sessionOf(doc).get(key));
  return parsed.success ? ({ [key]: parsed.data } as Partial<Record<K, z.infer<(typeof SessionFields)[K]>>>) : {};
}
