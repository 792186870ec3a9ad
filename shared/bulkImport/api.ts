/** `POST /api/rooms/:roomId/import` (facilitator): a CSV (`text/csv`) or `application/json` `{ lines }`. */
import { z } from 'zod';
import { IMPORT_PROBLEM_CODES } from './problems';

/** A whole file of ideas fits: 500 rows of 2,000 characters is under 1 MB of UTF-8 for most text. */
export const MAX_IMPORT_BYTES = 1024 * 1024;
/** Lines beyond the room's capacity are still listed, so the error can name the first one over. */
const MAX_LINES = 10_000;

const Cell = z.string().max(10_000);
export const ImportLine = z.union([Cell, z.object({ text: Cell, sector: Cell.optional(), author: Cell.optional(), scenario: Cell.optional() }).strict()]);
export const ImportBody = z.object({ lines: z.array(ImportLine).max(MAX_LINES) }).strict();
export type ImportBody = z.infer<typeof ImportBody>;

export const ImportResponse = z.object({ created: z.number().int(), scenariosCreated: z.number().int() });
export type ImportResponse = z.infer<typeof ImportResponse>;

/** The 400 of a refused import: what is wrong and on which line (1-based); nothing was created. */
export const ImportErrorResponse = z.object({
  error: z.object({ code: z.union([z.enum(IMPORT_PROBLEM_CODES), z.string()]), message: z.string(), line: z.number().int().optional() }),
});
export type ImportErrorResponse = z.infer<typeof ImportErrorResponse>;
