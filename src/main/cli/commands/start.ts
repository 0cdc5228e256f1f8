// `npm start`: the desktop window where it can open, else the same lab in a
// browser, saying why. The window needs the Electron binary (its download
// can fail: npm install says so), a display, and the electron-vite build of
// the main process, preload and renderer, which this makes first. Anything
// missing falls back to `queue-lab serve` with the reason on the first line.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { appRoot } from '../../paths/built-code.ts';
import type { CliIo } from '../cli-io.ts';
import { parseCommandArgs } from '../parse-args.ts';
import { serveCommand } from './serve.ts';
import { SERVE_USAGE, START_USAGE } from '../usage.ts';

export function electronBinary(): string | null {
  try {
    const dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = join(dir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** Why the desktop window cannot open here, or null when it can. */
export function desktopUnavailable(binary: string | null, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | null {
  if (binary === null) return 'the Electron binary is not installed (its download failed or was skipped at npm install)';
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return 'there is no display to open a window on (DISPLAY and WAYLAND_DISPLAY are unset)';
  return null;
}

export async function startCommand(argv: string[], io: CliIo): Promise<number> {
  const web = argv.includes('--web');
  const serveArgs = argv.filter((a) => a !== '--web');
  parseCommandArgs(serveArgs, { port: { type: 'string' }, host: { type: 'string' }, db: { type: 'string' }, run: { type: 'string' }, 'time-scale': { type: 'string' } }, `${START_USAGE}\n\n${SERVE_USAGE}`);
  const binary = electronBinary();
  const reason = web ? 'you asked for the browser (--web)' : desktopUnavailable(binary);
  if (reason !== null) return inBrowser(reason, serveArgs, io);

  // The window runs the electron-vite build (out/), made fresh so it matches the sources.
  io.out('Queue Lab: building the desktop app (electron-vite build)...');
  const root = appRoot();
  const build = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) return inBrowser(`the desktop build failed (${build.error?.message ?? `exit ${build.status}`})`, serveArgs, io);

  io.out('Queue Lab: opening the desktop window.');
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // set by some shells and IDEs; it would make Electron a plain Node
  const child = spawn(binary!, ['.'], { cwd: root, stdio: 'inherit', env });
  return new Promise<number>((resolve) => {
    child.on('error', (error) => {
      io.err(`queue-lab: could not start Electron: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function inBrowser(reason: string, serveArgs: string[], io: CliIo): Promise<number> {
  io.out(`Queue Lab: ${reason},\nso the lab is served in your browser instead. Open the URL below.`);
  return serveCommand(serveArgs, io);
}
