// Worker entry. Node 20 does not run tsx's loader inside worker threads,
// whether the server was started with `node --import tsx` (dev, tests) or
// through tsx's register() API (`npm start`, scripts/start.mjs), so the
// TypeScript worker is imported through tsx's API, as bench/load does.
import { tsImport } from 'tsx/esm/api';

await tsImport('./suggestWorker.ts', import.meta.url);
