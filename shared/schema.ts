/**
 * The layout of a Tavolo board as a Y.Doc. Every reader and writer of a board
 * (client, server, tests, scripts) goes through these accessors, so the root
 * names and value shapes live in exactly one place. docs/document-format.md
 * describes the same layout for people.
 */
import * as Y from 'yjs';
import type { z } from 'zod';
import { DEFAULT_PHASE, PHASES, type Phase } from './phases';
import {
  BallotSchema,
  ConsultationWindowSchema,
  OriginSchema,
  PastWindowSchema,
  DotCount,
  ItemId,
  NoteFields,
  ReadyCheckSchema,
  ROOT_NOTES,
  ROOT_SCENARIOS,
  ROOT_SESSION,
  ROOT_VOTES,
  SCENARIO_MIN_HEIGHT,
  SCENARIO_MIN_WIDTH,
  ScenarioFields,
  SectorSchema,
  SessionFields,
  SpotlightSchema,
  TimerSchema,
  WhereSchema,
  readOr,
  type NoteColor,
  type ScenarioColor,
  type Sector,
  type Where,
} from './documentSchemas';

export {
  MAX_DOTS_PER_PERSON,
  MAX_NAME_LENGTH,
  MAX_NOTE_TEXT,
  MAX_PROMPT_LENGTH,
  MAX_TITLE_LENGTH,
  NOTE_COLORS,
  ROOT_NOTES,
  ROOT_SCENARIOS,
  ROOT_SESSION,
  ROOT_VOTES,
  SCENARIO_COLORS,
  SCENARIO_MIN_HEIGHT,
  SCENARIO_MIN_WIDTH,
  SECTORS,
  WHERES,
  type NoteColor,
  type ScenarioColor,
  type Sector,
  type Where,
} from './documentSchemas';

export const isWhere = (v: unknown): v is Where => WhereSchema.safeParse(v).success;

/** Notes have one size on every screen, so containment and culling need no DOM. */
export const NOTE_WIDTH = 200;
export const NOTE_HEIGHT = 140;

export const DEFAULT_DOTS_PER_PERSON = 5;

/** Plain snapshot of a note, what components render. In the note's Y.Map every
 * key holds a plain value except `text`, a Y.Text (docs/document-format.md). */
export interface NoteView {
  id: string;
  text: string;
  x: number;
  y: number;
  color: NoteColor;
  authorId: string;
  authorName: string;
  authorSector: Sector;
  /** A neutral facilitator's note: shown as the facilitator's, counted in no sector. */
  byFacilitator: boolean;
  /** Submitted under pre-moderation and not yet approved (drafts documents only). */
  pending: boolean;
  where: Where;
  /** 'meeting', or the id of the consultation window it was written in. */
  origin: string;
  scenarioId: string | null;
  createdAt: number;
}

export interface ScenarioView {
  id: string;
  name: string;
  color: ScenarioColor;
  x: number;
  y: number;
  w: number;
  h: number;
  createdAt: number;
}

/** One participant's dots. Stored whole as a plain value under their id so a
 * ballot is replaced atomically and can never be half-applied. */
export interface Ballot {
  sector: Sector;
  /** In the room or remote (absent on ballots written before it was recorded). */
  where?: Where;
  /** 'meeting' or a consultation window id (absent on ballots written before it was recorded). */
  origin?: string;
  /** item id (note or scenario) -> dots placed on it */
  dots: Record<string, number>;
  updatedAt: number;
}

/** A countdown in server time: clients correct for their clock skew. */
export interface TimerState {
  state: 'idle' | 'running' | 'paused';
  /** Server epoch ms when a running timer reaches zero. */
  endsAt: number;
  /** What is left while paused (and the full length while idle). */
  remainingMs: number;
}

export interface Spotlight {
  kind: 'note' | 'scenario';
  id: string;
  /** Server epoch ms, so followers react to a new spotlight on the same item. */
  at: number;
}

export interface ReadyCheck {
  id: string;
  askedAt: number;
}

