/**
 * The layout of a Tavolo board as a Y.Doc. Every reader and writer of a board
 * (client, server, tests, scripts) goes through these accessors, so the root
 * names and value shapes live in exactly one place. docs/document-format.md
 * describes the same layout for people.
 */
import * as Y from 'yjs';
import { DEFAULT_PHASE, PHASES, isPhase, type Phase } from './phases';

/** Root map names. Facilitator-owned settings and ballots each get their own
 * root so the server can police them separately (roles, secret voting). */
export const ROOT_NOTES = 'notes';
export const ROOT_SCENARIOS = 'scenarios';
export const ROOT_VOTES = 'votes';
export const ROOT_SESSION = 'session';

export const SECTORS = ['public', 'private', 'civil', 'other'] as const;
export type Sector = (typeof SECTORS)[number];

/** Whether a contribution came from someone in the room or joining remotely. */
export const WHERES = ['room', 'remote'] as const;
export type Where = (typeof WHERES)[number];
export const isWhere = (v: unknown): v is Where => v === 'room' || v === 'remote';

export const NOTE_COLORS = ['yellow', 'pink', 'blue', 'green', 'orange', 'purple'] as const;
export type NoteColor = (typeof NOTE_COLORS)[number];

export const SCENARIO_COLORS = ['teal', 'indigo', 'rose', 'amber', 'slate', 'lime'] as const;
export type ScenarioColor = (typeof SCENARIO_COLORS)[number];

/** Notes have one size on every screen, so containment and culling need no DOM. */
export const NOTE_WIDTH = 200;
export const NOTE_HEIGHT = 140;
export const SCENARIO_MIN_WIDTH = 260;
export const SCENARIO_MIN_HEIGHT = 200;

export const DEFAULT_DOTS_PER_PERSON = 5;
export const MAX_DOTS_PER_PERSON = 50;
export const MAX_NOTE_TEXT = 2000;
export const MAX_NAME_LENGTH = 80;
export const MAX_TITLE_LENGTH = 120;

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
  where: Where;
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
  timer: TimerState;
  spotlight: Spotlight | null;
  readyCheck: ReadyCheck | null;
  /** Above this many people online, presence and cursors are simplified. */
  crowdThreshold: number;
}

export const DEFAULT_CROWD_THRESHOLD = 60;
export const MAX_PROMPT_LENGTH = 500;
export const IDLE_TIMER: TimerState = { state: 'idle', endsAt: 0, remainingMs: 5 * 60_000 };

export type NoteMap = Y.Map<unknown>;
export type ScenarioMap = Y.Map<unknown>;

export const notesOf = (doc: Y.Doc): Y.Map<NoteMap> => doc.getMap<NoteMap>(ROOT_NOTES);
export const scenariosOf = (doc: Y.Doc): Y.Map<ScenarioMap> => doc.getMap<ScenarioMap>(ROOT_SCENARIOS);
export const votesOf = (doc: Y.Doc): Y.Map<Ballot> => doc.getMap<Ballot>(ROOT_VOTES);
export const sessionOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>(ROOT_SESSION);

export const isSector = (v: unknown): v is Sector => typeof v === 'string' && (SECTORS as readonly string[]).includes(v);
export const isNoteColor = (v: unknown): v is NoteColor =>
  typeof v === 'string' && (NOTE_COLORS as readonly string[]).includes(v);
export const isScenarioColor = (v: unknown): v is ScenarioColor =>
  typeof v === 'string' && (SCENARIO_COLORS as readonly string[]).includes(v);

const num = (v: unknown, fallback = 0): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);

/** Reads a note defensively: a board written by an older or foreign client
 * still renders instead of crashing the canvas. */
