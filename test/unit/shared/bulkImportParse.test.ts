import { describe, expect, it } from 'vitest';
import { MAX_NOTE_TEXT } from '../../../shared/documentSchemas';
import { decodeImportBytes, firstProblem, parseCsv, parseLines, parsePastedText, type ImportPreview } from '../../../shared/bulkImport';

const opts = { maxRows: 100 };
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
/** Latin-1 bytes for the plain letters, and the Windows-1252 byte for € (0x80). */
const cp1252 = (s: string): Uint8Array => Uint8Array.from([...s].map((c) => (c === '€' ? 0x80 : c.charCodeAt(0))));

function csvOf(bytes: Uint8Array): ImportPreview {
  const decoded = decodeImportBytes(bytes);
  if (!decoded.ok) throw new Error(decoded.problem.message);
  return parseCsv(decoded.text, opts);
}

describe('bulk import parser', () => {
  it('reads a semicolon CSV with Italian headers and sector labels', () => {
    const p = csvOf(utf8('testo;settore;autore;scenario\nPiù piste ciclabili;Pubblico;Anna;Mobilità\nOrti urbani;società civile;;\n'));
    expect(firstProblem(p)).toBeNull();
    expect(p.rows.map((r) => [r.line, r.text, r.sector, r.author, r.scenario])).toEqual([
      [2, 'Più piste ciclabili', 'public', 'Anna', 'Mobilità'],
      [3, 'Orti urbani', 'civil', null, null],
    ]);
  });

  it('reads a comma CSV with English headers and sector ids', () => {
    const p = csvOf(utf8('text,sector,author\n"Bike lanes, more of them",private,Bo\n'));
    expect(p.rows.map((r) => [r.text, r.sector, r.author])).toEqual([['Bike lanes, more of them', 'private', 'Bo']]);
  });

  it('strips a UTF-8 byte order mark', () => {
    const p = csvOf(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('text;sector\nperché no;other\n')]));
    expect(p.problem).toBeNull();
    expect(p.rows[0]!.text).toBe('perché no');
  });

  it('falls back to Windows-1252 for "perché" and "€"', () => {
    const p = csvOf(cp1252('testo;settore\nperch\u00e9 costa 5 €;privato\n'));
    expect(p.rows[0]!.text).toBe('perché costa 5 €');
    expect(p.rows[0]!.sector).toBe('private');
  });

  it('keeps newlines inside quotes and numbers rows by the line they start on', () => {
    const p = csvOf(utf8('text;sector\r\n"prima riga\r\nseconda riga";public\r\n\r\nultima;civil\r\n'));
    expect(p.rows.map((r) => [r.line, r.text])).toEqual([
      [2, 'prima riga\nseconda riga'],
      [5, 'ultima'],
    ]);
  });

  it('names the line where a quote opens and never closes', () => {
    const p = csvOf(utf8('text;sector\nbene;public\n"non chiusa;civil\naltro;public\n'));
    expect(p.problem).toMatchObject({ code: 'unbalanced_quotes', line: 3 });
  });

  it('names a line whose columns do not match the header (wrong delimiter)', () => {
    const p = csvOf(utf8('text;sector\nuno;public\ndue,public,extra;x;y\n'));
    expect(p.problem).toMatchObject({ code: 'column_count', line: 3 });
  });

  it('refuses a header that names no text column with any delimiter', () => {
    expect(csvOf(utf8('idee|settore\nuno|public\n')).problem).toMatchObject({ code: 'missing_header', line: 1 });
  });

  it('reads the short Italian names people type for a sector', () => {
    const p = csvOf(utf8('testo;settore\nuno;pubblico\ndue;civile\ntre;Privato\n'));
    expect(p.rows.map((r) => r.problem)).toEqual([null, null, null]);
    expect(p.rows.map((r) => r.sector)).toEqual(['public', 'civil', 'private']);
  });

  it('marks an unknown sector on its line', () => {
    const p = csvOf(utf8('text;sector\nuno;public\ndue;marziani\n'));
    expect(p.rows[0]!.problem).toBeNull();
    expect(firstProblem(p)).toMatchObject({ code: 'unknown_sector', line: 3 });
  });

  it('marks a line over the note limit', () => {
    const p = parseLines(['ok', 'x'.repeat(MAX_NOTE_TEXT + 1)], opts);
    expect(firstProblem(p)).toMatchObject({ code: 'text_too_long', line: 2 });
    expect(firstProblem(parseLines(['x'.repeat(MAX_NOTE_TEXT)], opts))).toBeNull();
  });

  it('marks the first row beyond what the room allows', () => {
    const p = parsePastedText('uno\n\ndue\ntre\nquattro', { maxRows: 2 });
    expect(p.rows.map((r) => r.problem?.code ?? null)).toEqual([null, null, 'too_many_rows', 'too_many_rows']);
    expect(firstProblem(p)).toMatchObject({ code: 'too_many_rows', line: 4 });
  });

  it('skips blank pasted lines but keeps their numbers', () => {
    const p = parsePastedText('  \nprima idea\n\n  seconda idea  \n', opts);
    expect(p.rows.map((r) => [r.line, r.text])).toEqual([
      [2, 'prima idea'],
      [4, 'seconda idea'],
    ]);
  });

  it('refuses UTF-16 and binary files as bad encoding', () => {
    expect(decodeImportBytes(Uint8Array.from([0xff, 0xfe, 0x74, 0]))).toMatchObject({ ok: false, problem: { code: 'bad_encoding' } });
    expect(decodeImportBytes(utf8('text\nuno\ndu\u0000e\n'))).toMatchObject({ ok: false, problem: { code: 'bad_encoding', line: 3 } });
  });
});