export interface SessionView {
  title: string;
  dotsPerPerson: number;
  createdAt: number;
  phase: Phase;
  prompts: Record<Phase, string>;
  locked: boolean;
  /** Listening notes stay private to their author until revealed. */
  privateWriting: boolean;
  /** New participant notes wait for approval (server/rooms/moderation.ts). */
  premoderation: boolean;
  timer: TimerState;
  spotlight: Spotlight | null;
  readyCheck: ReadyCheck | null;
  /** Above this many people online, presence and cursors are simplified. */
  crowdThreshold: number;
  /** 'closed' between meetings (shared/consultation.ts). */
  meeting: 'live' | 'closed';
  consultation: ConsultationWindow | null;
  consultations: PastWindow[];
}

export type ConsultationWindow = z.infer<typeof ConsultationWindowSchema>;
export type PastWindow = z.infer<typeof PastWindowSchema>;

export const DEFAULT_CROWD_THRESHOLD = 60;
export const IDLE_TIMER: TimerState = { state: 'idle', endsAt: 0, remainingMs: 5 * 60_000 };

export type NoteMap = Y.Map<unknown>;
export type ScenarioMap = Y.Map<unknown>;

export const notesOf = (doc: Y.Doc): Y.Map<NoteMap> => doc.getMap<NoteMap>(ROOT_NOTES);
export const scenariosOf = (doc: Y.Doc): Y.Map<ScenarioMap> => doc.getMap<ScenarioMap>(ROOT_SCENARIOS);
export const votesOf = (doc: Y.Doc): Y.Map<Ballot> => doc.getMap<Ballot>(ROOT_VOTES);
export const sessionOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>(ROOT_SESSION);

export const isSector = (v: unknown): v is Sector => SectorSchema.safeParse(v).success;
export const isNoteColor = (v: unknown): v is NoteColor => NoteFields.color.safeParse(v).success;
export const isScenarioColor = (v: unknown): v is ScenarioColor => ScenarioFields.color.safeParse(v).success;

/** Reads a note defensively: a board written by an older or foreign client
 * still renders instead of crashing the canvas. Every field is parsed with
 * the schema the server enforces (shared/documentSchemas.ts). */
export function readNote(id: string, m: NoteMap): NoteView {
  const text = m.get('text');
  const f = NoteFields;
  return {
    id,
    text: text instanceof Y.Text ? text.toString() : '',
    x: readOr(f.x, m.get('x'), 0),
    y: readOr(f.y, m.get('y'), 0),
    color: readOr(f.color, m.get('color'), 'yellow'),
    authorId: readOr(f.authorId, m.get('authorId'), ''),
    authorName: readOr(f.authorName, m.get('authorName'), ''),
    authorSector: readOr(f.authorSector, m.get('authorSector'), 'other'),
    byFacilitator: m.get('byFacilitator') === true,
    pending: m.get('pending') === true,
    where: readOr(f.where, m.get('where'), 'remote'),
    origin: readOr(f.origin, m.get('origin'), 'meeting'),
    scenarioId: readOr(f.scenarioId, m.get('scenarioId'), null),
    createdAt: readOr(f.createdAt, m.get('createdAt'), 0),
  };
}

export function readScenario(id: string, m: ScenarioMap): ScenarioView {
  const f = ScenarioFields;
  return {
    id,
    name: readOr(f.name, m.get('name'), ''),
    color: readOr(f.color, m.get('color'), 'teal'),
    x: readOr(f.x, m.get('x'), 0),
    y: readOr(f.y, m.get('y'), 0),
    w: readOr(f.w, m.get('w'), SCENARIO_MIN_WIDTH),
    h: readOr(f.h, m.get('h'), SCENARIO_MIN_HEIGHT),
    createdAt: readOr(f.createdAt, m.get('createdAt'), 0),
  };
}

/**
 * The session as read from the document's session map. The server reads it
 * for every update it checks (phase, lock, voting), and parsing it anew with
 * zod each time was a tenth of its CPU under a flood of edits; so the view is
 * kept per document and read again only when an entry of the map changed:
 * a key set anew (a new Yjs item) or deleted. Entries hold plain values, so
 * nothing inside one changes without its item changing. Read inside a
 * transaction too (observers would fire only at its end). The view is
 * frozen: it is shared by every reader until the session changes.
 */
