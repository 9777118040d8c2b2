/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

// Recordings and the live preview are served by Go (app.MediaHandler). Under
// `wails dev` the page's requests go to this server first and reach Go only
// when it answers 404; without this, Vite's SPA fallback would answer
// /media/... with index.html.
function goMediaPassthrough(): Plugin {
  return {
    name: 'peerplaypay-go-media',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        // (No @types/node here: read the one field needed.)
        if ((req as { url?: string }).url?.startsWith('/media/')) {
          res.statusCode = 404;
          res.end();
          return;
        }
        next();
      });
    },
  };
}

// One config for the app and its tests. `wails dev` runs `npm run dev` and
// proxies to this server, so the port must be fixed (strictPort): if 5173 is
// taken we would rather fail loudly than have Wails talk to another server.
export default defineConfig(({ mode }) => ({
  plugins: [svelte(), svelteTesting(), goMediaPassthrough()],
  // Svelte ships a server build and a browser build; tests render components
  // into jsdom, so they need the browser one.
  // (Vitest runs Vite in mode "test".)
  resolve: mode === 'test' ? { conditions: ['browser'] } : undefined,
  server: {
    port: 5173,
    strictPort: true,
    // The bindings in wailsjs/ are generated: every `wails build` or
    // `wails dev` of the same checkout writes them again, most often byte
    // for byte. Vite took each write for an edit and hot-updated every
    // component importing them up to App.svelte, which mounted afresh with
    // new stores: the window went back to Today and closed what was open
    // (a log playing, a table being edited). Bindings change only with the
    // Go app, which needs a new `wails dev` anyway.
    watch: { ignored: ['**/wailsjs/**'] },
    // Tests read vectors Go's tests share with them (the player's skips).
    fs: mode === 'test' ? { allow: ['.', '../internal/peerplaypay/testdata'] } : undefined,
  },
  build: {
    // Go embeds frontend/dist into the binary.
    outDir: 'dist',
    emptyOutDir: true,
    // The licences of the npm packages the bundle holds, for the Linux
    // package's notices (dist/.vite/license.md).
    license: true,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    restoreMocks: true,
  },
}));
