/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

// One config for the app and its tests. `wails dev` runs `npm run dev` and
// proxies to this server, so the port must be fixed (strictPort): if 5173 is
// taken we would rather fail loudly than have Wails talk to another server.
export default defineConfig(({ mode }) => ({
  plugins: [svelte(), svelteTesting()],
  // Svelte ships a server build and a browser build; tests render components
  // into jsdom, so they need the browser one.
  // (Vitest runs Vite in mode "test".)
  resolve: mode === 'test' ? { conditions: ['browser'] } : undefined,
  server: {
    port: 5173,
    strictPort: true,
  },
  build: {
    // Go embeds frontend/dist into the binary.
    outDir: 'dist',
    emptyOutDir: true,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    restoreMocks: true,
  },
}));
