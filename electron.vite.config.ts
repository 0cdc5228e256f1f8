// electron-vite builds the three parts of the desktop app: the main process
// (src/main/electron), the preload (src/preload) and the renderer
// (src/renderer). The CLI, the web host and the Node workers are built by
// scripts/build.mjs (esbuild, out/node); `queue-lab start` runs this build.
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/electron/index.ts'),
          // The live worker, built beside the main process: utility processes run out/main/worker.js.
          worker: resolve(__dirname, 'src/main/workers/worker-main.ts'),
        },
      },
      // better-sqlite3 is a native module: loaded at run time, never bundled.
      externalizeDeps: true,
    },
  },
  preload: {
    build: {
      // A sandboxed preload may require only 'electron': one CommonJS file with zod and the shared code inside.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    // Same as vite.renderer.config.ts (the browser build): esbuild's automatic JSX, no React plugin.
    esbuild: { jsx: 'automatic' },
    build: { rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } } },
  },
});
