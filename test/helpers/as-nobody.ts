// Root ignores file modes, so tests that need a file to be really read-only
// or unreadable run a child as "nobody" (uid 65534). That child cannot be
// trusted to reach the checkout: a clone made in `mktemp -d`, or under
// /root, sits below a folder of mode 0700. So what the child runs is copied
// to a folder of its own under the system temp folder (sticky and open to
// all), wherever the checkout is; nothing of the checkout's modes changes.
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { REQUIRE_SHIM } from '../../scripts/build.mjs';

export const NOBODY = { uid: 65534, gid: 65534 } as const;

const REPO = resolve(fileURLToPath(new URL('../../', import.meta.url)));

export interface NobodyCopy {
  /** The folder holding the copy (mode 0755); use it as the child's cwd. */
  dir: string;
  cleanup(): void;
}

function reachableDir(prefix: string): NobodyCopy {
  const dir = mkdtempSync(join(tmpdir(), `queue-lab-${prefix}-`));
  chmodSync(dir, 0o755);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function copy(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  cpSync(from, to, { recursive: true });
}

/**
 * The built `queue-lab` command as a user runs it (bin/queue-lab.mjs, the
 * build in out/node, package.json, better-sqlite3 and what it loads), copied
 * where uid 65534 can run it. Without src/ beside it the copy has nothing to
 * be stale against, so it runs the build as built.
 */
export function builtCliForNobody(): NobodyCopy & { bin: string } {
  const copyDir = reachableDir('nobody-cli');
  for (const path of ['package.json', 'bin/queue-lab.mjs', 'scripts/build-state.mjs', 'scripts/build.mjs', 'out/node']) {
    copy(join(REPO, path), join(copyDir.dir, path));
  }
  for (const path of ['better-sqlite3/package.json', 'better-sqlite3/lib', 'better-sqlite3/build/Release/better_sqlite3.node', 'bindings', 'file-uri-to-path']) {
    copy(join(REPO, 'node_modules', path), join(copyDir.dir, 'node_modules', path));
  }
  return { ...copyDir, bin: join(copyDir.dir, 'bin', 'queue-lab.mjs') };
}

/** A TypeScript module bundled with everything it imports (esbuild) into one file uid 65534 can import. */
export async function bundleForNobody(entry: string): Promise<NobodyCopy & { file: string }> {
  const copyDir = reachableDir('nobody-module');
  const file = join(copyDir.dir, 'module.mjs');
  await build({ entryPoints: [entry], outfile: file, bundle: true, format: 'esm', platform: 'node', target: 'node20', banner: { js: REQUIRE_SHIM }, logLevel: 'warning' });
  return { ...copyDir, file };
}
