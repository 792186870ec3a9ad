/**
 * The one description of every value a Tavolo document may hold, as zod
 * schemas. The readers in shared/ parse each field with them (falling back
 * to a default, so an old or foreign board still renders), the server's
 * policy refuses any update whose values fail them, and the server's own
 * writes (room creation, the reveal of drafts, secret-voting results) go
 * through them too. docs/document-format.md describes the same layout.
 *
 * This module imports nothing from the other model modules, so they can all
 * build on it without import cycles; they re-export what they always did.
 */
import { z } from 'zod';
import { ITEM_ID_PATTERN } from './ids';
import { PHASES } from './phases';

/** Root map names. Facilitator-owned settings and ballots each get their own
 * root so the server can police them separately (roles, secret voting). */
export const ROOT_NOTES = 'notes';
export const ROOT_SCENARIOS = 'scenarios';
export const ROOT_VOTES = 'votes';
export const ROOT_SESSION = 'session';
/** Voting status and revealed rounds: written by the server only. */
export const ROOT_RESULTS = 'results';
export const ROOT_ACTIONS = 'actions';
/** Threaded comments on notes, scenarios and action cards, one flat map by comment id. */
export const ROOT_COMMENTS = 'comments';
/** Reactions, one flat map keyed `itemId:participantId:kind`, so a duplicate cannot exist. */
export const ROOT_REACTIONS = 'reactions';

/** Every root of a board. A root missing from the server's policy table does not compile. */
export const ROOT_NAMES = [ROOT_NOTES, ROOT_SCENARIOS, ROOT_VOTES, ROOT_SESSION, ROOT_RESULTS, ROOT_ACTIONS, ROOT_COMMENTS, ROOT_REACTIONS] as const;
export type RootName = (typeof ROOT_NAMES)[number];
export const isRootName = (v: string): v is RootName => (ROOT_NAMES as readonly string[]).includes(v);
/** A participant's drafts document holds notes, and comments waiting for approval under pre-moderation. */
export const DRAFT_ROOT_NAMES: readonly RootName[] = [ROOT_NOTES, ROOT_COMMENTS];

export const SECTORS = ['public', 'private', 'civil', 'other'] as const;
export type Sector = (typeof SECTORS)[number];
/** Whether a contribution came from someone in the room or joining remotely. */
export const WHERES = ['room', 'remote'] as const;
export type Where = (typeof WHERES)[number];
export const NOTE_COLORS = ['yellow', 'pink', 'blue', 'green', 'orange', 'purple'] as const;
export type NoteColor = (typeof NOTE_COLORS)[number];
export const SCENARIO_COLORS = ['teal', 'indigo', 'rose', 'amber', 'slate', 'lime'] as const;
export type ScenarioColor = (typeof SCENARIO_COLORS)[number];
export const TIMER_STATES = ['idle', 'running', 'paused'] as const;
export const VOTE_MODES = ['secret', 'open'] as const;

/** Documented limits (docs/document-format.md). Text lengths are UTF-16 units. */
export const MAX_NOTE_TEXT = 2000;
export const MAX_NAME_LENGTH = 80;
export const MAX_TITLE_LENGTH = 120;
export const MAX_PROMPT_LENGTH = 500;
export const MAX_ACTION_TEXT = 4000;
export const MAX_PARTNERS = 30;
export const MAX_COMMITMENT_NOTE = 300;
export const MAX_COMMENT_TEXT = 1000;
export const MAX_DOTS_PER_PERSON = 50;
export const MAX_PER_ITEM = 50;
export const MAX_ANONYMITY_K = 20;
export const MIN_CROWD_THRESHOLD = 2;
export const MAX_CROWD_THRESHOLD = 10_000;
export const MAX_ROUND = 1_000_000;
/** Short free-form ids (ready checks, who created a card). */
export const MAX_TAG_LENGTH = 64;
export const SCENARIO_MIN_WIDTH = 260;
export const SCENARIO_MIN_HEIGHT = 200;

