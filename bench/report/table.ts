/** The result tables, as plain text for the terminal and as markdown. */
export interface Table {
  title: string;
  head: string[];
  rows: string[][];
  notes: string[];
}

export function toText(t: Table): string {
  const widths = t.head.map((h, i) => Math.max(h.length, ...t.rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [t.title, line(t.head), line(widths.map((w) => '-'.repeat(w))), ...t.rows.map(line), ...t.notes.map((n) => `  ${n}`)].join('\n');
}

export function toMarkdown(t: Table): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [`### ${t.title}`, '', line(t.head), line(t.head.map(() => '---')), ...t.rows.map(line), '', ...t.notes.map((n) => `- ${n}`)].join('\n');
}