export function readSession(doc: Y.Doc): Readonly<SessionView> {
  const map = sessionOf(doc);
  const kept = sessionViews.get(doc);
  if (kept && sameEntries(kept.entries, map)) return kept.view;
  const view = freezeView(parseSession(map));
  sessionViews.set(doc, { entries: entriesOf(map), view });
  return view;
}

interface KeptSession {
  /** Each key's item and whether it was deleted, when the view was read. */
  entries: Map<string, [Y.Item, boolean]>;
  view: Readonly<SessionView>;
}

const sessionViews = new WeakMap<Y.Doc, KeptSession>();

const entriesOf = (map: Y.Map<unknown>): Map<string, [Y.Item, boolean]> => new Map([...map._map].map(([k, item]) => [k, [item, item.deleted]]));

function sameEntries(kept: Map<string, [Y.Item, boolean]>, map: Y.Map<unknown>): boolean {
  if (kept.size !== map._map.size) return false;
  for (const [key, item] of map._map) {
    const was = kept.get(key);
    if (!was || was[0] !== item || was[1] !== item.deleted) return false;
  }
  return true;
}

/** Freezes the view and every object and array in it (all plain, fresh from parsing). */
function freezeView<T>(value: T): Readonly<T> {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) freezeView(v);
    Object.freeze(value);
  }
  return value;
}

const NullableSpotlight = SpotlightSchema.nullable();
const NullableReadyCheck = ReadyCheckSchema.nullable();

function parseSession(s: Y.Map<unknown>): SessionView {
  const f = SessionFields;
  return {
    title: readOr(f.title, s.get('title'), ''),
    dotsPerPerson: readOr(f.dotsPerPerson, s.get('dotsPerPerson'), DEFAULT_DOTS_PER_PERSON),
    createdAt: readOr(f.createdAt, s.get('createdAt'), 0),
    phase: readOr(f.phase, s.get('phase'), DEFAULT_PHASE),
    prompts: readPrompts(s.get('prompts')),
    locked: readOr(f.locked, s.get('locked'), false),
    privateWriting: readOr(f.privateWriting, s.get('privateWriting'), true),
    premoderation: readOr(f.premoderation, s.get('premoderation'), false),
    timer: readTimer(s.get('timer')),
    spotlight: readOr(NullableSpotlight, s.get('spotlight'), null),
    readyCheck: readOr(NullableReadyCheck, s.get('readyCheck'), null),
    crowdThreshold: readOr(f.crowdThreshold, s.get('crowdThreshold'), DEFAULT_CROWD_THRESHOLD),
    meeting: readOr(f.meeting, s.get('meeting'), 'live'),
    consultation: readOr(f.consultation, s.get('consultation'), null),
    consultations: readOr(f.consultations, s.get('consultations'), []),
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const PromptText = SessionFields.prompts.valueType; // one prompt, as the session schema holds it

function readPrompts(v: unknown): Record<Phase, string> {
  const out = {} as Record<Phase, string>;
  for (const p of PHASES) out[p] = isObject(v) ? readOr(PromptText, v[p], '') : '';
  return out;
}

export function readTimer(v: unknown): TimerState {
  return readOr(TimerSchema, v, IDLE_TIMER);
}

/** A ballot as it counts: dot counts that are not positive whole numbers on
 * item ids are dropped; a ballot without a valid sector reads as none. */
export function readBallot(v: unknown): Ballot | null {
  if (!isObject(v)) return null;
  const shape = BallotSchema.shape;
  const sector = shape.sector.safeParse(v.sector);
  if (!sector.success || !isObject(v.dots)) return null;
  const dots: Record<string, number> = {};
  for (const [item, n] of Object.entries(v.dots)) {
    if (ItemId.safeParse(item).success && DotCount.safeParse(n).success) dots[item] = n as number;
  }
  const where = readOr(WhereSchema.optional(), v.where, undefined);
  const origin = readOr(OriginSchema.optional(), v.origin, undefined);
  return { sector: sector.data, ...(where ? { where } : {}), ...(origin ? { origin } : {}), dots, updatedAt: readOr(shape.updatedAt, v.updatedAt, 0) };
}
