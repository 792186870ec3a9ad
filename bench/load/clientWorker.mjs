// Worker entry: Node 20 does not run tsx's loader inside worker threads, so
// the TypeScript worker is imported through tsx's API.
import { tsImport } from 'tsx/esm/api';

await tsImport('./clientWorker.ts', import.meta.url);
