/**
 * The workshop report as Markdown. Everything people typed (titles, notes,
 * names, prompts, action cards) goes through `escapeMarkdown`, so a note can
 * never become a heading, a list, a link, an image, a table cell break or
 * HTML: it stays the text it was.
 */
import type { CommentNode, CommentView } from '../comments';
import { REACTION_KINDS } from '../reactions';
import { SECTORS } from '../schema';
import type { ItemResult } from '../scoring';
import type { BoardExport, ExportedAction } from './boardJson';
import { EXPORT_STRINGS, type ExportLanguage, type ExportStrings } from './strings';
import { summarizeBoard, type BoardSummary, type OriginCount } from './summary';

/** ASCII punctuation CommonMark lets a backslash escape, minus the three that become entities. */
const ESCAPED = /[!"#$%'()*+,\-./:;=?@[\\\]^_`{|}~]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * One line of inert Markdown text: every ASCII punctuation mark escaped (so
 * no syntax, and no autolink: `https\:\/\/…`, `www\.…` and `a\@b` are not
 * recognised), `& < >` as entities (no HTML, no autolinks in angle brackets),
 * line breaks and tabs as spaces. Use `escapeMarkdownBlock` to keep lines.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n\t\f\v\u2028\u2029]+/g, ' ')
    .replace(ESCAPED, (c) => `\\${c}`)
    .replace(/[&<>]/g, (c) => ENTITIES[c]!)
    .trim();
}

/** Several lines kept as hard line breaks, indented to continue a list item; blank lines dropped. */
export function escapeMarkdownBlock(text: string, indent = '  '): string {
  return text
    .split(/\r\n|[\r\n\u2028\u2029]/)
    .map(escapeMarkdown)
    .filter(Boolean)
    .join(`\\\n${indent}`);
}

const percent = (share: number | null, s: ExportStrings): string => (share === null ? s.guarded : `${Math.round(share * 100)} %`);

