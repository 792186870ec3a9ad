/**
 * The board as an outline: the same document read as a structure a screen
 * reader walks in order — phase and prompt, scenarios with their notes,
 * notes in no scenario, revealed results, the action plan — instead of
 * positions on a canvas. `outlineOf` builds the model from the Y.Doc;
 * the label functions word each part, and the outline view renders exactly
 * these words, so `readOutline` (what a screen reader reads, in order) is
 * what the tests check.
 */
import type * as Y from 'yjs';
import { listActions } from '../../shared/actions';
import { listNotes } from '../../shared/notes';
import { PHASES, type Phase } from '../../shared/phases';
import { listScenarios } from '../../shared/scenarios';
import { SECTORS, readSession, type NoteView, type Sector } from '../../shared/schema';
import { listRoundResults, openRoundResult, readVoteSettings } from '../../shared/voting';

/** Dots on an item as this viewer may see them (client/lib/voteTotals.ts). */
export interface DotSource {
  /** Everyone's dots, or null while a secret round hides them. */
  total(itemId: string): number | null;
  mine(itemId: string): number;
}

export interface OutlineNote {
  id: string;
  text: string;
  authorId: string;
  authorName: string;
  authorSector: Sector;
  byFacilitator: boolean;
  /** In a participant's drafts: submitted under pre-moderation, waiting for approval. */
  pending: boolean;
  dots: number | null;
  mine: number;
}

export interface OutlineScenario {
  id: string;
  name: string;
  notes: OutlineNote[];
  dots: number | null;
  mine: number;
}

export interface OutlineResultItem {
  id: string;
  kind: 'note' | 'scenario';
  label: string;
  dots: number;
  rank: number;
}

export interface OutlineResults {
  /** 0 for open voting scored live. */
  round: number;
  items: OutlineResultItem[];
}

export interface OutlineAction {
  id: string;
  title: string;
  lead: { name: string; sector: Sector } | null;
  partners: Array<{ name: string; sector: Sector }>;
  commitments: Array<{ sector: Sector; name: string | null }>;
}

export interface OutlineModel {
  title: string;
  phase: Phase;
  prompt: string;
  scenarios: OutlineScenario[];
  /** Notes in no scenario. */
  loose: OutlineNote[];
  /** This participant's private drafts (Listening with private writing). */
  drafts: OutlineNote[] | null;
  results: OutlineResults | null;
  actions: OutlineAction[];
}

/** The dots one viewer may see, from the board's vote store. */
export function viewerDots(totals: { total(itemId: string): number | null; mine(participantId: string, itemId: string): number }, viewerId: string): DotSource {
  return { total: (id) => totals.total(id), mine: (id) => totals.mine(viewerId, id) };
}

const NO_DOTS: DotSource = { total: () => null, mine: () => 0 };

const byCreation = (a: NoteView, b: NoteView): number => a.createdAt - b.createdAt || a.id.localeCompare(b.id);

function outlineNote(n: NoteView, dots: DotSource): OutlineNote {
  return {
    id: n.id,
    text: n.text,
    authorId: n.authorId,
    authorName: n.authorName,
    authorSector: n.authorSector,
    byFacilitator: n.byFacilitator,
    pending: n.pending,
    dots: dots.total(n.id),
    mine: dots.mine(n.id),
  };
}

/** The latest revealed round in secret voting; the live count in open voting, once anyone voted. */
function resultsOf(doc: Y.Doc): OutlineResults | null {
  const result = readVoteSettings(doc).mode === 'open' ? openRoundResult(doc) : (listRoundResults(doc).at(-1) ?? null);
  if (!result || result.items.length === 0) return null;
  const items = [...result.items]
    .sort((a, b) => a.rank - b.rank || a.label.localeCompare(b.label))
    .map(({ id, kind, label, dots: d, rank }) => ({ id, kind, label, dots: d, rank }));
  return { round: result.round, items };
}

export function outlineOf(doc: Y.Doc, opts: { dots?: DotSource; drafts?: Y.Doc | null } = {}): OutlineModel {
  const dots = opts.dots ?? NO_DOTS;
  const session = readSession(doc);
  const notes = listNotes(doc).sort(byCreation);
  const scenarios = listScenarios(doc).map((s) => ({
    id: s.id,
    name: s.name,
    notes: notes.filter((n) => n.scenarioId === s.id).map((n) => outlineNote(n, dots)),
    dots: dots.total(s.id),
    mine: dots.mine(s.id),
  }));
  return {
    title: session.title,
    phase: session.phase,
    prompt: session.prompts[session.phase],
    scenarios,
    loose: notes.filter((n) => n.scenarioId === null).map((n) => outlineNote(n, dots)),
    // Drafts are not on the board: nobody can vote on them yet.
    drafts: opts.drafts ? listNotes(opts.drafts).sort(byCreation).map((n) => outlineNote(n, NO_DOTS)) : null,
    results: resultsOf(doc),
    actions: listActions(doc).map((a) => ({
      id: a.id,
      title: a.title,
      lead: a.lead,
      partners: a.partners,
      commitments: SECTORS.map((s) => ({ sector: s, name: a.commitments[s]?.name ?? null })),
    })),
  };
}

/** Translation function, as i18next's `t` is called here. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** Longest part of a note's text that names it in a button or a heading. */
const LABEL_LENGTH = 60;

