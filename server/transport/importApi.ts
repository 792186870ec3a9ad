/**
 * `POST /api/rooms/:roomId/import` (facilitator bearer token): a CSV
 * (`text/csv`, UTF-8 with or without BOM, or Windows-1252) or
 * `application/json` `{ "lines": [...] }` → `201 { created }`, or
 * `400 { error: { code, message, line } }` naming the first bad line, with
 * nothing created. Mounted ahead of the API's JSON-only body parser: this
 * route takes CSV, and a whole file of ideas is larger than 16 kB.
 */
import express, { type Request, type Response } from 'express';
import {
  ImportBody,
  MAX_IMPORT_BYTES,
  decodeImportBytes,
  parseCsv,
  parseLines,
  type ImportErrorResponse,
  type ImportPreview,
  type ImportProblem,
  type ImportResponse,
} from '../../shared/bulkImport';
import { importIntoRoom } from '../rooms/bulkImport';
import type { RoomRegistry } from '../rooms/roomRegistry';
import { facilitatorRoom } from './facilitatorAccess';
import { sendError } from './httpErrors';

const readBody = express.raw({ type: () => true, limit: MAX_IMPORT_BYTES });

function sendProblem(res: Response, p: ImportProblem): void {
  const body: ImportErrorResponse = { error: { code: p.code, message: `Line ${p.line}: ${p.message}`, line: p.line } };
  res.status(400).json(body);
}

/** The body as rows, or the response already sent. */
type Parsed = { ok: true; parse: (maxRows: number) => ImportPreview } | { ok: false };

function parseBody(req: Request, res: Response, kind: 'text/csv' | 'application/json', raw: Buffer): Parsed {
  const bytes = new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
  const decoded = decodeImportBytes(bytes);
  if (!decoded.ok) {
    sendProblem(res, decoded.problem);
    return { ok: false };
  }
  if (kind === 'text/csv') return { ok: true, parse: (maxRows) => parseCsv(decoded.text, { maxRows }) };
  let json: unknown;
  try {
    json = JSON.parse(decoded.text);
  } catch {
    sendError(res, 400, 'invalid_json', 'Body is not valid JSON');
    return { ok: false };
  }
  const body = ImportBody.safeParse(json);
  if (!body.success) {
    sendError(res, 400, 'invalid_body', 'body must be { "lines": [ "text" | { "text", "sector"?, "author"?, "scenario"? } ] }');
    return { ok: false };
  }
  return { ok: true, parse: (maxRows) => parseLines(body.data.lines, { maxRows }) };
}

export function mountImport(api: express.Router, registry: RoomRegistry): void {
  api.post('/rooms/:roomId/import', async (req: Request<{ roomId: string }>, res: Response) => {
    const record = await facilitatorRoom(registry, req, res, 'Only the facilitator may import: send the facilitator token');
    if (!record) return;
    const kind = req.is(['text/csv', 'application/json']);
    if (kind !== 'text/csv' && kind !== 'application/json') {
      return sendError(res, 415, 'unsupported_media_type', 'Send a CSV as text/csv, or { "lines": [...] } as application/json');
    }
    const raw = await new Promise<Buffer | Error>((resolve) => readBody(req, res, (err?: unknown) => resolve(err ? (err as Error) : (req.body as Buffer))));
    if (raw instanceof Error) {
      const tooLarge = (raw as { type?: string }).type === 'entity.too.large';
      return sendError(res, tooLarge ? 413 : 400, tooLarge ? 'body_too_large' : 'bad_request', tooLarge ? `Body over ${MAX_IMPORT_BYTES} bytes` : raw.message);
    }
    if (!Buffer.isBuffer(raw) || raw.length === 0) return sendProblem(res, { code: 'empty_file', line: 1, message: 'The body is empty' });
    const parsed = parseBody(req, res, kind, raw);
    if (!parsed.ok) return;
    const outcome = await importIntoRoom(registry, record.roomId, parsed.parse);
    if (!outcome) return sendError(res, 404, 'room_not_found', 'No workshop with this id');
    if (!outcome.ok) return sendProblem(res, outcome.problem);
    const body: ImportResponse = { created: outcome.created, scenariosCreated: outcome.scenariosCreated };
    res.status(201).json(body);
  });
}
