/**
 * Bytes of an uploaded file to text. Spreadsheets save CSV as UTF-8 (often
 * with a BOM) or, in Italian Excel's "CSV (;)", as Windows-1252: strict
 * UTF-8 first, Windows-1252 when that fails. Windows-1252 is decoded from
 * our own table because Node's TextDecoder treats the label as Latin-1
 * (0x80 becomes U+0080, not €), and server and browser must agree.
 */
import type { ImportProblem } from './problems';

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;
/** Windows-1252 bytes 0x80–0x9F; the five unassigned ones map to the C1 control of the same value, as WHATWG says. */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c,
  0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(...Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b)));
  }
  return out;
}

const lineAt = (text: string, index: number): number => {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
};

function firstControl(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0 || (c >= 0x80 && c <= 0x9f)) return i;
  }
  return -1;
}

export type Decoded = { ok: true; text: string } | { ok: false; problem: ImportProblem };

export function decodeImportBytes(bytes: Uint8Array): Decoded {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, problem: { code: 'bad_encoding', line: 1, message: 'The file is UTF-16: save it as CSV UTF-8 or CSV (;)' } };
  }
  const bom = UTF8_BOM.every((b, i) => bytes[i] === b);
  const body = bom ? bytes.subarray(3) : bytes;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    if (bom) {
      // A BOM says UTF-8: bytes that are not UTF-8 after it are damage, not another encoding.
      const lenient = new TextDecoder('utf-8').decode(body);
      return { ok: false, problem: { code: 'bad_encoding', line: lineAt(lenient, lenient.indexOf('\uFFFD')), message: 'The file says it is UTF-8 but holds bytes that are not' } };
    }
    text = decodeWindows1252(body);
  }
  // NUL and the C1 controls never appear in a text export: a binary file or another encoding (UTF-16 without a BOM).
  const bad = firstControl(text);
  if (bad >= 0) return { ok: false, problem: { code: 'bad_encoding', line: lineAt(text, bad), message: 'The file is not text in UTF-8 or Windows-1252' } };
  return { ok: true, text };
}
