/**
 * What every export says about a board, derived once from the exported
 * board: who took part, the notes grouped by scenario, the priorities of the
 * latest revealed round (or the open tally) and the action plan. The
 * Markdown report, the CSV, the printable report page and the PNG all read
 * this, so they cannot disagree.
 */
import * as Y from 'yjs';
import { threadsOf, type CommentNode } from '../comments';
import { summarizeReactions, type ReactionSummary } from '../reactions';
import { isParticipantNote } from '../notes';
import { PHASES, type Phase } from '../phases';
import { SECTORS, WHERES, type Sector, type Where } from '../schema';
import type { ItemResult, RoundResult } from '../scoring';
import { openRoundResult } from '../voting';
import { seedBoard, type ExportedAction, type ExportedBoard, type ExportedNote, type ExportedScenario } from './boardJson';

export interface NoteGroup {
  /** Null for the notes outside every scenario. */
  scenario: ExportedScenario | null;
  notes: ExportedNote[];
}

export interface OriginCount {
  /** 'meeting' or a consultation window id. */
  origin: string;
  /** When the window opened; null for the meeting and for windows the file does not list. */
  openedAt: number | null;
  notes: number;
  comments: number;
  reactions: number;
}

/** Every note, comment and reaction counted where it was written (shared/consultation.ts). */
export function countOrigins(board: ExportedBoard): OriginCount[] {
  const counts = new Map<string, { notes: number; comments: number; reactions: number }>([['meeting', { notes: 0, comments: 0, reactions: 0 }]]);
  const at = (origin: string): { notes: number; comments: number; reactions: number } => {
    let c = counts.get(origin);
    if (!c) counts.set(origin, (c = { notes: 0, comments: 0, reactions: 0 }));
    return c;
  };
  for (const n of board.notes) at(n.origin).notes++;
  for (const c of board.comments) at(c.origin).comments++;
  for (const r of board.reactions) at(r.origin ?? 'meeting').reactions++;
  const opened = new Map((board.session.consultations ?? []).map((w) => [w.id, w.openedAt]));
  return [...counts]
    .map(([origin, c]) => ({ origin, ...c, openedAt: opened.get(origin) ?? null }))
    .sort((a, b) => (a.origin === 'meeting' ? -1 : b.origin === 'meeting' ? 1 : (a.openedAt ?? Infinity) - (b.openedAt ?? Infinity)));
}

export interface BoardSummary {
  title: string;
  createdAt: number;
  participants: {
    total: number;
    bySector: Record<Sector, number>;
    byWhere: Record<Where | 'unknown', number>;
  };
  prompts: { phase: Phase; text: string }[];
  /** Notes and comments per origin: the meeting first, then each consultation window in the order it opened (unknown windows last). */
  origins: OriginCount[];
  groups: NoteGroup[];
  /** The round the priorities come from: the open tally (round 0) or the latest revealed round. */
  result: RoundResult | null;
  /** The result's items, best first. */
  priorities: ItemResult[];
  actions: ExportedAction[];
  /** Dots on each item in `result` (0 when it got none). */
  dotsOf: (itemId: string) => number;
  /** A note's scenario name, or null. */
  scenarioNameOf: (note: ExportedNote) => string | null;
  /** The comment threads on a note, scenario or action card, oldest first. */
  commentsOn: (itemId: string) => CommentNode[];
  /** Reactions on an item, per kind and sector. */
  reactionsOn: (itemId: string) => ReactionSummary;
  /** What an item of the results is called now: a scenario's name or a note's first line. */
  itemLabel: (itemId: string) => string | null;
}

/** Counts people, not notes: a contributor is anyone with a note, an open ballot or a commitment. */
function countParticipants(board: ExportedBoard): BoardSummary['participants'] {
  const people = new Map<string, { sector: Sector; where: Where | null }>();
  const meet = (id: string, sector: Sector, where: Where | null): void => {
    const known = people.get(id);
    if (!known) people.set(id, { sector, where });
    else if (!known.where && where) known.where = where;
  };
  for (const n of board.notes) if (isParticipantNote(n)) meet(n.authorId, n.authorSector, n.where);
  for (const [id, b] of Object.entries(board.votes)) meet(id, b.sector, b.where ?? null);
  for (const a of board.actions) for (const s of SECTORS) if (a.commitments[s]) meet(a.commitments[s].participantId, s, null);
  const bySector = Object.fromEntries(SECTORS.map((s) => [s, 0])) as Record<Sector, number>;
  const byWhere = { ...(Object.fromEntries(WHERES.map((w) => [w, 0])) as Record<Where, number>), unknown: 0 };
  for (const p of people.values()) {
    bySector[p.sector]++;
    byWhere[p.where ?? 'unknown']++;
  }
  return { total: people.size, bySector, byWhere };
}

/** The open tally, scored by the one scorer (shared/voting.ts) on the board rebuilt from the file. */
function openTally(board: ExportedBoard): RoundResult | null {
  if (board.session.voteSettings.mode !== 'open' || Object.keys(board.votes).length === 0) return null;
  const doc = new Y.Doc();
  try {
    seedBoard(doc, board, { maxNotes: Infinity, maxScenarios: Infinity, maxActions: Infinity, maxDocBytes: Infinity });
    const r = openRoundResult(doc);
    return r && r.dotsCast > 0 ? r : null;
  } finally {
    doc.destroy();
  }
}

function groupBy<T>(list: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const t of list) {
    const k = key(t);
    const l = out.get(k);
    if (l) l.push(t);
    else out.set(k, [t]);
  }
  return out;
}

export function summarizeBoard(board: ExportedBoard): BoardSummary {
  const scenarioName = new Map(board.scenarios.map((s) => [s.id, s.name]));
  const groups: NoteGroup[] = board.scenarios.map((scenario) => ({ scenario, notes: board.notes.filter((n) => n.scenarioId === scenario.id) }));
  const loose = board.notes.filter((n) => n.scenarioId === null);
  if (loose.length > 0) groups.push({ scenario: null, notes: loose });
  const result = openTally(board) ?? board.results.rounds[board.results.rounds.length - 1] ?? null;
  const priorities = result ? [...result.items].sort((a, b) => a.rank - b.rank || b.dots - a.dots) : [];
  const dots = new Map(priorities.map((i) => [i.id, i.dots]));
  const commentsByItem = groupBy(board.comments, (c) => c.itemId);
  const reactionsByItem = groupBy(board.reactions, (r) => r.itemId);
  const noteLabel = new Map(board.notes.map((n) => [n.id, n.text.split('\n')[0]?.trim() ?? '']));
  return {
    title: board.session.title,
    createdAt: board.session.createdAt,
    participants: countParticipants(board),
    prompts: PHASES.flatMap((phase) => {
      const text = board.session.prompts[phase]?.trim() ?? '';
      return text ? [{ phase, text }] : [];
    }),
    origins: countOrigins(board),
    groups,
    result,
    priorities,
    actions: board.actions,
    dotsOf: (id) => dots.get(id) ?? 0,
    scenarioNameOf: (n) => (n.scenarioId ? (scenarioName.get(n.scenarioId) ?? null) : null),
    commentsOn: (id) => threadsOf(commentsByItem.get(id) ?? []),
    reactionsOn: (id) => summarizeReactions(reactionsByItem.get(id) ?? []),
    itemLabel: (id) => scenarioName.get(id) ?? noteLabel.get(id) ?? null,
  };
}