export function readNote(id: string, m: NoteMap): NoteView {
  const text = m.get('text');
  const color = m.get('color');
  const sector = m.get('authorSector');
  const scenarioId = m.get('scenarioId');
  return {
    id,
    text: text instanceof Y.Text ? text.toString() : '',
    x: num(m.get('x')),
    y: num(m.get('y')),
    color: isNoteColor(color) ? color : 'yellow',
    authorId: str(m.get('authorId')),
    authorName: str(m.get('authorName')),
    authorSector: isSector(sector) ? sector : 'other',
    where: isWhere(m.get('where')) ? (m.get('where') as Where) : 'remote',
    scenarioId: typeof scenarioId === 'string' ? scenarioId : null,
    createdAt: num(m.get('createdAt')),
  };
}

export function readScenario(id: string, m: ScenarioMap): ScenarioView {
  const color = m.get('color');
  return {
    id,
    name: str(m.get('name')),
    color: isScenarioColor(color) ? color : 'teal',
    x: num(m.get('x')),
    y: num(m.get('y')),
    w: Math.max(SCENARIO_MIN_WIDTH, num(m.get('w'), SCENARIO_MIN_WIDTH)),
    h: Math.max(SCENARIO_MIN_HEIGHT, num(m.get('h'), SCENARIO_MIN_HEIGHT)),
    createdAt: num(m.get('createdAt')),
  };
}

export function readSession(doc: Y.Doc): SessionView {
  const s = sessionOf(doc);
  const dots = s.get('dotsPerPerson');
  return {
    title: str(s.get('title')),
    dotsPerPerson:
      typeof dots === 'number' && Number.isInteger(dots) && dots >= 0 && dots <= MAX_DOTS_PER_PERSON
        ? dots
        : DEFAULT_DOTS_PER_PERSON,
    createdAt: num(s.get('createdAt')),
    phase: isPhase(s.get('phase')) ? (s.get('phase') as Phase) : DEFAULT_PHASE,
    prompts: readPrompts(s.get('prompts')),
    locked: s.get('locked') === true,
    privateWriting: s.get('privateWriting') !== false,
    timer: readTimer(s.get('timer')),
    spotlight: readSpotlight(s.get('spotlight')),
    readyCheck: readReadyCheck(s.get('readyCheck')),
    crowdThreshold: num(s.get('crowdThreshold'), DEFAULT_CROWD_THRESHOLD) || DEFAULT_CROWD_THRESHOLD,
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function readPrompts(v: unknown): Record<Phase, string> {
  const out = {} as Record<Phase, string>;
  for (const p of PHASES) out[p] = isObject(v) && typeof v[p] === 'string' ? (v[p] as string) : '';
  return out;
}

export function readTimer(v: unknown): TimerState {
  if (!isObject(v)) return IDLE_TIMER;
  const state = v.state === 'running' || v.state === 'paused' ? v.state : 'idle';
  return { state, endsAt: num(v.endsAt), remainingMs: Math.max(0, num(v.remainingMs, IDLE_TIMER.remainingMs)) };
}

function readSpotlight(v: unknown): Spotlight | null {
  if (!isObject(v) || (v.kind !== 'note' && v.kind !== 'scenario') || typeof v.id !== 'string') return null;
  return { kind: v.kind, id: v.id, at: num(v.at) };
}

function readReadyCheck(v: unknown): ReadyCheck | null {
  if (!isObject(v) || typeof v.id !== 'string') return null;
  return { id: v.id, askedAt: num(v.askedAt) };
}

export function readBallot(v: unknown): Ballot | null {
  if (typeof v !== 'object' || v === null) return null;
  const b = v as Partial<Ballot>;
  if (!isSector(b.sector) || typeof b.dots !== 'object' || b.dots === null) return null;
  const dots: Record<string, number> = {};
  for (const [item, n] of Object.entries(b.dots)) {
    if (typeof n === 'number' && Number.isInteger(n) && n > 0) dots[item] = n;
  }
  return { sector: b.sector, ...(isWhere(b.where) ? { where: b.where } : {}), dots, updatedAt: num(b.updatedAt) };
}
