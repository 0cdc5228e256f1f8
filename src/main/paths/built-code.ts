// Where Queue Lab's own files are, from the sources (tsx, tests) and from the
// build (out/node/*.js) alike: the folder holding Queue Lab's package.json,
// found by walking up from this module, whichever file it was bundled into.
// The built entry points are named here for the TypeScript side;
// scripts/build-state.mjs names the same files for the build.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The checkout (or installed package) root: where package.json, out/ and node_modules are. */
export function appRoot(): string {
  if (root !== undefined) return root;
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && isQueueLab(pkg)) return (root = dir);
    if (dirname(dir) === dir) throw new Error(`Queue Lab's package.json was not found above ${start}`);
  }
}

function isQueueLab(pkg: string): boolean {
  try {
    return (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: unknown }).name === 'queue-lab';
  } catch {
    return false;
  }
}

/** The built files processes run; `npm run build` makes them. */
export const builtCode = {
  liveWorker: (): string => join(appRoot(), 'out', 'node', 'worker.js'),
  sweepWorker: (): string => join(appRoot(), 'out', 'node', 'sweep-worker.js'),
  renderer: (): string => join(appRoot(), 'out', 'renderer'),
};

/** The message for built code that is not there: names the command that makes it. */
export function notBuiltMessage(file: string): string {
  return `${file} is missing: Queue Lab is not built; run \`npm run build\` in ${appRoot()}`;
}
