/**
 * The import dialog's side of bulk import: the same parser the server runs
 * gives the preview, and the server (POST /api/rooms/:roomId/import) does
 * the checking that counts and the writing.
 */
import { ImportErrorResponse, ImportResponse, MAX_IMPORT_ROWS, decodeImportBytes, parseCsv, parsePastedText, type ImportPreview, type ImportProblem } from '../../shared/bulkImport';
import { accessScope, loadAccess } from './access';

export type ImportSource = { kind: 'text'; text: string } | { kind: 'file'; name: string; bytes: Uint8Array<ArrayBuffer> };

export function previewImport(source: ImportSource): ImportPreview {
  const opts = { maxRows: MAX_IMPORT_ROWS };
  if (source.kind === 'text') return parsePastedText(source.text, opts);
  const decoded = decodeImportBytes(source.bytes);
  return decoded.ok ? parseCsv(decoded.text, opts) : { rows: [], problem: decoded.problem };
}

export type ImportResult = { ok: true; created: number } | { ok: false; problem: ImportProblem | null };

export async function sendImport(roomId: string, source: ImportSource): Promise<ImportResult> {
  const token = loadAccess(accessScope(roomId, false))?.token ?? '';
  const body = source.kind === 'text' ? JSON.stringify({ lines: source.text.split(/\r\n|\n|\r/) }) : source.bytes;
  const res = await fetch(`/api/rooms/${encodeURIComponent(roomId)}/import`, {
    method: 'POST',
    headers: { 'content-type': source.kind === 'text' ? 'application/json' : 'text/csv', authorization: `Bearer ${token}` },
    body,
  });
  const json = (await res.json().catch(() => null)) as unknown;
  if (res.status === 201) return { ok: true, created: ImportResponse.parse(json).created };
  const err = ImportErrorResponse.safeParse(json);
  if (err.success && err.data.error.line !== undefined) {
    return { ok: false, problem: { code: err.data.error.code as ImportProblem['code'], message: err.data.error.message, line: err.data.error.line } };
  }
  return { ok: false, problem: null };
}
