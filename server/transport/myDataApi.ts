/**
 * A participant's own data over HTTP, proven by the link token they came in
 * with (`Authorization: Bearer …`, a participant's or facilitator's) and the
 * identity the server signed for them (`X-Tavolo-Identity`): nobody can ask
 * for, or erase, anyone else's.
 *
 * - `GET    /rooms/:roomId/my-data` → their contributions as JSON (shared/participantData.ts `MyContributions`);
 * - `DELETE /rooms/:roomId/my-data` → erases them (server/rooms/participantData.ts), answering the counts.
 */
import express, { type Request, type Response } from 'express';
import { IDENTITY_HEADER, type ErasureResult, type MyContributions } from '../../shared/participantData';
import type { Logger } from '../log';
import { collectParticipantData, eraseParticipantData } from '../rooms/participantData';
import type { RoomRegistry } from '../rooms/roomRegistry';
import { roleOfToken, verifyIdentity } from '../auth/tokens';
import { bearer } from './facilitatorAccess';
import { sendError } from './httpErrors';

export function createMyDataRouter(registry: RoomRegistry, identityKey: Uint8Array, log: Logger): express.Router {
  const api = express.Router();

  /** The asker's participant id, or null once the error is sent. */
  const asker = async (req: Request<{ roomId: string }>, res: Response): Promise<{ roomId: string; participantId: string } | null> => {
    const record = await registry.record(req.params.roomId);
    if (!record) {
      sendError(res, 404, 'room_not_found', 'No workshop with this id');
      return null;
    }
    const role = roleOfToken(bearer(req), record.tokenHashes);
    if (role !== 'participant' && role !== 'facilitator') {
      sendError(res, 401, 'invalid_token', 'Send the link token you joined with');
      return null;
    }
    const participantId = verifyIdentity(identityKey, record.roomId, req.get(IDENTITY_HEADER));
    if (!participantId) {
      sendError(res, 401, 'invalid_identity', `Send your identity token in ${IDENTITY_HEADER}`);
      return null;
    }
    return { roomId: record.roomId, participantId };
  };

  api.get('/rooms/:roomId/my-data', async (req: Request<{ roomId: string }>, res: Response) => {
    const who = await asker(req, res);
    if (!who) return;
    const body: MyContributions | null = await collectParticipantData(registry, who.roomId, who.participantId);
    if (!body) return sendError(res, 404, 'room_not_found', 'No workshop with this id');
    res.set('cache-control', 'no-store').json(body);
  });

  api.delete('/rooms/:roomId/my-data', async (req: Request<{ roomId: string }>, res: Response) => {
    const who = await asker(req, res);
    if (!who) return;
    const body: ErasureResult | null = await eraseParticipantData(registry, who.roomId, who.participantId, log);
    if (!body) return sendError(res, 404, 'room_not_found', 'No workshop with this id');
    res.json(body);
  });

  return api;
}
