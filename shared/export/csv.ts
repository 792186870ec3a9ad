/**
 * The board's notes as CSV for spreadsheets in Italian and English:
 * UTF-8 with a byte-order mark (so Excel reads accents and emoji), CRLF
 * line ends, every field quoted (quotes doubled), and the delimiter each
 * locale's Excel expects when the file is double-clicked: `;` in Italian
 * (where `,` is the decimal mark), `,` in English. LibreOffice and Numbers
 * detect either.
 *
 * Formula injection: a cell whose text starts with `=`, `+`, `-`, `@`, a tab
 * or a carriage return would be run as a formula by spreadsheet programs,
 * so such a cell gets a leading apostrophe (`'=SUM(A1)`), which spreadsheets
 * show as text and hide. Reading the file back, strip one leading `'` from
 * a cell whose text, after apostrophes, starts with one of those
 * (`unguardCell`); a text that itself starts with `'=` is guarded the same way.
 */
import type { BoardExport } from './boardJson';
import type { ExportLanguage } from './strings';
import { summarizeBoard } from './summary';

export const CSV_BOM = '\uFEFF';
export const CSV_COLUMNS = ['id', 'text', 'author', 'sector', 'where', 'scenario', 'dots', 'created'] as const;
export const csvDelimiter = (lang: ExportLanguage): ',' | ';' => (lang === 'it' ? ';' : ',');

/** A formula character first, or after apostrophes (so a text that starts with `'=` survives the round trip too). */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/** A cell a spreadsheet will show as text, never evaluate. */
export const guardCell = (value: string): string => (FORMULA_START.test(value) ? `'${value}` : value);
/** The text a guarded cell stood for. */
export const unguardCell = (value: string): string => (/^'+[=+\-@\t\r]/.test(value) ? value.slice(1) : value);

const quote = (value: string): string => `"${value.replace(/"/g, '""')}"`;

export function notesCsv(file: BoardExport, lang: ExportLanguage): string {
  const sum = summarizeBoard(file.board);
  const delimiter = csvDelimiter(lang);
  const rows: string[][] = [[...CSV_COLUMNS]];
  for (const n of file.board.notes) {
    rows.push([
      n.id,
      guardCell(n.text),
      guardCell(n.authorName),
      n.byFacilitator ? 'facilitator' : n.authorSector,
      n.where,
      guardCell(sum.scenarioNameOf(n) ?? ''),
      String(sum.dotsOf(n.id)),
      new Date(n.createdAt).toISOString(),
    ]);
  }
  return CSV_BOM + rows.map((r) => r.map(quote).join(delimiter)).join('\r\n') + '\r\n';
}
