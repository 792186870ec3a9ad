/** Entry point: `npm start` runs this after making sure the client is built. */
import { loadConfig } from './config';
import { createTavoloServer } from './app';
import { log } from './log';

const config = loadConfig();
const tavolo = await createTavoloServer(config);

tavolo.http.listen(config.PORT, config.HOST, () => {
  const addr = tavolo.http.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.PORT;
  log.info({ port, host: config.HOST, dataDir: config.dataDir }, 'listening');
  console.log(`Tavolo is running on http://localhost:${port}`);
});

let stopping = false;
const shutdown = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down: flushing rooms');
  tavolo.close().then(
    () => process.exit(0),
    (err: unknown) => {
      log.error({ err }, 'shutdown failed');
      process.exit(1);
    },
  );
};
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
