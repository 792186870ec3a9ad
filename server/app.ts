/**
 * Wires the pieces into one HTTP server: request log, security headers,
 * Origin check on writes, API, health, metrics, static client (404 outside
 * its routes), sync socket. `main.ts` runs it; integration tests run it
 * through the same entry.
 */
import express, { type ErrorRequestHandler } from 'express';
import helmet from 'helmet';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Config } from './config';
import { log as rootLog, requestLogger, type Logger } from './log';
import { createMetrics } from './metrics';
import { RoomRegistry, type CloseOutcome } from './rooms/roomRegistry';
import { openStore } from './storage/openStore';
import { openSharedState } from './relay/openRedis';
import type { Store } from './storage/store';
import { StorageHealth, monitorStore } from './storage/storageHealth';
import { SuggestPool } from './suggest/suggestPool';
import { createApiRouter } from './transport/httpApi';
import { attachSyncSocket, type SyncSocket } from './transport/syncSocket';
import { sendError } from './transport/httpErrors';
import { metricsAllowed } from './transport/metricsAccess';
import { originAllowed, type OriginPolicy } from './transport/originCheck';
import type { TrustFn } from './transport/clientAddress';

/** The client's own routes (client/lib/route.ts); anything else that is not a file, the API or health is a 404. */
const CLIENT_ROUTE = /^\/(?:(?:r\/[^/]+(?:\/present|\/report)?|j\/[^/]+|accessibility|privacy)\/?)?$/;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Security headers on every answer. The built client (vite) has no inline
 * script or style element: React's style props go through the CSSOM, which
 * CSP does not govern, and QR codes are inline SVG markup. The sync socket is
 * same-origin, which 'self' covers for ws:/wss: too.
 */
const securityHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  crossOriginOpenerPolicy: { policy: 'same-origin' },
  referrerPolicy: { policy: 'no-referrer' },
  xFrameOptions: { action: 'deny' },
});

export interface TavoloServer {
  http: http.Server;
  registry: RoomRegistry;
  /**
   * Stops accepting, flushes every room to storage and closes the store,
   * waiting at most `deadlineMs` for rooms whose appends are failing.
   */
  close(deadlineMs?: number): Promise<CloseOutcome>;
}

