// What `npm run build` makes, and whether it is still good: the one place the
// build's layout and its freshness rule live (plain JavaScript, so that
// bin/queue-lab.mjs can check it before any built code exists). Built code is
// stale when any file it is made from is newer than its stamp: a user who
// edits a source or pulls a change gets a rebuild, never yesterday's code.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The two parts of the build; `stamp` is written last, so its presence means "complete". */
export const PARTS = {
  // The CLI (and through it the web host), the live worker and the sweep worker: esbuild, out/node.
  node: {
    label: 'CLI, web host and workers',
    out: join(ROOT, 'out', 'node'),
    stamp: join(ROOT, 'out', 'node', 'BUILD'),
    inputs: ['src/main', 'src/shared', 'package.json', 'scripts/build.mjs'],
  },
  // The UI, served by the web host and loaded by the desktop window: vite, out/renderer.
  renderer: {
    label: 'UI',
    out: join(ROOT, 'out', 'renderer'),
    stamp: join(ROOT, 'out', 'renderer', 'index.html'),
    inputs: ['src/renderer', 'src/shared', 'package.json', 'vite.renderer.config.ts'],
  },
};

/** The built entry points, by role (src/main/paths/built-code.ts names the same files for the TypeScript side). */
export const ENTRIES = {
  cli: join(PARTS.node.out, 'cli.js'),
  worker: join(PARTS.node.out, 'worker.js'),
  sweepWorker: join(PARTS.node.out, 'sweep-worker.js'),
};

function newestUnder(path) {
  let newest = { mtimeMs: 0, path: null };
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return newest;
  }
  if (!stats.isDirectory()) return { mtimeMs: stats.mtimeMs, path };
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const found = newestUnder(join(path, entry.name));
    if (found.mtimeMs > newest.mtimeMs) newest = found;
  }
  return newest;
}

/**
 * Why a part must be built, or null when its build is current. A checkout
 * without sources (an installed package) has nothing to compare: its build
 * is what it is.
 */
export function staleReason(name) {
  const part = PARTS[name];
  if (!existsSync(part.stamp)) return `${part.out.slice(ROOT.length + 1)} is missing`;
  const built = statSync(part.stamp).mtimeMs;
  for (const input of part.inputs) {
    const newest = newestUnder(join(ROOT, input));
    if (newest.mtimeMs > built) return `${newest.path.slice(ROOT.length + 1)} changed after the last build`;
  }
  return null;
}
