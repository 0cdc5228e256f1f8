// The `queue-lab` command: dispatch, and the one place that turns errors into
// exit codes (0 ok, 1 run failed, 2 bad input) without stack traces for
// mistakes a user can fix. A command's module is imported only when that
// command runs (its usage text lives in usage.ts), so `queue-lab --help` or
// `queue-lab scenarios` never loads the engine, the web host or SQLite.
import { EXIT, UsageError } from './cli-error.ts';
import { processIo, type CliIo } from './cli-io.ts';
import { COMMAND_USAGE, USAGE } from './usage.ts';

type Command = (argv: string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  run: async () => (await import('./commands/run.ts')).runCommand,
  validate: async () => (await import('./commands/validate.ts')).validateCommand,
  scenarios: async () => (await import('./commands/scenarios.ts')).scenariosCommand,
  schedule: async () => (await import('./commands/schedule.ts')).scheduleCommand,
  sweep: async () => (await import('./commands/sweep.ts')).sweepCommand,
  start: async () => (await import('./commands/start.ts')).startCommand,
  resume: async () => (await import('./commands/resume.ts')).resumeCommand,
  worker: async () => (await import('./commands/worker.ts')).workerCommand,
  experiment: async () => (await import('./commands/experiment.ts')).experimentCommand,
  report: async () => (await import('./commands/report.ts')).reportCommand,
  serve: async () => {
    const { serveCommand } = await import('./commands/serve.ts');
    return (argv, io) => serveCommand(argv, io);
  },
};

export { USAGE };

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h') {
    io.out(USAGE);
    return EXIT.ok;
  }
  if (command === 'help') {
    const topic = rest[0];
    if (topic !== undefined && !(topic in COMMAND_USAGE)) {
      io.err(`queue-lab help: no command "${topic}"; commands: ${Object.keys(COMMANDS).join(', ')}`);
      return EXIT.badInput;
    }
    io.out(topic === undefined ? USAGE : COMMAND_USAGE[topic]!);
    return EXIT.ok;
  }
  if (command === '--version' || command === '-v') {
    io.out(process.env.npm_package_version ?? '0.1.0');
    return EXIT.ok;
  }
  const load = COMMANDS[command];
  if (!load) {
    io.err(`queue-lab: unknown command "${command}"; try \`queue-lab help\``);
    return EXIT.badInput;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(COMMAND_USAGE[command] ?? USAGE);
    return EXIT.ok;
  }
  try {
    const handler = await load();
    return await handler(rest, io);
  } catch (error) {
    if (error instanceof UsageError || isStoreError(error)) {
      io.err(`queue-lab ${command}: ${error.message}`);
      return error.exitCode;
    }
    io.err(`queue-lab ${command}: the run failed: ${(error as Error).message}`);
    if (process.env.QUEUE_LAB_DEBUG) io.err((error as Error).stack ?? '');
    return EXIT.runFailed;
  }
}

/**
 * open-database.ts's StoreError, recognised by name: importing the class
 * would load better-sqlite3 into every command, `--help` included.
 */
function isStoreError(error: unknown): error is Error & { exitCode: 1 | 2 } {
  return error instanceof Error && error.name === 'StoreError' && ((error as { exitCode?: unknown }).exitCode === 1 || (error as { exitCode?: unknown }).exitCode === 2);
}
