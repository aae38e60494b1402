/**
 * Build of the browser UI: `npx vite build --config admin-ui/vite.config.ts` (npm run build:ui)
 * writes admin-ui/dist/, which the server serves at `/`. In development (`npx vite --config
 * admin-ui/vite.config.ts`) /api is proxied to a server on 127.0.0.1:3000.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
