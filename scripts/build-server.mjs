// Bundles the server (and its suggestions worker) into one ES module per
// entry under node_modules/.cache/tavolo-server, for the test suite: a
// process started from the bundle is listening in a third of the CPU time
// `node --import tsx server/main.ts` needs, and the suite starts hundreds.
// Packages stay external (native better-sqlite3, pino's transports) except
// JSON word lists, which Node cannot import without an import attribute.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_BUNDLE_DIR = path.join(root, 'node_modules/.cache/tavolo-server');

const externalPackages = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.endsWith('.json') ? undefined : { path: args.path, external: true }));
  },
};

await build({
  absWorkingDir: root,
  entryPoints: ['server/main.ts', 'server/suggest/suggestWorker.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outdir: SERVER_BUNDLE_DIR,
  entryNames: '[name]',
  outExtension: { '.js': '.mjs' },
  sourcemap: true,
  plugins: [externalPackages],
  logLevel: 'warning',
});
