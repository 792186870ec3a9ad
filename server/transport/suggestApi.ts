/**
 * GET /api/rooms/:roomId/suggestions (facilitator bearer token): proposed
 * scenarios among the notes not yet in one, and pairs of likely duplicate
 * notes, from the live board (shared/suggest/board.ts). Read-only: accepting
 * a group is the facilitator's own change, made through their client.
 */
import express, { type Request, type Response } from 'express';
import { suggestForBoard, type Suggestions } from '../../shared/suggest/board';
import type { RoomRegistry } from '../rooms/roomRegistry';
import { facilitatorRoom } from './facilitatorAccess';
import { sendError } from './httpErrors';

export function createSuggestRouter(registry: RoomRegistry): express.Router {
  const router = express.Router();
  router.get('/rooms/:roomId/suggestions', async (req: Request<{ roomId: string }>, res: Response) => {
    const record = await facilitatorRoom(registry, req, res, 'Suggestions are for the facilitator: send the facilitator token');
    if (!record) return;
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
