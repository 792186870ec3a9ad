/**
 * Ideas to import, from a CSV (`text`, optional `sector`, `author`,
 * `scenario`; `;`, `,` or tab, detected from the header line) or from lines
 * (pasted text, one idea per line, or the API's `{ lines }`). Every row is
 * checked against the board's limits; the result lists each row with its
 * problem, if any, so the dialog can preview line by line, and the server
 * refuses the whole import at the first problem (`firstProblem`).
 */
import { parse } from 'csv-parse/browser/esm/sync';
import { MAX_NAME_LENGTH, MAX_NOTE_TEXT, SECTORS, type Sector } from '../documentSchemas';
import type { ImportProblem, ImportProblemCode } from './problems';

/** Most notes one import creates, whatever room the board has left. */
export const MAX_IMPORT_ROWS = 500;

export interface ImportRow {
  /** Where the row starts in the file or the pasted text, from 1. */
  line: number;
  text: string;
  sector: Sector | null;
  author: string | null;
  scenario: string | null;
}

export interface RowPreview extends ImportRow {
  problem: ImportProblem | null;
}

export interface ImportPreview {
  rows: RowPreview[];
  /** A problem with the file as a whole (encoding, header, quotes): no row can be trusted then. */
  problem: ImportProblem | null;
}

export interface ParseOptions {
  /** Notes the board still has room for (and at most MAX_IMPORT_ROWS). */
  maxRows: number;
}

/** One line of `POST …/import { lines }`: an idea's text, or the same columns a CSV has. */
export interface LineInput {
  text: string;
  sector?: string;
  author?: string;
  scenario?: string;
}

const COLUMN_NAMES: Record<'text' | 'sector' | 'author' | 'scenario', readonly string[]> = {
  text: ['text', 'testo', 'idea', 'nota', 'note'],
  sector: ['sector', 'settore'],
  author: ['author', 'autore', 'autrice', 'name', 'nome'],
  scenario: ['scenario'],
};
type Column = keyof typeof COLUMN_NAMES;

/** Ids and the labels people see in either language (client/i18n/<lang>/core.json "sector"), plus the usual variants. */
const SECTOR_NAMES: Record<Sector, readonly string[]> = {
  public: ['public', 'pubblico', 'pubblica', 'pubblica amministrazione', 'public sector', 'settore pubblico'],
  private: ['private', 'privato', 'privata', 'private sector', 'settore privato', 'impresa', 'imprese', 'business'],
  civil: ['civil', 'civile', 'civil society', 'società civile', 'societa civile', 'terzo settore', 'third sector', 'associazioni'],
  other: ['other', 'altro', 'altri', 'altra'],
};

const norm = (s: string): string => s.trim().toLocaleLowerCase().replace(/\s+/g, ' ');

export function sectorOf(value: string): Sector | null {
  const v = norm(value);
  return SECTORS.find((s) => SECTOR_NAMES[s].includes(v)) ?? null;
}

const DELIMITERS = [';', ',', '\t'] as const;
const splitLines = (text: string): string[] => text.split(/\r\n|\n|\r/);
const problem = (code: ImportProblemCode, line: number, message: string): ImportProblem => ({ code, line, message });

interface CsvError {
  code?: string;
  lines?: number;
  message?: string;
}

/** The columns a header line names with each delimiter; the delimiter naming a text column (and the most others) wins. */
function readHeader(firstLine: string): { delimiter: string; columns: Array<Column | null> } | null {
  let best: { delimiter: string; columns: Array<Column | null>; known: number } | null = null;
  for (const delimiter of DELIMITERS) {
    let cells: string[];
    try {
      cells = (parse(firstLine, { delimiter, relax_quotes: true }) as string[][])[0] ?? [];
    } catch {
      continue;
    }
    const columns = cells.map((c) => (Object.keys(COLUMN_NAMES) as Column[]).find((k) => COLUMN_NAMES[k].includes(norm(c))) ?? null);
    const known = columns.filter((c) => c !== null).length;
    if (columns.includes('text') && (!best || known > best.known)) best = { delimiter, columns, known };
  }
  return best;
}

const newlinesIn = (s: string): number => (s.match(/\n/g) ?? []).length;

