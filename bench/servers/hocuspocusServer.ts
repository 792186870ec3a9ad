/**
 * Hocuspocus with its defaults and no extensions, so nothing is persisted:
 * documents live in memory and `onStoreDocument` does nothing.
 */
import { Server } from '@hocuspocus/server';

const server = new Server({
  address: process.env.HOST ?? '127.0.0.1',
  port: Number(process.env.PORT ?? 0),
  quiet: true,
});

await server.listen();
console.log(`Hocuspocus is running on http://localhost:${server.address.port}`);
