// `npm run dist`: the desktop app as installers, with electron-builder
// (electron-builder.yml: AppImage and deb on Linux; dmg and nsis configured
// for macOS and Windows, built on those systems). It packages this machine's
// Electron, so it stops with one line when the binary is not installed (its
// download from GitHub fails offline), before building anything. Arguments
// after `--` go to electron-builder (`npm run dist -- --linux deb`).
//
// electron-builder is not a devDependency (about 95 MB and 220 packages that
// every `npm install` and CI run would fetch for a step few people run): the
// installed one is used when there is one, else npx fetches the pinned
// version from the npm registry on first use.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildParts } from './build.mjs';
import { ROOT } from './build-state.mjs';

const ELECTRON_BUILDER = 'electron-builder@26.18.1';

function fail(line) {
  console.error(`queue-lab dist: ${line}`);
  process.exit(1);
}

// QUEUE_LAB_ELECTRON_DIR: another electron package folder (the tests point it at fakes).
function electronBinaryMissing(dir = process.env.QUEUE_LAB_ELECTRON_DIR || join(ROOT, 'node_modules', 'electron')) {
  if (!existsSync(join(dir, 'package.json'))) return 'electron is not installed (a production install?); run `npm install`';
  const pathFile = join(dir, 'path.txt');
  const binary = existsSync(pathFile) ? join(dir, 'dist', readFileSync(pathFile, 'utf8').trim()) : null;
  if (binary === null || !existsSync(binary)) {
    return 'the Electron binary is not installed (its download from GitHub failed or was skipped at npm install); run `node node_modules/electron/install.js` where GitHub is reachable, then `npm run dist` again';
  }
  return null;
}

const missing = electronBinaryMissing();
if (missing) fail(missing);
if (!existsSync(join(ROOT, 'native', 'electron', 'better_sqlite3.node'))) {
  fail('native/electron/better_sqlite3.node is missing (better-sqlite3 for Electron\'s ABI; the app could not open its database); run `npm run postinstall` where GitHub is reachable, then `npm run dist` again');
}

const run = (command, args) => {
  const r = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) fail(`${[command, ...args].join(' ')} failed (${r.error?.message ?? `exit ${r.status}`})`);
};
await buildParts(undefined, { log: (line) => console.log(`queue-lab dist: ${line}`) });
run(process.execPath, [join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build']);
const installed = join(ROOT, 'node_modules', 'electron-builder', 'cli.js');
if (existsSync(installed)) run(process.execPath, [installed, ...process.argv.slice(2)]);
else run('npx', ['--yes', ELECTRON_BUILDER, ...process.argv.slice(2)]);
