import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The client lives in client/ and builds into dist/, which the server serves.
// In development, `npm run dev` proxies the API and the sync socket to a
// server started with `npm start` on port 8080.
export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: { outDir: '../dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      '/sync': { target: 'ws://localhost:8080', ws: true },
    },
  },
});
