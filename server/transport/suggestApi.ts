/**
 * GET /api/rooms/:roomId/suggestions (facilitator bearer token): proposed
 * scenarios among the notes not yet in one, and pairs of likely duplicate
 * notes, from the live board (shared/suggest/board.ts). Read-only: accepting
 * a group is the facilitator's own change, made through their client.
 *
 * The board is copied out as plain notes here and analysed on a worker
 * thread (server/suggest/suggestPool.ts); a request the pool cannot take
 * now is answered at once with a status and Retry-After.
 */
import express, { type Request, type Response } from 'express';
import { snapshotForSuggestions, type SuggestSnapshot, type Suggestions } from '../../shared/suggest/board';
import type { Logger } from '../log';
import type { RoomRegistry } from '../rooms/roomRegistry';
import type { SuggestPool, SuggestRefusal } from '../suggest/suggestPool';
import { facilitatorRoom } from './facilitatorAccess';
import { sendError } from './httpErrors';

/** Status and Retry-After (seconds) for each way the pool may turn a request down. */
const REFUSALS: Record<SuggestRefusal, { status: number; code: string; retryAfterS: number | null }> = {
  // About what a 2,000-note board takes on a loaded core.
  room_busy: { status: 429, code: 'suggestions_in_progress', retryAfterS: 2 },
  queue_full: { status: 503, code: 'suggestions_busy', retryAfterS: 5 },
  // The same board would likely run out of time again at once.
  timeout: { status: 503, code: 'suggestions_timeout', retryAfterS: 30 },
  closed: { status: 503, code: 'shutting_down', retryAfterS: 5 },
  failed: { status: 500, code: 'internal', retryAfterS: null },
};

export function createSuggestRouter(registry: RoomRegistry, pool: SuggestPool, log: Logger): express.Router {
  const router = express.Router();
  router.get('/rooms/:roomId/suggestions', async (req: Request<{ roomId: string }>, res: Response) => {
    const record = await facilitatorRoom(registry, req, res, 'Suggestions are for the facilitator: send the facilitator token');
    if (!record) return;
    const room = await registry.acquire(record.roomId);
    if (!room) return sendError(res, 404, 'room_not_found', 'No workshop with this id');
    let snapshot: SuggestSnapshot;
    try {
      snapshot = snapshotForSuggestions(room.doc);
    } finally {
      registry.release(room);
    }
    const outcome = await pool.run(record.roomId, snapshot);
    if (outcome.ok) {
      const body: Suggestions = outcome.suggestions;
      return void res.json(body);
    }
    const refusal = REFUSALS[outcome.reason];
    if (outcome.reason === 'failed' || outcome.reason === 'timeout') log.warn({ roomId: record.roomId, notes: snapshot.notes.length, reason: outcome.reason, message: outcome.message }, 'suggestions failed');
    if (refusal.retryAfterS !== null) res.set('Retry-After', String(refusal.retryAfterS));
    sendError(res, refusal.status, refusal.code, outcome.reason === 'failed' ? 'Internal error' : outcome.message);
  });
  return router;
}
