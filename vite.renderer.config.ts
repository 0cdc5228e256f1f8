// The renderer alone, for the browser (queue-lab serve serves out/renderer)
// and for tests: `npm run build:renderer`. electron-vite's renderer section
// builds the same root the same way for the desktop app. JSX goes through
// esbuild's automatic runtime (tsconfig.web.json: react-jsx), so no React
// plugin is needed. base './' keeps asset URLs relative, which Electron's
// file:// loading needs too.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  root: resolve(import.meta.dirname, 'src/renderer'),
  base: './',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: resolve(import.meta.dirname, 'out/renderer'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // d3 + react land near 400 kB; one file is fine for a local lab.
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      onwarn(warning, warn) {
        // zod's comments sit where Rollup cannot keep them; harmless, and noise in every build.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
        warn(warning);
      },
    },
  },
});
