/**
 * The link token a request carries, and the check every facilitator-only
 * route makes with it: the room exists (404 otherwise) and the token is its
 * facilitator's (401, saying what the route is for).
 */
import type { Request, Response } from 'express';
import { roleOfToken } from '../auth/tokens';
import type { RoomRegistry } from '../rooms/roomRegistry';
import type { RoomRecord } from '../storage/store';
import { sendError } from './httpErrors';

/** The token of an `Authorization: Bearer …` header, or null. */
export const bearer = (req: Request): string | null => {
  const h = req.get('authorization');
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : null;
};

/** The room when the request carries its facilitator's token; otherwise the error is sent and null returned. */
export async function facilitatorRoom(registry: RoomRegistry, req: Request<{ roomId: string }>, res: Response, refusal: string): Promise<RoomRecord | null> {
  const record = await registry.record(req.params.roomId);
  if (!record) {
    sendError(res, 404, 'room_not_found', 'No workshop with this id');
    return null;
  }
  if (roleOfToken(bearer(req), record.tokenHashes) !== 'facilitator') {
    sendError(res, 401, 'invalid_token', refusal);
    return null;
  }
  return record;
}
