/**
 * Wires the pieces into one HTTP server: API, health, static client, sync
 * socket. `main.ts` runs it; integration tests run it through the same entry.
 */
import express from 'express';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Config } from './config';
import { log as rootLog, type Logger } from './log';
import { RoomRegistry, type CloseOutcome } from './rooms/roomRegistry';
import { createSqliteStore } from './storage/sqliteStore';
import type { Store } from './storage/store';
import { StorageHealth, monitorStore } from './storage/storageHealth';
import { createApiRouter } from './transport/httpApi';
import { attachSyncSocket } from './transport/syncSocket';

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
  const theStore = monitorStore(
    store ?? createSqliteStore({ dataDir: config.dataDir, synchronous: config.SQLITE_SYNCHRONOUS }),
    health,
  );
  const registry = new RoomRegistry(theStore, log, {
    unloadGraceMs: config.ROOM_UNLOAD_GRACE_MS,
    room: {
      compactAfterBytes: config.COMPACT_AFTER_BYTES,
      compactAfterUpdates: config.COMPACT_AFTER_UPDATES,
      compactDelayMs: 2000,
    },
  });

  const identityKey = await theStore.secret('identity');

  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    const storage = health.status;
    const counts = { rooms: registry.loadedRooms, connections: registry.connections };
    if (storage.ok) res.json({ status: 'ok', ...counts });
    else res.status(503).json({ status: 'storage_failing', reason: storage.reason, failing: storage.failing, since: storage.since, ...counts });
  });
  app.use(
    '/api',
    createApiRouter(registry, log, {
      identityKey,
      publicUrl: config.PUBLIC_URL?.replace(/\/$/, '') ?? null,
      roomCreateLimit: { max: config.ROOM_CREATE_LIMIT, windowMs: config.ROOM_CREATE_WINDOW_MS },
      joinLimit: { max: 60, windowMs: 60_000 },
    }),
  );

  const indexHtml = path.join(config.staticDir, 'index.html');
  app.use(express.static(config.staticDir, { index: false, maxAge: '1h' }));
  // The client routes (/, /r/:roomId, …) all load the same page.
  app.get(/^\/(?!api\/|sync\/|healthz).*/, (_req, res) => {
    if (fs.existsSync(indexHtml)) res.sendFile(indexHtml, { headers: { 'Cache-Control': 'no-cache' } });
    else res.status(503).type('text').send('Client not built: run `npm run build`.');
  });

  const server = http.createServer(app);
  const wss = attachSyncSocket(server, registry, log, {
    maxMessageBytes: config.MAX_MESSAGE_BYTES,
    maxQueuedFrames: 256,
    maxQueuedBytes: 2 * config.MAX_MESSAGE_BYTES,
    identityKey,
    maxBufferedBytes: config.MAX_BUFFERED_BYTES,
    pingIntervalMs: config.PING_INTERVAL_MS,
  });

  let closing: Promise<CloseOutcome> | null = null;
  return {
    http: server,
    registry,
    close(deadlineMs = Infinity) {
      closing ??= (async () => {
        server.close();
        const outcome = await registry.closeAll(1012, 'server restarting', deadlineMs);
        wss.close();
        for (const ws of wss.clients) ws.terminate();
        server.closeAllConnections();
        await theStore.close().catch((err: unknown) => log.error({ err }, 'closing the store failed'));
        return outcome;
      })();
      return closing;
    },
  };
}
