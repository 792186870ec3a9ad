// `npm start`: builds the client if needed, then runs the server in this very
// process. npm forwards SIGTERM/SIGINT to the one process it started, so the
// server receives them and flushes its rooms; a `sh -c "build && serve"`
// chain would leave the server running, unflushed, when npm was stopped.
import './ensure-client-built.mjs';
import { register } from 'tsx/esm/api';

register();
await import('../server/main.ts');