/** How a note is named in buttons and announcements: its first line, shortened. */
export function noteLabel(text: string, t: Translate): string {
  const first = text.split('\n')[0]?.trim() ?? '';
  if (!first) return t('note.empty');
  return first.length > LABEL_LENGTH ? `${first.slice(0, LABEL_LENGTH - 1)}…` : first;
}

export const scenarioLabel = (name: string, t: Translate): string => name.trim() || t('scenario.unnamed');

export const phaseHeading = (phase: Phase, t: Translate): string =>
  t('outline.phaseHeading', { n: PHASES.indexOf(phase) + 1, total: PHASES.length, phase: t(`phases.${phase}`) });

/** "2 dots, 1 yours", or only "1 yours" while a secret round hides the totals; empty when there is nothing to say. */
export function dotsText(dots: number | null, mine: number, t: Translate): string {
  const parts: string[] = [];
  if (dots !== null && dots > 0) parts.push(t('outline.dots', { count: dots }));
  if (mine > 0) parts.push(t('outline.yours', { count: mine }));
  return parts.join(', ');
}

export function scenarioHeading(s: OutlineScenario, t: Translate): string {
  const name = scenarioLabel(s.name, t);
  const notes = t('outline.notes', { count: s.notes.length });
  const dots = dotsText(s.dots, s.mine, t);
  return dots ? t('outline.scenarioHeadingDots', { name, notes, dots }) : t('outline.scenarioHeading', { name, notes });
}

export function authorText(n: Pick<OutlineNote, 'authorName' | 'authorSector' | 'byFacilitator'>, t: Translate): string {
  return t('outline.author', { name: n.authorName, sector: n.byFacilitator ? t('outline.facilitator') : t(`sector.${n.authorSector}`) });
}

/** What a note's list item says after its text: who wrote it, and its dots. */
export function noteDetails(n: OutlineNote, t: Translate): string {
  return [authorText(n, t), dotsText(n.dots, n.mine, t)].filter(Boolean).join(' · ');
}

export const resultsHeading = (r: OutlineResults, t: Translate): string =>
  r.round === 0 ? t('outline.resultsLive') : t('outline.results', { round: r.round });

export function resultLine(item: OutlineResultItem, t: Translate): string {
  const label = item.kind === 'note' ? noteLabel(item.label, t) : scenarioLabel(item.label, t);
  return t('outline.resultLine', { rank: item.rank, label, dots: t('outline.dots', { count: item.dots }) });
}

export const leadText = (a: OutlineAction, t: Translate): string =>
  a.lead ? t('outline.lead', { name: a.lead.name, sector: t(`sector.${a.lead.sector}`) }) : t('actions.noLead');

export const partnersText = (a: OutlineAction, t: Translate): string =>
  a.partners.length === 0
    ? t('actions.noPartners')
    : t('outline.partners', { list: a.partners.map((p) => `${p.name} (${t(`sector.${p.sector}`)})`).join(', ') });

export const commitmentText = (c: OutlineAction['commitments'][number], t: Translate): string =>
  c.name !== null ? t('outline.committed', { sector: t(`sector.${c.sector}`), name: c.name }) : t('outline.notCommitted', { sector: t(`sector.${c.sector}`) });

/**
 * What a screen reader reads walking the outline from the top, as
 * "h1: …", "h2: …", "li: …" and "p: …" lines: the headings and items the
 * outline view renders, in its order (without its controls).
 */
export function readOutline(m: OutlineModel, t: Translate): string[] {
  const out: string[] = [`h1: ${m.title}`, `h2: ${phaseHeading(m.phase, t)}`, `p: ${m.prompt || t(`phaseHint.${m.phase}`)}`];
  const note = (n: OutlineNote): string => `li: ${n.text || t('note.empty')} — ${noteDetails(n, t)}`;
  if (m.drafts) {
    out.push(`h2: ${t('outline.drafts')}`);
    out.push(...(m.drafts.length ? m.drafts.map((n) => `li: ${n.text || t('note.empty')}`) : [`p: ${t('outline.noDrafts')}`]));
  }
  out.push(`h2: ${t('outline.scenarios')}`);
  if (m.scenarios.length === 0) out.push(`p: ${t('outline.noScenarios')}`);
  for (const s of m.scenarios) {
    out.push(`h3: ${scenarioHeading(s, t)}`);
    out.push(...(s.notes.length ? s.notes.map(note) : [`p: ${t('outline.emptyScenario')}`]));
  }
  out.push(`h2: ${t('outline.loose')}`);
  out.push(...(m.loose.length ? m.loose.map(note) : [`p: ${t('outline.noLoose')}`]));
  if (m.results) {
    out.push(`h2: ${resultsHeading(m.results, t)}`);
    out.push(...m.results.items.map((i) => `li: ${resultLine(i, t)}`));
  }
  if (m.actions.length) {
    out.push(`h2: ${t('outline.actions')}`);
    for (const a of m.actions) {
      out.push(`h3: ${a.title || t('outline.untitled')}`, `p: ${leadText(a, t)}`, `p: ${partnersText(a, t)}`);
      out.push(...a.commitments.map((c) => `li: ${commitmentText(c, t)}`));
    }
  }
  return out;
}
