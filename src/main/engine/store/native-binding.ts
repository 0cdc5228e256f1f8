// Which better-sqlite3 binary to load. Under Node, its own build (npm built
// it for Node's ABI). Under Electron (the main process and its utility-process
// workers), the copy scripts/postinstall.mjs fetched for Electron's ABI into
// native/electron/, found by walking up from this module (the source tree,
// or out/main/ once electron-vite has bundled it). QUEUE_LAB_SQLITE_BINDING
// names another file. Undefined means "better-sqlite3's default".
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ELECTRON_BINDING = join('native', 'electron', 'better_sqlite3.node');

export function sqliteNativeBinding(versions: NodeJS.ProcessVersions = process.versions, env: NodeJS.ProcessEnv = process.env, from = moduleDir()): string | undefined {
  if (env.QUEUE_LAB_SQLITE_BINDING) return env.QUEUE_LAB_SQLITE_BINDING;
  if (!versions.electron) return undefined;
  for (let dir = from, i = 0; i < 8; i++, dir = dirname(dir)) {
    const candidate = join(dir, ELECTRON_BINDING);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) break;
  }
  return undefined;
}

/** Why loading failed, in words, when the binary was built for another runtime. */
export function abiMismatchHint(error: unknown, versions: NodeJS.ProcessVersions = process.versions): string | null {
  const message = (error as Error | null)?.message ?? '';
  if (!/NODE_MODULE_VERSION|was compiled against a different Node\.js version/.test(message)) return null;
  return versions.electron
    ? `better-sqlite3 is built for Node, not for Electron ${versions.electron}: ${ELECTRON_BINDING} is missing (npm install fetches it when online; see README "Desktop app")`
    : `better-sqlite3 was built for another Node.js (this one is ${versions.node}); run \`npm rebuild better-sqlite3\``;
}

function moduleDir(): string {
  try {
    return dirname(fileURLToPath(import.meta.url));
  } catch {
    return process.cwd(); // bundled as CommonJS without import.meta: start from the working directory
  }
}
