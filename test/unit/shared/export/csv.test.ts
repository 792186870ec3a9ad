import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { exportBoard } from '../../../../shared/export/boardJson';
import { CSV_COLUMNS, guardCell, notesCsv, unguardCell } from '../../../../shared/export/csv';
import { buildFixture, FORMULA, HOSTILE } from '../../../helpers/exportFixture';

const read = (csv: string, delimiter: string): Record<string, string>[] => parse(csv, { bom: true, columns: true, delimiter, record_delimiter: '\r\n' });

describe('the notes CSV', () => {
  const { doc, ids } = buildFixture();
  const file = exportBoard(doc);

  it('is UTF-8 with a BOM and CRLF line ends, every field quoted, `,` in English and `;` in Italian', () => {
    const en = notesCsv(file, 'en');
    expect(en.startsWith('\uFEFF"id","text","author","sector","where","scenario","dots","created"\r\n')).toBe(true);
    expect(notesCsv(file, 'it').startsWith('\uFEFF"id";"text";')).toBe(true);
    // Every line break outside a quoted field is CRLF.
    expect(en.replace(/"(?:[^"]|"")*"/g, '').replace(/\r\n/g, '')).toMatch(/^\uFEFF[,]*$/);
  });

  it('round-trips hostile text, quotes, commas, semicolons, newlines and emoji in both languages', () => {
    for (const [lang, delimiter] of [['en', ','], ['it', ';']] as const) {
      const rows = read(notesCsv(file, lang), delimiter);
      expect(Object.keys(rows[0]!)).toEqual([...CSV_COLUMNS]);
      expect(rows.map((r) => r.id)).toEqual(file.board.notes.map((n) => n.id));
      for (const n of file.board.notes) {
        const row = rows.find((r) => r.id === n.id)!;
        expect(unguardCell(row.text!)).toBe(n.text);
        expect(unguardCell(row.author!)).toBe(n.authorName);
        expect(row.sector).toBe(n.authorSector);
        expect(row.where).toBe(n.where);
        expect(row.created).toBe(new Date(n.createdAt).toISOString());
      }
      const byId = new Map(rows.map((r) => [r.id, r]));
      expect(byId.get(ids.hostile)).toMatchObject({ text: HOSTILE, scenario: 'Fiume vivo [x](y)', dots: '3' });
      expect(byId.get(ids.cycle)).toMatchObject({ scenario: 'Scuole', dots: '1' });
      expect(byId.get(ids.loose)).toMatchObject({ scenario: '', dots: '0' });
    }
  });

  it('never starts a cell with a formula character: = + - @ get an apostrophe', () => {
    const rows = read(notesCsv(file, 'en'), ',');
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(ids.formula)!.text).toBe(`'${FORMULA}`);
    expect(byId.get(ids.loose)!.text).toBe("'+39 333 — @mention -minus");
    for (const r of rows) for (const v of Object.values(r)) expect(v).not.toMatch(/^[=+\-@\t\r]/);
    expect(['=1', '+1', '-1', '@x', '\tx', '\rx', 'ok', "'=kept"].map(guardCell)).toEqual(["'=1", "'+1", "'-1", "'@x", "'\tx", "'\rx", 'ok', "''=kept"]);
    expect(unguardCell(guardCell("'=kept"))).toBe("'=kept");
  });
});