/** Any finite number a board uses (coordinates, epoch ms), kept far from float overflow. */
export const Finite = z.number().min(-1e15).max(1e15);
const Whole = (min: number, max: number) => z.number().int().min(min).max(max);
export const ItemId = z.string().regex(ITEM_ID_PATTERN);
const Tag = z.string().min(1).max(MAX_TAG_LENGTH);
const Text = (max: number) => z.string().max(max);
export const SectorSchema = z.enum(SECTORS);
/** A consultation window's id: unguessable, like a room id (shared/consultation.ts). */
export const WINDOW_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
export const WindowIdSchema = z.string().regex(WINDOW_ID_PATTERN);
/** Where a contribution was made: in a live meeting, or in the consultation window of that id. */
export const ORIGIN_MEETING = 'meeting';
export const OriginSchema = z.union([z.literal(ORIGIN_MEETING), WindowIdSchema]);
export const WhereSchema = z.enum(WHERES);
export const PhaseSchema = z.enum(PHASES);

/** Plain values of a note; `text` is a Y.Text (NOTE_TEXT_LIMITS). */
export const NoteFields = {
  x: Finite,
  y: Finite,
  color: z.enum(NOTE_COLORS),
  authorId: ItemId,
  authorName: Text(MAX_NAME_LENGTH),
  authorSector: SectorSchema,
  where: WhereSchema,
  scenarioId: ItemId.nullable(),
  createdAt: Finite,
  /** Written by a neutral facilitator: no stakeholder sector, counted in none. */
  byFacilitator: z.literal(true),
  /**
   * In a participant's drafts document only: submitted under pre-moderation,
   * waiting for the facilitator's approval (a draft without it is still
   * private writing). Never on the board.
   */
  pending: z.literal(true),
  /** 'meeting' or the consultation window it was written in; absent on notes from before windows existed (read as 'meeting'). */
  origin: OriginSchema,
};
export const NOTE_TEXT_LIMITS = { text: MAX_NOTE_TEXT } as const;
/** Fixed when a note is created; nobody rewrites them afterwards. */
export const NOTE_IDENTITY_KEYS: ReadonlySet<string> = new Set(['authorId', 'authorName', 'authorSector', 'where', 'createdAt', 'byFacilitator', 'pending', 'origin']);

export const ScenarioFields = {
  name: Text(MAX_NAME_LENGTH),
  color: z.enum(SCENARIO_COLORS),
  x: Finite,
  y: Finite,
  w: Finite.min(SCENARIO_MIN_WIDTH),
  h: Finite.min(SCENARIO_MIN_HEIGHT),
  createdAt: Finite,
};

/** One dot count on a ballot: a positive whole number. */
export const DotCount = Whole(1, MAX_DOTS_PER_PERSON);
/** One participant's dots, a plain value replaced whole (budget and per-item maximum: shared/scoring.ts). */
export const BallotSchema = z
  .object({ sector: SectorSchema, where: WhereSchema.optional(), origin: OriginSchema.optional(), dots: z.record(ItemId, DotCount), updatedAt: Finite })
  .strict();

export const TimerSchema = z.object({ state: z.enum(TIMER_STATES), endsAt: Finite, remainingMs: Finite.min(0) }).strict();
export const SpotlightSchema = z.object({ kind: z.enum(['note', 'scenario']), id: Tag, at: Finite }).strict();
export const ReadyCheckSchema = z.object({ id: Tag, askedAt: Finite }).strict();
export const VoteSettingsFields = {
  mode: z.enum(VOTE_MODES),
  /** Most dots one person may put on one item. */
  maxPerItem: Whole(1, MAX_PER_ITEM),
  /** Anonymity guard: smallest group of a sector whose breakdown is shown. */
  k: Whole(1, MAX_ANONYMITY_K),
  /** Show sector-balanced counts beside the raw ones. */
  balanced: z.boolean(),
};
export const VoteSettingsSchema = z.object(VoteSettingsFields).strict();

/** What a consultation window lets participants do (comments and reactions: their own roots). */
export const ConsultationOpensSchema = z
  .object({ notes: z.boolean(), comments: z.boolean(), reactions: z.boolean(), voting: z.boolean() })
  .strict();
export const MAX_PAST_WINDOWS = 100;
/** The consultation open now; written by the server only (it also keeps the deadline's schedule). */
export const ConsultationWindowSchema = z
  .object({
    id: WindowIdSchema,
    opens: ConsultationOpensSchema,
    prompt: Text(MAX_PROMPT_LENGTH),
    /** Server epoch ms: after it, participants' writes are refused and the server closes the window. */
    deadline: Finite,
    /** Reveal the open voting round when the window closes, instead of leaving it to the facilitator. */
    autoReveal: z.boolean(),
    openedAt: Finite,
  })
  .strict();
