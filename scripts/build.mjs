// `npm run build` (also run by `npm install`, through `prepare`): everything
// a user's processes run, as JavaScript, with source maps.
//   out/node      esbuild bundles of the CLI (the web host is its `serve`
//                 command), the live worker and the sweep worker. ESM with
//                 code splitting: each command module is its own chunk, loaded
//                 only when that command runs, and the workers share chunks
//                 with the CLI. Packages are bundled (fewer files to resolve at
//                 start-up) except better-sqlite3, a native module.
//   out/renderer  vite's build of the UI (vite.renderer.config.ts).
// The desktop window's own bundles (out/main, out/preload) come from
// electron-vite when `queue-lab start` opens it (see commands/start.ts).
//
//   node scripts/build.mjs [node|renderer]... [--if-stale] [--quiet]
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PARTS, ROOT, staleReason } from './build-state.mjs';

// Bundled CommonJS (ws) calls require(); an ES module has none, so each output file gets one.
export const REQUIRE_SHIM = "import { createRequire as __queueLabCreateRequire } from 'node:module';\nconst require = __queueLabCreateRequire(import.meta.url);";

// zod's `z` namespace re-exports every locale (about 60 files, half of the
// bundle a worker loads); z.locales is never used here, and English, the
// default, is imported by zod itself. So the locales index resolves to English alone.
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/]/.test(args.importer) ? { path: join(args.resolveDir, '..', 'locales', 'en.js'), namespace: 'zod-locales' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({ contents: `export { default as en } from ${JSON.stringify(args.path)};`, resolveDir: ROOT }));
  },
};

export async function buildNode({ quiet = false } = {}) {
  const { build } = await import('esbuild');
  // Built beside the old output and swapped in whole, so a process that
  // starts during a rebuild loads one build, not half of two.
  const next = `${PARTS.node.out}.next-${process.pid}`;
  rmSync(next, { recursive: true, force: true });
  await build({
    absWorkingDir: ROOT,
    entryPoints: {
      cli: 'src/main/cli/main.ts',
      worker: 'src/main/workers/worker-main.ts',
      'sweep-worker': 'src/main/sweep/sweep-worker.ts',
    },
    outdir: next,
    // Chunks sit beside the entries: every built module's import.meta.url is in out/node.
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    sourcemap: true,
    // better-sqlite3 loads its .node file at run time; ws's optional native helpers are optional.
    external: ['better-sqlite3', 'bufferutil', 'utf-8-validate', 'electron'],
    banner: { js: REQUIRE_SHIM },
    plugins: [zodEnglishOnly],
    // Quiet: the caller (bin/queue-lab.mjs) says what failed in one line of its own.
    logLevel: quiet ? 'silent' : 'warning',
    legalComments: 'none',
  });
  writeFileSync(join(next, 'BUILD'), `${new Date().toISOString()}\n`);
  const old = `${PARTS.node.out}.old-${process.pid}`;
  mkdirSync(join(ROOT, 'out'), { recursive: true });
  try {
    renameSync(PARTS.node.out, old);
  } catch {
    // no previous build
  }
  try {
    renameSync(next, PARTS.node.out);
  } catch {
    // Another process finished the same rebuild first: its output is as fresh as ours.
    rmSync(next, { recursive: true, force: true });
  }
  rmSync(old, { recursive: true, force: true });
}

export async function buildRenderer({ quiet = false } = {}) {
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'vite.renderer.config.ts'), logLevel: quiet ? 'silent' : 'warn' });
}

const BUILDERS = { node: buildNode, renderer: buildRenderer };
const TOOLS = { node: 'esbuild', renderer: 'vite' };

/** The build tool (a devDependency) missing for one of these parts, or null when all are there. */
export async function buildToolsMissing(names) {
  for (const name of names) {
    try {
      await import(TOOLS[name]);
    } catch {
      return TOOLS[name];
    }
  }
  return null;
}

/** Builds the named parts (all by default); with ifStale, only those whose sources changed. */
export async function buildParts(names = Object.keys(BUILDERS), { ifStale = false, quiet = false, log = console.log } = {}) {
  for (const name of names) {
    if (ifStale && staleReason(name) === null) continue;
    const started = performance.now();
    await BUILDERS[name]({ quiet });
    log(`built ${PARTS[name].out.slice(ROOT.length + 1)} (${PARTS[name].label}) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const names = args.filter((a) => !a.startsWith('--'));
  const unknown = names.filter((n) => !(n in BUILDERS));
  if (unknown.length) {
    console.error(`build: unknown part "${unknown[0]}"; parts: ${Object.keys(BUILDERS).join(', ')}`);
    process.exit(2);
  }
  const quiet = args.includes('--quiet');
  try {
    await buildParts(names.length ? names : undefined, { ifStale: args.includes('--if-stale'), log: quiet ? () => {} : (line) => console.log(`queue-lab: ${line}`) });
  } catch (error) {
    console.error(`queue-lab: the build failed: ${error.message}`);
    process.exit(1);
  }
}
