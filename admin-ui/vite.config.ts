/**
 * Build of the browser UI: `npx vite build --config admin-ui/vite.config.ts` (npm run build:ui)
 * writes admin-ui/dist/, which the server serves at `/`. In development (`npx vite --config
 * admin-ui/vite.config.ts`) /api is proxied to a server on 127.0.0.1:3000.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { pdfjsWorker } from './build/pdfjs-worker.js';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), pdfjsWorker()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // Our budget (budget.json, gzip, checked by tests/e2e/bundle-budget.test.ts) is the limit that
    // counts; Vite's default 500 kB-minified warning fired on the lazy dashboards chunk (echarts).
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