export async function createTavoloServer(config: Config, log: Logger = rootLog, store?: Store): Promise<TavoloServer> {
  const health = new StorageHealth();
  const theStore = monitorStore(store ?? (await openStore(config)), health);
  const { relay, sharedCounter, readiness } = await openSharedState(config.REDIS_URL, log);
  const registry = new RoomRegistry(theStore, log, {
    unloadGraceMs: config.ROOM_UNLOAD_GRACE_MS,
    room: {
      compactAfterBytes: config.COMPACT_AFTER_BYTES,
      compactAfterUpdates: config.COMPACT_AFTER_UPDATES,
      compactDelayMs: 2000,
      relay,
      readiness,
      limits: {
        maxNotes: config.MAX_NOTES_PER_ROOM,
        maxScenarios: config.MAX_SCENARIOS_PER_ROOM,
        maxActions: config.MAX_ACTIONS_PER_ROOM,
        maxComments: config.MAX_COMMENTS_PER_ROOM,
        maxReactions: config.MAX_REACTIONS_PER_ROOM,
        maxDocBytes: config.MAX_ROOM_BYTES,
      },
      maxClientIdsPerIdentity: config.CLIENT_IDS_PER_IDENTITY,
    },
  });

  const suggestPool = new SuggestPool({ workers: config.SUGGEST_WORKERS, queueLimit: config.SUGGEST_QUEUE_LIMIT, timeoutMs: config.SUGGEST_TIMEOUT_MS });

  const identityKey = await theStore.secret('identity');
  // Deadlines that fell due while the server was down run now; the next ones when they fall due.
  registry.scheduler.start();

  const app = express();
  app.disable('x-powered-by');
  // The same setting decides req.ip for HTTP and, through its compiled function, the address of websocket upgrades.
  app.set('trust proxy', config.TRUST_PROXY);
  const trustProxy = app.get('trust proxy fn') as TrustFn;
  const publicUrl = config.PUBLIC_URL?.replace(/\/$/, '') ?? null;
  const origins: OriginPolicy = { allowed: config.ALLOWED_ORIGINS, publicUrl };
  let sync: SyncSocket | null = null;
  const metrics = createMetrics({
    rooms: () => registry.loadedRooms,
    connections: () => registry.connections,
    bufferedBytes: () => sync?.bufferedBytes() ?? 0,
  });

  app.use(requestLogger(log));
  app.use(securityHeaders);
  app.use((req, res, next) => {
    if (SAFE_METHODS.has(req.method) || originAllowed(req, origins)) return next();
    metrics.limits.inc({ limit: 'origin' });
    sendError(res, 403, 'forbidden_origin', 'Requests from this origin are not allowed');
  });
  app.get('/healthz', (_req, res) => {
    const storage = health.status;
    const counts = { rooms: registry.loadedRooms, connections: registry.connections };
    if (storage.ok) res.json({ status: 'ok', ...counts });
    else res.status(503).json({ status: 'storage_failing', reason: storage.reason, failing: storage.failing, since: storage.since, ...counts });
  });
  app.get('/metrics', async (req, res) => {
    if (!metricsAllowed(req, config.METRICS_TOKEN)) return sendError(res, 401, 'metrics_forbidden', 'Send the METRICS_TOKEN as a bearer token');
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.use(
    '/api',
    createApiRouter(registry, log, {
      identityKey,
      publicUrl,
      roomCreateLimit: { max: config.ROOM_CREATE_LIMIT, windowMs: config.ROOM_CREATE_WINDOW_MS },
      joinLimit: { max: 60, windowMs: 60_000 },
      sharedCounter,
      suggestPool,
    }),
  );

  const indexHtml = path.join(config.staticDir, 'index.html');
  app.use(express.static(config.staticDir, { index: false, maxAge: '1h' }));
  // The client routes (/, /r/:roomId, …) all load the same page.
  app.get(CLIENT_ROUTE, (_req, res) => {
    if (fs.existsSync(indexHtml)) res.sendFile(indexHtml, { headers: { 'Cache-Control': 'no-cache' } });
    else res.status(503).type('text').send('Client not built: run `npm run build`.');
  });
  app.use((_req, res) => sendError(res, 404, 'not_found', 'Not found'));
  // express 5 routes async errors here too: a request may fail, the server goes on.
  const onError: ErrorRequestHandler = (err: { status?: number; statusCode?: number; message?: string }, req, res, _next) => {
    const status = err.status ?? err.statusCode ?? 500;
    if (status >= 500) log.error({ err, method: req.method }, 'request failed');
    if (res.headersSent) return void res.destroy();
    if (status >= 400 && status < 500) sendError(res, status, 'bad_request', 'Bad request');
    else sendError(res, 500, 'internal', 'Internal error');
  };
  app.use(onError);

  const server = http.createServer(app);
  sync = attachSyncSocket(server, registry, log, {
    maxMessageBytes: config.MAX_MESSAGE_BYTES,
    maxQueuedFrames: 256,
    maxQueuedBytes: 2 * config.MAX_MESSAGE_BYTES,
    identityKey,
    maxBufferedBytes: config.MAX_BUFFERED_BYTES,
    pingIntervalMs: config.PING_INTERVAL_MS,
    updateRateLimit: config.UPDATE_RATE_LIMIT,
    updateBytesPerSecond: config.UPDATE_BYTES_PER_SECOND,
    awarenessMaxBytes: config.AWARENESS_MAX_BYTES,
    awarenessRateLimit: config.AWARENESS_RATE_LIMIT,
    maxConnectionsPerAddress: config.MAX_CONNECTIONS_PER_ADDRESS,
    maxConnectionsPerRoom: config.MAX_CONNECTIONS_PER_ROOM,
    maxTotalBufferedBytes: config.MAX_TOTAL_BUFFERED_BYTES,
    maxLoadedRooms: config.MAX_LOADED_ROOMS,
    trustProxy,
    origins,
    metrics,
  });
  const { wss } = sync;

  let closing: Promise<CloseOutcome> | null = null;
  return {
    http: server,
    registry,
    close(deadlineMs = Infinity) {
      closing ??= (async () => {
        server.close();
        await suggestPool.close();
        const outcome = await registry.closeAll(1012, 'server restarting', deadlineMs);
        sync?.close();
        for (const ws of wss.clients) ws.terminate();
        server.closeAllConnections();
        await relay.close();
        sharedCounter?.close();
        readiness?.close();
        await theStore.close().catch((err: unknown) => log.error({ err }, 'closing the store failed'));
        return outcome;
      })();
      return closing;
    },
  };
}