function dateOf(ms: number, s: ExportStrings): string {
  return new Date(ms).toLocaleDateString(s.locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
}

function participantsSection(sum: BoardSummary, s: ExportStrings): string[] {
  const p = sum.participants;
  const sectors = SECTORS.map((sec) => `${s.sectors[sec]} ${p.bySector[sec]}`).join(' · ');
  const where = [`${s.where.room} ${p.byWhere.room}`, `${s.where.remote} ${p.byWhere.remote}`];
  if (p.byWhere.unknown > 0) where.push(`${s.whereUnknown} ${p.byWhere.unknown}`);
  const lines = [`## ${s.participants}`, '', `- ${s.contributors}: ${p.total}`, `- ${s.bySector}: ${sectors}`, `- ${s.byWhere}: ${where.join(' · ')}`];
  // Only boards that had a consultation say where notes, comments and reactions came from.
  const place = (o: OriginCount): string => (o.origin === 'meeting' ? s.inMeeting : s.inConsultation(o.openedAt === null ? '?' : dateOf(o.openedAt, s)));
  if (sum.origins.some((o) => o.origin !== 'meeting' && o.notes > 0)) {
    lines.push(`- ${s.byOrigin}: ${sum.origins.map((o) => `${place(o)} ${o.notes}`).join(' · ')}`);
  }
  if (sum.origins.some((o) => o.origin !== 'meeting' && o.comments > 0)) {
    lines.push(`- ${s.commentsByOrigin}: ${sum.origins.map((o) => `${place(o)} ${o.comments}`).join(' · ')}`);
  }
  if (sum.origins.some((o) => o.origin !== 'meeting' && o.reactions > 0)) {
    lines.push(`- ${s.reactionsByOrigin}: ${sum.origins.map((o) => `${place(o)} ${o.reactions}`).join(' · ')}`);
  }
  return [...lines, ''];
}

/** "Agree 3 (Public 1 · Civil society 2); Question 1 (…)": only the kinds given; empty when none. */
export function reactionsText(sum: BoardSummary, itemId: string, s: ExportStrings): string {
  const r = sum.reactionsOn(itemId);
  return REACTION_KINDS.filter((k) => r[k].total > 0)
    .map((k) => {
      const sectors = SECTORS.filter((sec) => r[k].bySector[sec] > 0).map((sec) => `${s.sectors[sec]} ${r[k].bySector[sec]}`);
      return `${s.reactions[k]} ${r[k].total}${sectors.length ? ` (${sectors.join(' · ')})` : ''}`;
    })
    .join('; ');
}

function commentLine(c: CommentView, label: string, indent: string, s: ExportStrings): string {
  const who = `${escapeMarkdown(c.authorName) || s.none}, ${c.byFacilitator ? s.facilitator : s.sectors[c.authorSector]}`;
  const edited = c.editedAt !== null ? ` (${s.edited})` : '';
  // Marked as the board's badge marks it: only what came from a consultation window.
  const origin = c.origin !== 'meeting' ? ` [${s.fromConsultation}]` : '';
  return `${indent}- ${label} — *${who}*${origin}${edited}: ${escapeMarkdownBlock(c.text, `${indent}  `)}`;
}

/** The reactions and comment threads on one item, as list items nested under it (`indent` deep). */
function feedbackLines(sum: BoardSummary, itemId: string, indent: string, s: ExportStrings): string[] {
  const out: string[] = [];
  const reactions = reactionsText(sum, itemId, s);
  if (reactions) out.push(`${indent}- ${reactions}`);
  const threads: CommentNode[] = sum.commentsOn(itemId);
  for (const t of threads) {
    out.push(commentLine(t, s.comment, indent, s));
    for (const r of t.replies) out.push(commentLine(r, s.reply, `${indent}  `, s));
  }
  return out;
}

function notesSection(sum: BoardSummary, s: ExportStrings): string[] {
  const out = [`## ${s.notesByScenario}`, ''];
  if (sum.groups.length === 0) out.push(s.noNotes, '');
  for (const g of sum.groups) {
    out.push(`### ${g.scenario ? escapeMarkdown(g.scenario.name) || s.none : s.noScenario}`, '');
    if (g.scenario) {
      const feedback = feedbackLines(sum, g.scenario.id, '', s);
      if (feedback.length > 0) out.push(...feedback, '');
    }
    if (g.notes.length === 0) out.push(s.noNotes);
    for (const n of g.notes) {
      const who = n.byFacilitator ? s.facilitator : s.sectors[n.authorSector];
      out.push(`- ${escapeMarkdownBlock(n.text) || s.none} — *${who}*`, ...feedbackLines(sum, n.id, '  ', s));
    }
    out.push('');
  }
  return out;
}

function sectorCell(item: ItemResult, sector: (typeof SECTORS)[number], s: ExportStrings): string {
  const cell = item.bySector[sector];
  return cell ? String(cell.dots) : s.guarded;
}

function prioritiesSection(sum: BoardSummary, s: ExportStrings): string[] {
  const out = [`## ${s.priorities}`, ''];
  const r = sum.result;
  if (!r) return [...out, s.noVotes, ''];
  out.push(r.round === 0 ? s.openTally(r.voters, r.dotsCast) : s.roundLine(r.round, r.voters, r.dotsCast), '');
  out.push(`| ${[s.rank, s.item, s.dots, s.bridging, ...SECTORS.map((x) => s.sectors[x])].join(' | ')} |`);
  out.push(`|${' --- |'.repeat(4 + SECTORS.length)}`);
  for (const item of sum.priorities) {
    const label = escapeMarkdown(sum.itemLabel(item.id) ?? item.label) || s.none;
    out.push(`| ${[item.rank, label, item.dots, percent(item.bridging, s), ...SECTORS.map((x) => sectorCell(item, x, s))].join(' | ')} |`);
  }
  out.push('', `*${s.guardHidden(r.k)}*`, '');
  return out;
}

function actionLines(a: ExportedAction, sum: BoardSummary, s: ExportStrings): string[] {
  const org = (o: { name: string; sector: (typeof SECTORS)[number] }): string => `${escapeMarkdown(o.name)} (${s.sectors[o.sector]})`;
  const out = [`### ${escapeMarkdown(a.title) || s.none}`, ''];
  const answers = a.fromItemId ? sum.itemLabel(a.fromItemId) : null;
  if (answers) out.push(`- **${s.answers}**: ${escapeMarkdown(answers)}`);
  for (const field of ['objective', 'actions', 'resources', 'timeline'] as const) {
    if (a[field].trim()) out.push(`- **${s[field]}**: ${escapeMarkdownBlock(a[field])}`);
  }
  out.push(`- **${s.lead}**: ${a.lead ? org(a.lead) : s.none}`);
  out.push(`- **${s.partners}**: ${a.partners.length ? a.partners.map(org).join(', ') : s.none}`);
  out.push(`- **${s.commitments}**:`);
  for (const sector of SECTORS) {
    const c = a.commitments[sector];
    const what = c ? [escapeMarkdown(c.name), escapeMarkdown(c.note)].filter(Boolean).join(' — ') : `*${s.notCommitted}*`;
    out.push(`  - ${s.sectors[sector]}: ${what}`);
  }
  out.push(...feedbackLines(sum, a.id, '', s));
  out.push('');
  return out;
}

export function boardMarkdown(file: BoardExport, lang: ExportLanguage): string {
  const s = EXPORT_STRINGS[lang];
  const sum = summarizeBoard(file.board);
  const lines = [
    `# ${escapeMarkdown(sum.title) || s.none}`,
    '',
    `${s.date}: ${dateOf(sum.createdAt, s)} · ${s.exported}: ${dateOf(file.exportedAt, s)}`,
    '',
    ...participantsSection(sum, s),
  ];
  if (sum.prompts.length > 0) {
    lines.push(`## ${s.prompts}`, '');
    for (const p of sum.prompts) lines.push(`- **${s.phases[p.phase]}**: ${escapeMarkdownBlock(p.text)}`);
    lines.push('');
  }
  lines.push(...notesSection(sum, s), ...prioritiesSection(sum, s), `## ${s.actionPlan}`, '');
  if (sum.actions.length === 0) lines.push(s.noActions, '');
  for (const a of sum.actions) lines.push(...actionLines(a, sum, s));
  return lines.join('\n');
}