export function parseCsv(input: string, opts: ParseOptions): ImportPreview {
  // One line ending everywhere, so line numbers count as an editor does and notes hold plain newlines.
  const text = input.replace(/\r\n?/g, '\n');
  const lines = splitLines(text);
  const headerIndex = lines.findIndex((l) => l.trim() !== '');
  if (headerIndex < 0) return { rows: [], problem: problem('empty_file', 1, 'The file is empty') };
  const header = readHeader(lines[headerIndex]!);
  if (!header) {
    return {
      rows: [],
      problem: problem('missing_header', headerIndex + 1, 'The first line must name the columns — text, and optionally sector, author, scenario — separated by ";" or ","'),
    };
  }
  let lastGoodLine = headerIndex;
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      delimiter: header.delimiter,
      skip_empty_lines: true,
      info: true,
      on_record: (record, context) => {
        lastGoodLine = context.lines;
        return record;
      },
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (err) {
    const e = err as CsvError;
    const at = e.lines ?? lastGoodLine + 1;
    switch (e.code) {
      case 'CSV_QUOTE_NOT_CLOSED': {
        // The parser reports where the file ended; the quote opened on the first line after the last whole record.
        let line = lastGoodLine + 1;
        while (line <= lines.length && lines[line - 1]!.trim() === '') line++;
        return { rows: [], problem: problem('unbalanced_quotes', line, 'A quote opens here and is never closed') };
      }
      case 'CSV_INVALID_CLOSING_QUOTE':
      case 'CSV_INVALID_OPENING_QUOTE':
        return { rows: [], problem: problem('unbalanced_quotes', at, 'A quote sits inside a field: put the whole field in quotes and double the quotes inside it') };
      case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
      case 'CSV_RECORD_DONT_MATCH_COLUMNS_LENGTH':
        return {
          rows: [],
          problem: problem('column_count', at, `This line does not have the ${header.columns.length} columns of the header, separated by "${header.delimiter === '\t' ? 'tab' : header.delimiter}"`),
        };
      default:
        return { rows: [], problem: problem('bad_csv', at, (e.message ?? 'The file is not valid CSV').slice(0, 200)) };
    }
  }
  const cell = (record: string[], column: Column): string | undefined => {
    const i = header.columns.indexOf(column);
    return i < 0 ? undefined : record[i];
  };
  const inputs = records.slice(1).map(({ record, info }) => ({
    line: info.lines - record.reduce((n, f) => n + newlinesIn(f), 0),
    input: { text: cell(record, 'text') ?? '', sector: cell(record, 'sector'), author: cell(record, 'author'), scenario: cell(record, 'scenario') },
  }));
  return { rows: checkRows(inputs.filter((r) => !isBlank(r.input)), opts), problem: null };
}

const isBlank = (i: LineInput): boolean => !i.text.trim() && !i.sector?.trim() && !i.author?.trim() && !i.scenario?.trim();

/** Pasted text (one idea per line) or the API's lines; blank lines are skipped but keep their number. */
export function parseLines(lines: ReadonlyArray<string | LineInput>, opts: ParseOptions): ImportPreview {
  const inputs = lines.map((l, i) => ({ line: i + 1, input: typeof l === 'string' ? { text: l } : l })).filter((r) => !isBlank(r.input));
  return { rows: checkRows(inputs, opts), problem: null };
}

export const parsePastedText = (text: string, opts: ParseOptions): ImportPreview => parseLines(splitLines(text), opts);

function checkRows(inputs: ReadonlyArray<{ line: number; input: LineInput }>, opts: ParseOptions): RowPreview[] {
  const maxRows = Math.max(0, Math.min(MAX_IMPORT_ROWS, opts.maxRows));
  return inputs.map(({ line, input }, index) => {
    const text = input.text.trim();
    const sectorText = input.sector?.trim() ?? '';
    const sector = sectorText ? sectorOf(sectorText) : null;
    const author = input.author?.trim() || null;
    const scenario = input.scenario?.trim() || null;
    const row: ImportRow = { line, text, sector, author, scenario };
    let p: ImportProblem | null = null;
    if (index >= maxRows) p = problem('too_many_rows', line, `The board has room for ${maxRows} more notes in one import`);
    else if (!text) p = problem('empty_text', line, 'This line has no text');
    else if (text.length > MAX_NOTE_TEXT) p = problem('text_too_long', line, `The text is longer than ${MAX_NOTE_TEXT} characters`);
    else if (sectorText && !sector) p = problem('unknown_sector', line, `Unknown sector "${sectorText.slice(0, 40)}": use public, private, civil or other (or pubblico, privato, società civile, altro)`);
    else if ((author?.length ?? 0) > MAX_NAME_LENGTH || (scenario?.length ?? 0) > MAX_NAME_LENGTH) p = problem('name_too_long', line, `Author and scenario names are at most ${MAX_NAME_LENGTH} characters`);
    return { ...row, problem: p };
  });
}

/** The problem that stops the import: the file's own, or the first row's. */
export function firstProblem(preview: ImportPreview): ImportProblem | null {
  return preview.problem ?? preview.rows.find((r) => r.problem)?.problem ?? null;
}
