// Electron's own install script is denied in package.json `allowScripts`,
// because it downloads the Electron binary from GitHub and a failed download
// would fail the whole `npm install`. We try the same download here and
// tolerate failure: without the binary `npm start` falls back to the web host.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function electronInstallScript() {
  try {
    return join(dirname(require.resolve('electron/package.json')), 'install.js');
  } catch {
    return null; // production install without devDependencies
  }
}

const script = electronInstallScript();
if (!script || !existsSync(script)) {
  console.log('queue-lab: electron is not installed (production install); the desktop window is unavailable.');
} else if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log('queue-lab: ELECTRON_SKIP_BINARY_DOWNLOAD is set; skipping the Electron binary download.');
} else {
  const result = spawnSync(process.execPath, [script], { stdio: 'pipe', timeout: 300_000, encoding: 'utf8' });
  if (result.status === 0) {
    console.log('queue-lab: Electron binary installed; `npm start` opens the desktop window.');
  } else {
    const reason = (result.stderr || result.error?.message || '').split('\n').find((l) => l.trim()) ?? 'unknown error';
    console.log(`queue-lab: could not download the Electron binary (${reason.trim()}).`);
    console.log('queue-lab: this is fine: `npm start` will serve the same UI in your browser instead.');
  }
}
