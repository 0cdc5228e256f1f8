// `npm start`. The desktop window (Electron) and the browser UI come with
// later work; until then start says so and shows the engine at work on the
// baseline scenario, so a fresh install has something to look at.
import { EXIT } from '../cli-error.ts';
import type { CliIo } from '../cli-io.ts';
import { runCommand } from './run.ts';

export async function startCommand(argv: string[], io: CliIo): Promise<number> {
  io.out(
    'Queue Lab: the desktop window and the browser UI are not built yet in this version.\n' +
      'Here is the engine on the built-in M/M/3 scenario; `queue-lab scenarios` lists the others,\n' +
      '`queue-lab run KEY` runs one.\n',
  );
  const code = await runCommand(['mm3-baseline', ...argv], io);
  return code === EXIT.ok ? EXIT.ok : code;
}
