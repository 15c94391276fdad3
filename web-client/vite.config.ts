import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

// The dev server proxies the API and the WebSocket to a locally running Atelier node
// (java -jar server/target/atelier.jar --demo), so cookies stay same-origin.
const backend = process.env.ATELIER_BACKEND ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
  },
  server: {
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/health': { target: backend },
      '/ws': { target: backend.replace(/^http/, 'ws'), ws: true },
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    pool: 'threads',
    poolOptions: { threads: { maxThreads: 2, minThreads: 1 } },
  },
});
