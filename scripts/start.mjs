// `npm start`: builds the client if needed and bundles the server, then runs
// the server in this very process. npm forwards SIGTERM/SIGINT to the one
// process it started, so the server receives them and flushes its rooms; a
// `sh -c "build && serve"` chain would leave the server running, unflushed,
// when npm was stopped.
import './ensure-client-built.mjs';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { bundleServer } from './build-server.mjs';

const outdir = await bundleServer();
// Stack traces name the TypeScript sources.
process.setSourceMapsEnabled(true);
await import(pathToFileURL(path.join(outdir, 'main.mjs')).href);
