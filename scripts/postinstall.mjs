// Two native things the desktop app needs, each tried and allowed to fail
// with one clear line, because `npm install` must succeed offline too:
//
// 1. The Electron binary. Electron's own install script is denied in
//    package.json `allowScripts` (it downloads from GitHub, and a failed
//    download would fail the whole install); we run the same download here.
//    Without it `npm start` falls back to the web host.
// 2. better-sqlite3 for Electron's ABI. npm builds better-sqlite3 for Node
//    (what the CLI, the web host and the tests load); Electron's Node has a
//    different ABI. prebuild-install fetches the matching prebuilt binary into
//    native/electron/better_sqlite3.node, a folder of its own, so the Node
//    build stays untouched; open-database.ts passes it as `nativeBinding`
//    when it runs under Electron. No manual rebuild either way.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function packageDir(name) {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    return null; // a production install without devDependencies
  }
}

function firstLine(text) {
  return (text ?? '').split('\n').map((l) => l.trim()).find((l) => l && !l.startsWith('npm warn')) ?? 'unknown error';
}

function electronBinary() {
  const dir = packageDir('electron');
  const script = dir && join(dir, 'install.js');
  if (!script || !existsSync(script)) {
    console.log('queue-lab: electron is not installed (production install); the desktop window is unavailable.');
    return;
  }
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    console.log('queue-lab: ELECTRON_SKIP_BINARY_DOWNLOAD is set; skipping the Electron binary download.');
    return;
  }
  const result = spawnSync(process.execPath, [script], { stdio: 'pipe', timeout: 300_000, encoding: 'utf8' });
  if (result.status === 0) {
    console.log('queue-lab: Electron binary installed; `npm start` opens the desktop window.');
  } else {
    console.log(`queue-lab: could not download the Electron binary (${firstLine(result.stderr || result.error?.message)}).`);
    console.log('queue-lab: this is fine: `npm start` will serve the same UI in your browser instead.');
  }
}

function sqliteForElectron() {
  const electronDir = packageDir('electron');
  const sqliteDir = packageDir('better-sqlite3');
  const prebuildDir = packageDir('prebuild-install');
  if (!electronDir || !sqliteDir || !prebuildDir) return; // no desktop app in this install
  const electronVersion = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
  const sqlite = JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8'));
  const target = join(root, 'native', 'electron', 'better_sqlite3.node');
  const stamp = join(root, 'native', 'electron', 'VERSION');
  const wanted = `better-sqlite3 ${sqlite.version} for Electron ${electronVersion} ${process.platform}-${process.arch}`;
  if (existsSync(target) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === wanted) return;
  // prebuild-install unpacks next to the package.json it is run beside: a
  // scratch copy, so that better-sqlite3's own (Node) build is never replaced.
  const work = join(root, 'native', 'electron', 'work');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, 'package.json'), JSON.stringify(sqlite));
  const bin = join(prebuildDir, 'bin.js');
  const result = spawnSync(process.execPath, [bin, '--runtime', 'electron', '--target', electronVersion, '--arch', process.arch, '--platform', process.platform], {
    cwd: work, stdio: 'pipe', timeout: 120_000, encoding: 'utf8',
  });
  const built = join(work, 'build', 'Release', 'better_sqlite3.node');
  if (result.status === 0 && existsSync(built)) {
    copyFileSync(built, target);
    writeFileSync(stamp, `${wanted}\n`);
    console.log(`queue-lab: ${wanted} is in native/electron/; the desktop app's database works without a rebuild.`);
  } else {
    console.log(`queue-lab: could not fetch ${wanted} (${firstLine(result.stderr || result.error?.message)}).`);
    console.log('queue-lab: the CLI, the web host and the tests do not need it; the desktop window would fail to open a database until it is there (rerun `npm run postinstall` online, or `npx @electron/rebuild -o better-sqlite3` and copy build/Release/better_sqlite3.node to native/electron/).');
  }
  rmSync(work, { recursive: true, force: true });
}

electronBinary();
sqliteForElectron();