export const PastWindowSchema = ConsultationWindowSchema.extend({ closedAt: Finite, closedBy: z.enum(['deadline', 'facilitator']) }).strict();

export const SessionFields = {
  title: Text(MAX_TITLE_LENGTH),
  dotsPerPerson: Whole(0, MAX_DOTS_PER_PERSON),
  createdAt: Finite,
  phase: PhaseSchema,
  prompts: z.partialRecord(PhaseSchema, Text(MAX_PROMPT_LENGTH)),
  locked: z.boolean(),
  privateWriting: z.boolean(),
  /** New notes from participants wait for the facilitator's approval before anyone else receives them. */
  premoderation: z.boolean(),
  timer: TimerSchema,
  spotlight: SpotlightSchema.nullable(),
  readyCheck: ReadyCheckSchema.nullable(),
  crowdThreshold: Whole(MIN_CROWD_THRESHOLD, MAX_CROWD_THRESHOLD),
  voteSettings: VoteSettingsSchema,
  /** The sectors a template expects at the table (shared/templates/expectedSectors.ts). */
  expectedSectors: z.array(SectorSchema).max(SECTORS.length),
  /** The language the workshop is held in, chosen at creation: reports and exports default to it. */
  language: z.enum(['it', 'en']),
  /** 'closed' between meetings: participants write only through an open consultation window. Absent reads 'live'. */
  meeting: z.enum(['live', 'closed']),
  /** The consultation open now, or null (server-written). */
  consultation: ConsultationWindowSchema.nullable(),
  /** Windows closed so far, oldest first (server-written). */
  consultations: z.array(PastWindowSchema).max(MAX_PAST_WINDOWS),
};
/** Session keys the server alone writes, with the schedule that goes with them (server/rooms/consultations.ts). */
export const SERVER_SESSION_KEYS: ReadonlySet<string> = new Set(['consultation', 'consultations']);
export type SessionKey = keyof typeof SessionFields;
export const isSessionKey = (k: string): k is SessionKey => Object.hasOwn(SessionFields, k);

const bySector = <T extends z.ZodType>(cell: T) => z.object({ public: cell, private: cell, civil: cell, other: cell }).strict();
const Count = z.number().int().min(0);
const Share = z.number().min(0).max(1);
export const VotingStatusSchema = z.object({ round: Whole(1, MAX_ROUND), state: z.enum(['open', 'revealed']) }).strict();
export const ItemResultSchema = z
  .object({
    id: ItemId,
    kind: z.enum(['note', 'scenario']),
    label: Text(MAX_TITLE_LENGTH),
    dots: Count,
    voters: Count,
    bySector: bySector(z.object({ dots: Count, voters: Count, share: Share }).strict().nullable()),
    hiddenDots: Count,
    // Null where the anonymity guard hides a sector on the item (shared/scoring.ts figuresShown).
    bridging: Share.nullable(),
    divergence: Share.nullable(),
    divergent: z.boolean(),
    balancedDots: z.number().min(0).nullable(),
    rank: Whole(1, Number.MAX_SAFE_INTEGER),
    bridgingRank: Whole(1, Number.MAX_SAFE_INTEGER),
  })
  .strict();
export const RoundResultSchema = z
  .object({
    round: Whole(0, MAX_ROUND),
    voters: Count,
    dotsCast: Count,
    votersBySector: bySector(Count),
    // Rounds revealed before the server recorded where people voted from read as all unknown.
    votersByWhere: z.object({ room: Count, remote: Count, unknown: Count }).strict().default({ room: 0, remote: 0, unknown: 0 }),
    // Rounds revealed before consultation windows existed were all cast in meetings.
    votersByOrigin: z.object({ meeting: Count, consultation: Count }).strict().default({ meeting: 0, consultation: 0 }),
    sectorsVoting: z.array(SectorSchema),
    k: Whole(1, MAX_ANONYMITY_K),
    items: z.array(ItemResultSchema),
  })
  .strict();
