/**
 * The HTTP API: health and rooms. Every body is parsed with a zod schema;
 * every error is `{ error: { code, message } }` with a fitting status.
 */
import express, { type ErrorRequestHandler, type Request, type Response } from 'express';
import { z } from 'zod';
import { CreateRoomBody, JoinBody, type CreateRoomResponse, type IdentityResponse, type JoinCodeResponse, type JoinResponse } from '../../shared/api';
import { formatJoinCode } from '../../shared/ids';
import type { Logger } from '../log';
import { RoomLoadError, type RoomRegistry } from '../rooms/roomRegistry';
import { StorageUnavailableError } from '../storage/storageHealth';
import { issueIdentity, roleOfToken } from '../auth/tokens';
import { bearer } from './facilitatorAccess';
import { sendError } from './httpErrors';
import { rateLimit } from './rateLimit';
import { mountImport } from './importApi';
import { mountTemplates, templateStart } from './templatesApi';
import { BoardImportError } from '../../shared/export/boardJson';
import { MAX_IMPORT_BODY, createExportRouter, seedFromExport } from './exportApi';
import type { SharedCounter } from '../relay/redisCounter';
import { createSuggestRouter } from './suggestApi';
import type { SuggestPool } from '../suggest/suggestPool';
import { createVersionsRouter } from './versionsApi';
import { createMyDataRouter } from './myDataApi';

const MAX_BODY = '16kb';

export interface ApiOptions {
  identityKey: Uint8Array;
  /** Base of the links handed out; the request's own origin when unset. */
  publicUrl: string | null;
  roomCreateLimit: { max: number; windowMs: number };
  /** Join-code look-ups per address: a code has 50 bits, so guessing must stay slow. */
  joinLimit: { max: number; windowMs: number };
  /** Counts the limits above across processes (Redis); in memory without it. */
  sharedCounter?: SharedCounter;
  /** Where board suggestions are computed, off the event loop. */
  suggestPool: SuggestPool;
}

const IdentityBody = z.object({}).strict();

