// `npm start`. The desktop window needs the Electron binary, which cannot be
// downloaded everywhere (npm install says when it could not); until the
// desktop UI lands, and wherever the binary is missing, start serves the
// same lab in a browser and says why.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { CliIo } from '../cli-io.ts';
import { serveCommand } from './serve.ts';

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

export async function startCommand(argv: string[], io: CliIo): Promise<number> {
  io.out(
    electronBinary()
      ? 'Queue Lab: the desktop window arrives with the UI; serving the lab in your browser meanwhile.'
      : 'Queue Lab: the Electron binary is not installed (its download failed or was skipped at npm install),\n' +
          'so the lab is served in your browser instead. Open the URL below.',
  );
  return serveCommand(argv, io);
}
