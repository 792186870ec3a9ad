/**
 * GET /api/rooms/:roomId/suggestions (facilitator bearer token): proposed
 * scenarios among the notes not yet in one, and pairs of likely duplicate
 * notes, from the live board (shared/suggest/board.ts). Read-only: accepting
 * a group is the facilitator's own change, made through their client.
 */
import express, { type Request, type Response } from 'express';
import { suggestForBoard, type Suggestions } from '../../shared/suggest/board';
import { roleOfToken } from '../auth/tokens';
import type { RoomRegistry } from '../rooms/roomRegistry';
import { sendError } from './httpErrors';

const bearer = (req: Request): string | null => {
  const h = req.get('authorization');
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : null;
};

export function createSuggestRouter(registry: RoomRegistry): express.Router {
  const router = express.Router();
  router.get('/rooms/:roomId/suggestions', async (req: Request<{ roomId: string }>, res: Response) => {
    const record = await registry.record(req.params.roomId);
    if (!record) return sendError(res, 404, 'room_not_found', 'No workshop with this id');
    if (roleOfToken(bearer(req), record.tokenHashes) !== 'facilitator') {
      return sendError(res, 401, 'invalid_token', 'Suggestions are for the facilitator: send the facilitator token');
    }
    const room = await registry.acquire(record.roomId);
    if (!room) return sendError(res, 404, 'room_not_found', 'No workshop with this id');
    try {
      const body: Suggestions = suggestForBoard(room.doc);
      res.json(body);
    } finally {
      registry.release(room);
    }
  });
  return router;
}
