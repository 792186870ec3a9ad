/**
 * The HTTP API: health and rooms. Every body is parsed with a zod schema;
 * every error is `{ error: { code, message } }` with a fitting status.
 */
import express, { type ErrorRequestHandler, type Request, type Response } from 'express';
import { CreateRoomBody, type ApiError, type CreateRoomResponse } from '../../shared/api';
import type { Logger } from '../log';
import type { RoomRegistry } from '../rooms/roomRegistry';

const MAX_BODY = '16kb';

export function sendError(res: Response, status: number, code: string, message: string): void {
  const body: ApiError = { error: { code, message } };
  res.status(status).json(body);
}

export function createApiRouter(registry: RoomRegistry, log: Logger): express.Router {
  const api = express.Router();
  api.use(express.json({ limit: MAX_BODY, strict: true, type: () => true }));

  api.post('/rooms', async (req: Request, res: Response) => {
    const parsed = CreateRoomBody.safeParse(req.body);
    if (!parsed.success) {
      const message = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
      return sendError(res, 400, 'invalid_body', message);
    }
    const roomId = await registry.create(parsed.data.title);
    const body: CreateRoomResponse = { roomId };
    res.status(201).json(body);
  });

  api.get('/rooms/:roomId', async (req: Request<{ roomId: string }>, res: Response) => {
    const info = await registry.info(req.params.roomId);
    if (!info) return sendError(res, 404, 'room_not_found', 'No workshop with this id');
    res.json(info);
  });

  api.use((_req, res) => sendError(res, 404, 'not_found', 'No such API route'));

  const onError: ErrorRequestHandler = (err: { type?: string; status?: number; message?: string }, _req, res, _next) => {
    if (err.type === 'entity.parse.failed') return sendError(res, 400, 'invalid_json', 'Body is not valid JSON');
    if (err.type === 'entity.too.large') return sendError(res, 413, 'body_too_large', `Body over ${MAX_BODY}`);
    if (err.status && err.status >= 400 && err.status < 500) return sendError(res, err.status, 'bad_request', err.message ?? 'Bad request');
    log.error({ err }, 'api error');
    sendError(res, 500, 'internal', 'Internal error');
  };
  api.use(onError);
  return api;
}
