/**
 * Entry point: `npm start` (scripts/start.mjs) bundles this into
 * build/server/main.mjs (scripts/build-server.mjs) after making sure the
 * client is built, and runs the bundle; in development
 * `node --import tsx server/main.ts` runs the sources directly.
 * Everything it says goes through the one JSON logger on stdout.
 */
import { loadConfig } from './config';
import { createTavoloServer, type TavoloServer } from './app';
import { flushLog, log } from './log';
import { DatabaseUnusableError } from './storage/sqliteFile';

/** How long the last log lines may take to reach a slow or vanished reader. */
const LOG_FLUSH_MS = 1000;
/** Exit code for a database that cannot be used: restarting will not help. */
const EXIT_DATABASE_UNUSABLE = 2;

const exit = async (code: number): Promise<never> => {
  await flushLog(LOG_FLUSH_MS);
  process.exit(code);
};

const config = loadConfig();
let tavolo: TavoloServer;
try {
  tavolo = await createTavoloServer(config);
} catch (err) {
  if (!(err instanceof DatabaseUnusableError)) throw err;
  // One clear line, no stack: the operator has a file to look at, not a bug.
  log.fatal({ file: err.file, reason: err.reason }, `cannot open the database: ${err.reason}`);
  await exit(EXIT_DATABASE_UNUSABLE);
}

// The listening line is always written, whatever LOG_LEVEL (even warn or
// silent): supervisors, the tests and the bench read the port from it. It is
// an info-level JSON line with msg "listening", on a child logger that keeps
// info enabled.
const announce = log.child({});
if (!log.isLevelEnabled('info')) announce.level = 'info';

tavolo!.http.listen(config.PORT, config.HOST, () => {
  const addr = tavolo.http.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.PORT;
  announce.info({ port, host: config.HOST, url: `http://localhost:${port}`, dataDir: config.dataDir }, 'listening');
});

let stopping = false;
const shutdown = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  log.info({ signal, timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, 'shutting down: flushing rooms');
  // A backstop in case something hangs past the rooms' deadline.
  setTimeout(() => {
    log.error({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, 'shutdown timed out');
    void exit(1);
  }, config.SHUTDOWN_TIMEOUT_MS + LOG_FLUSH_MS);
  tavolo.close(config.SHUTDOWN_TIMEOUT_MS).then(
    ({ unsaved }) => {
      if (unsaved.length === 0) {
        log.info('stopped');
        return exit(0);
      }
      log.error({ unsavedRooms: unsaved.length, roomIds: unsaved }, `stopped with ${unsaved.length} room(s) holding unsaved changes`);
      return exit(1);
    },
    (err: unknown) => {
      log.error({ err }, 'shutdown failed');
      return exit(1);
    },
  );
};
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
