/**
 * GET /api/rooms/:roomId/export?format=md|csv|json[&lang=it|en]: the board
 * taken out of the room, for its facilitator only (any other token, or
 * none, gets 401). The three formats are built by shared/export/ from the
 * same exported board, so they cannot disagree with each other or with the
 * printable report page, which reads the JSON.
 *
 * Also the seed for POST /api/rooms { title, from }: a new room whose first
 * update is the exported board.
 */
import express, { type Request, type Response } from 'express';
import type * as Y from 'yjs';
import { z } from 'zod';
import { exportBoard, seedBoard, type BoardExport } from '../../shared/export/boardJson';
import { notesCsv } from '../../shared/export/csv';
import { boardMarkdown } from '../../shared/export/markdown';
import { EXPORT_LANGUAGES, isExportLanguage, type ExportLanguage } from '../../shared/export/strings';
import { sessionOf } from '../../shared/schema';
import type { RoomRegistry, RoomSeed } from '../rooms/roomRegistry';
import { facilitatorRoom } from './facilitatorAccess';
import { sendError } from './httpErrors';

/** Bodies of POST /api/rooms may carry a whole exported board; every other route keeps 16 kB. */
export const MAX_IMPORT_BODY = '5mb';

export const EXPORT_FORMATS = ['md', 'csv', 'json'] as const;
const ExportQuery = z.object({ format: z.enum(EXPORT_FORMATS), lang: z.enum(EXPORT_LANGUAGES).optional() });

const CONTENT_TYPES: Record<(typeof EXPORT_FORMATS)[number], string> = {
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** `tavolo-contratto-di-fiume-2026-12-01.md`: ASCII only, so every browser and OS keeps the name. */
export function exportFileName(title: string, at: number, format: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `tavolo-${slug || 'board'}-${new Date(at).toISOString().slice(0, 10)}.${format}`;
}

/** The `lang` asked for, else the room's own language (when the board records one), else the browser's. */
function languageOf(req: Request, asked: ExportLanguage | undefined, doc: Y.Doc): ExportLanguage {
  if (asked) return asked;
  const room = sessionOf(doc).get('language');
  if (isExportLanguage(room)) return room;
  return req.acceptsLanguages('it', 'en') === 'it' ? 'it' : 'en';
}

export function createExportRouter(registry: RoomRegistry): express.Router {
  const router = express.Router();
  router.get('/rooms/:roomId/export', async (req: Request<{ roomId: string }>, res: Response) => {
    const record = await facilitatorRoom(registry, req, res, 'Exports are for the facilitator: send the facilitator token');
    if (!record) return;
    const query = ExportQuery.safeParse(req.query);
    if (!query.success) return sendError(res, 400, 'invalid_query', 'format must be md, csv or json; lang, if given, it or en');
    const room = await registry.acquire(record.roomId);
    if (!room) return sendError(res, 404, 'room_not_found', 'No workshop with this id');
    let file: BoardExport;
    let lang: ExportLanguage;
    try {
      file = exportBoard(room.doc);
      lang = languageOf(req, query.data.lang, room.doc);
    } finally {
      registry.release(room);
    }
    const { format } = query.data;
    const body = format === 'json' ? JSON.stringify(file) : format === 'md' ? boardMarkdown(file, lang) : notesCsv(file, lang);
    res
      .status(200)
      .set('Content-Type', CONTENT_TYPES[format])
      .set('Content-Disposition', `attachment; filename="${exportFileName(file.board.session.title, file.exportedAt, format)}"`)
      // Notes and names of a workshop: never kept by a shared cache.
      .set('Cache-Control', 'no-store')
      .send(body);
  });
  return router;
}

/** What RoomRegistry.create runs on a new room's document to make it the exported board. */
export const seedFromExport =
  (file: BoardExport): RoomSeed =>
  (doc, { limits }) =>
    seedBoard(doc, file.board, limits);
