import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The client lives in client/ and builds into dist/, which the server serves.
// In development, `npm run dev` proxies the API and the sync socket to a
// server started with `npm start` on port 8080.
export default defineConfig({
  root: 'client',
  plugins: [react()],
  // One stylesheet, as before code splitting: a lazily loaded chunk's CSS would
  // arrive later and change the cascade, and some panels share class names.
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    cssCodeSplit: false,
    rolldownOptions: {
      output: {
        // zod and the set-up that turns off its eval probe (lib/zodConfig.ts, CSP)
        // share one chunk: in separate chunks, a chunk of schemas evaluated
        // before the entry's own code would build schemas before the set-up.
        codeSplitting: { groups: [{ name: 'zod', test: /node_modules[\\/]zod[\\/]|client[\\/]lib[\\/]zodConfig\.ts$/ }] },
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      '/sync': { target: 'ws://localhost:8080', ws: true },
    },
  },
});
