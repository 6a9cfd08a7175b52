/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The console is served under /console/ beside the API (`sqlup serve`), so its URLs never shadow an API route.
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    // `npm run dev` against a running `./sqlup serve --api-port 3000`.
    proxy: {
      '/instances': 'http://127.0.0.1:3000',
      '/tasks': 'http://127.0.0.1:3000',
      '/local': 'http://127.0.0.1:3000',
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    setupFiles: ['src/test-setup.ts'],
    css: false,
    testTimeout: 20000,
  },
});