export function createApiRouter(registry: RoomRegistry, log: Logger, opts: ApiOptions): express.Router {
  const api = express.Router();
  mountImport(api, registry);
  // Only a body sent as JSON is parsed: a cross-site form or `text/plain` POST
  // (no CORS preflight) gets 415 instead of being read as JSON.
  api.use((req, res, next) => {
    if (req.is('application/json') === false) return sendError(res, 415, 'unsupported_media_type', 'Send the body as application/json');
    next();
  });
  api.post('/rooms', express.json({ limit: MAX_IMPORT_BODY, strict: true, type: 'application/json' }));
  api.use(express.json({ limit: MAX_BODY, strict: true, type: 'application/json' }));
  const origin = (req: Request): string => opts.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;

  api.post('/rooms', rateLimit({ ...opts.roomCreateLimit, shared: opts.sharedCounter, name: 'create' }), async (req: Request, res: Response) => {
    const parsed = CreateRoomBody.safeParse(req.body);
    if (!parsed.success) {
      const message = parsed.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
      return sendError(res, 400, 'invalid_body', message);
    }
    const { from, ...choice } = parsed.data;
    if (from && (choice.template !== undefined || choice.templateFile !== undefined)) {
      return sendError(res, 400, 'conflicting_start', 'Start from a template or from an exported board, not both');
    }
    const start = templateStart(choice);
    if (!start.ok) return sendError(res, 400, start.code, start.message);
    const { roomId, tokens, joinCode } = await registry.create(start.title, from ? seedFromExport(from) : start.seed);
    const base = `${origin(req)}/r/${roomId}`;
    // Tokens travel in the fragment, which browsers never send to a server or in a Referer.
    const body: CreateRoomResponse = {
      roomId,
      tokens,
      links: {
        facilitator: `${base}#t=${tokens.facilitator}`,
        participant: `${base}#t=${tokens.participant}`,
        observer: `${base}/present#t=${tokens.observer}`,
        join: `${origin(req)}/j/${formatJoinCode(joinCode)}`,
      },
      joinCode,
    };
    res.status(201).json(body);
  });

  mountTemplates(api);

  api.post('/join', rateLimit({ ...opts.joinLimit, shared: opts.sharedCounter, name: 'join' }), async (req: Request, res: Response) => {
    const parsed = JoinBody.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, 'invalid_body', 'body must be { "code": "…" }');
    const roomId = await registry.roomOfJoinCode(parsed.data.code);
    if (!roomId) return sendError(res, 404, 'unknown_code', 'No workshop with this code');
    const body: JoinResponse = { roomId };
    res.json(body);
  });

  api.post('/rooms/:roomId/identity', async (req: Request<{ roomId: string }>, res: Response) => {
    if (!IdentityBody.safeParse(req.body ?? {}).success) return sendError(res, 400, 'invalid_body', 'body must be {}');
    const record = await registry.record(req.params.roomId);
    if (!record) return sendError(res, 404, 'room_not_found', 'No workshop with this id');
    const role = roleOfToken(bearer(req), record.tokenHashes);
    if (!role) return sendError(res, 401, 'invalid_token', 'This link is not valid for this workshop');
    const identity = role === 'observer' ? null : issueIdentity(opts.identityKey, record.roomId);
    const body: IdentityResponse = {
      role,
      participantId: identity?.participantId ?? null,
      identityToken: identity?.identityToken ?? null,
    };
    res.json(body);
  });

  // The projector asks again on every load, so its QR code survives reloads and re-opens.
  api.get('/rooms/:roomId/join-code', async (req: Request<{ roomId: string }>, res: Response) => {
    const record = await registry.record(req.params.roomId);
    if (!record) return sendError(res, 404, 'room_not_found', 'No workshop with this id');
    const role = roleOfToken(bearer(req), record.tokenHashes);
    if (role !== 'facilitator' && role !== 'observer') {
      return sendError(res, 401, 'invalid_token', 'The join code is for the facilitator and the projector: send their token');
    }
    const joinCode = await registry.joinCodeOf(record);
    if (!joinCode) return sendError(res, 404, 'join_code_unavailable', 'This workshop was created before join codes could be shown again');
    const body: JoinCodeResponse = { joinCode, link: `${origin(req)}/j/${formatJoinCode(joinCode)}` };
    res.json(body);
  });

  api.get('/rooms/:roomId/results', async (req: Request<{ roomId: string }>, res: Response) => {
    const record = await registry.record(req.params.roomId);
    if (!record) return sendError(res, 404, 'room_not_found', 'No workshop with this id');
    if (roleOfToken(bearer(req), record.tokenHashes) !== 'facilitator') {
      return sendError(res, 401, 'invalid_token', 'Results are for the facilitator: send the facilitator token');
    }
    const report = await registry.report(record.roomId);
    if (!report) return sendError(res, 404, 'room_not_found', 'No workshop with this id');
    res.json(report);
  });

  // Deletes the workshop for good: board, drafts, ballots; its clients are closed with 4410.
  api.delete('/rooms/:roomId', async (req: Request<{ roomId: string }>, res: Response) => {
    const record = await registry.record(req.params.roomId);
    if (!record) return sendError(res, 404, 'room_not_found', 'No workshop with this id');
    if (roleOfToken(bearer(req), record.tokenHashes) !== 'facilitator') {
      return sendError(res, 401, 'invalid_token', 'Only the facilitator may delete a workshop: send the facilitator token');
    }
    if (!(await registry.deleteRoom(record.roomId))) return sendError(res, 404, 'room_not_found', 'No workshop with this id');
    res.status(204).end();
  });

  api.use(createSuggestRouter(registry, opts.suggestPool, log));
  api.get('/rooms/:roomId', async (req: Request<{ roomId: string }>, res: Response) => {
    const info = await registry.info(req.params.roomId);
    if (!info) return sendError(res, 404, 'room_not_found', 'No workshop with this id');
    res.json(info);
  });

  api.use(createExportRouter(registry));
  api.use(createVersionsRouter(registry));
  api.use(createMyDataRouter(registry, opts.identityKey, log));
  api.use((_req, res) => sendError(res, 404, 'not_found', 'No such API route'));

  const onError: ErrorRequestHandler = (err: { type?: string; status?: number; message?: string }, _req, res, _next) => {
    if (err.type === 'entity.parse.failed') return sendError(res, 400, 'invalid_json', 'Body is not valid JSON');
    if (err.type === 'entity.too.large') return sendError(res, 413, 'body_too_large', 'Body too large');
    if (err instanceof BoardImportError) return sendError(res, 400, 'board_too_large', err.message);
    if (err.status && err.status >= 400 && err.status < 500) return sendError(res, err.status, 'bad_request', err.message ?? 'Bad request');
    if (err instanceof StorageUnavailableError) {
      log.error({ err }, 'api write failed: storage unavailable');
      return sendError(res, 503, 'storage_unavailable', 'The server cannot store changes right now; try again later');
    }
    if (err instanceof RoomLoadError) {
      log.error({ err }, 'api read failed: stored room unreadable');
      return sendError(res, 500, 'room_unreadable', 'This workshop\'s stored data cannot be read');
    }
    log.error({ err }, 'api error');
    sendError(res, 500, 'internal', 'Internal error');
  };
  api.use(onError);
  return api;
}