export const RESULTS_STATUS_KEY = 'status';
export const ROUND_KEY_PATTERN = /^round:[1-9][0-9]{0,6}$/;

export const OrganisationSchema = z.object({ name: Text(MAX_NAME_LENGTH), sector: SectorSchema }).strict();
export const CommitmentSchema = z
  .object({ participantId: ItemId, name: Text(MAX_NAME_LENGTH), note: Text(MAX_COMMITMENT_NOTE), at: Finite })
  .strict();
export const ACTION_TEXT_FIELDS = ['objective', 'actions', 'resources', 'timeline'] as const;
export type ActionTextField = (typeof ACTION_TEXT_FIELDS)[number];
export const ACTION_TEXT_LIMITS: Record<ActionTextField, number> = {
  objective: MAX_ACTION_TEXT,
  actions: MAX_ACTION_TEXT,
  resources: MAX_ACTION_TEXT,
  timeline: MAX_ACTION_TEXT,
};
/** Plain values of an action card; the text fields are Y.Text, `commitments` a Y.Map of CommitmentSchema by sector. */
export const ActionFields = {
  title: Text(MAX_TITLE_LENGTH),
  fromItemId: ItemId.nullable(),
  lead: OrganisationSchema.nullable(),
  partners: z.array(OrganisationSchema).max(MAX_PARTNERS),
  createdBy: ItemId,
  createdAt: Finite,
};

/** What a comment or a reaction may be about. */
export const COMMENTABLE_KINDS = ['note', 'scenario', 'action'] as const;
export type CommentableKind = (typeof COMMENTABLE_KINDS)[number];
/**
 * Plain values of a comment (every key a plain value; `text` is replaced
 * whole on an edit). `parentId` names the comment this one answers, itself
 * a comment without a parent: one level of replies.
 */
export const CommentFields = {
  itemId: ItemId,
  itemKind: z.enum(COMMENTABLE_KINDS),
  parentId: ItemId.nullable(),
  authorId: ItemId,
  authorName: Text(MAX_NAME_LENGTH),
  authorSector: SectorSchema,
  /** Written by a neutral facilitator: no stakeholder sector. */
  byFacilitator: z.literal(true),
  createdAt: Finite,
  editedAt: Finite,
  text: z.string().min(1).max(MAX_COMMENT_TEXT),
  /** In a participant's drafts document only: written under pre-moderation, waiting for approval. Never on the board. */
  pending: z.literal(true),
  /** 'meeting' or the consultation window it was written in; absent on comments from before it was recorded (read as 'meeting'). */
  origin: OriginSchema,
};
/** Fixed when a comment is written; only `text` and `editedAt` change afterwards. */
export const COMMENT_IDENTITY_KEYS: ReadonlySet<string> = new Set([
  'itemId',
  'itemKind',
  'parentId',
  'authorId',
  'authorName',
  'authorSector',
  'byFacilitator',
  'createdAt',
  'pending',
  'origin',
]);
/** Keys a new comment must carry. */
export const COMMENT_REQUIRED_KEYS = ['itemId', 'itemKind', 'parentId', 'authorId', 'text', 'createdAt'] as const;

export const REACTION_KINDS = ['agree', 'important', 'question'] as const;
export type ReactionKind = (typeof REACTION_KINDS)[number];
/** `itemId:participantId:kind`: one entry per person, item and kind. */
export const REACTION_KEY_PATTERN = /^([A-Za-z0-9_-]{8,64}):([A-Za-z0-9_-]{8,64}):(agree|important|question)$/;
/** A reaction's value; `sector` null for a neutral facilitator (counted in no sector). */
export const ReactionSchema = z
  .object({
    sector: SectorSchema.nullable(),
    at: Finite,
    /** 'meeting' or the consultation window it was given in; absent on reactions from before it was recorded (read as 'meeting'). */
    origin: OriginSchema.optional(),
  })
  .strict();

/** The value when it fits the schema, the reader's default otherwise. */
export function readOr<T>(schema: z.ZodType<T>, value: unknown, fallback: T): T {
  const r = schema.safeParse(value);
  return r.success ? r.data : fallback;
}

/** Parses a value the server is about to write itself; a failure is a bug, not input. */
export function checked<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new Error(`server write outside the document schema (${what}): ${r.error.issues[0]?.message ?? ''}`);
  return r.data;
}
