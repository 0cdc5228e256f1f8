// The `queue-lab` command: dispatch, and the one place that turns errors into
// exit codes (0 ok, 1 run failed, 2 bad input) without stack traces for
// mistakes a user can fix.
import { StoreError } from '../engine/store/open-database.ts';
import { EXIT, UsageError } from './cli-error.ts';
import { processIo, type CliIo } from './cli-io.ts';
import { RUN_USAGE, runCommand } from './commands/run.ts';
import { SCENARIOS_USAGE, scenariosCommand } from './commands/scenarios.ts';
import { SCHEDULE_USAGE, scheduleCommand } from './commands/schedule.ts';
import { SWEEP_USAGE, sweepCommand } from './commands/sweep.ts';
import { startCommand } from './commands/start.ts';
import { REPORT_USAGE, reportCommand } from './commands/report.ts';
import { RESUME_USAGE, resumeCommand } from './commands/resume.ts';
import { SERVE_USAGE, serveCommand } from './commands/serve.ts';
import { VALIDATE_USAGE, validateCommand } from './commands/validate.ts';

const COMMANDS: Record<string, (argv: string[], io: CliIo) => Promise<number>> = {
  run: runCommand,
  validate: validateCommand,
  scenarios: scenariosCommand,
  schedule: scheduleCommand,
  sweep: sweepCommand,
  start: startCommand,
  resume: resumeCommand,
  report: reportCommand,
  serve: (argv, io) => serveCommand(argv, io),
};

export const USAGE = `Queue Lab: run job-queue scenarios and watch every job.

Usage:
  queue-lab run SCENARIO [--mode instant|live] [--seed N] [--db FILE] [--store full|none] [--json] [--report FILE]
  queue-lab resume RUN_ID [--db FILE]
  queue-lab report RUN_ID --out FILE [--db FILE] [--format html|json|csv|pdf]
  queue-lab serve [--port P] [--host ADDR] [--run SCENARIO]
  queue-lab validate SCENARIO...
  queue-lab schedule SCENARIO [--type NAME] [--json]
  queue-lab sweep SCENARIO --vary PATH=V1,V2 [--seeds N] [--csv FILE] [--json]
  queue-lab scenarios [--json]
  queue-lab start
  queue-lab help [COMMAND]

${RUN_USAGE}

${RESUME_USAGE}

${REPORT_USAGE}

${SERVE_USAGE}

${VALIDATE_USAGE}

${SCHEDULE_USAGE}

${SWEEP_USAGE}

${SCENARIOS_USAGE}

Exit codes: 0 ok, 1 the run failed, 2 bad input (a scenario error, a bad flag, an unusable database).`;

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    io.out(USAGE);
    return EXIT.ok;
  }
  if (command === '--version' || command === '-v') {
    io.out(process.env.npm_package_version ?? '0.1.0');
    return EXIT.ok;
  }
  const handler = COMMANDS[command];
  if (!handler) {
    io.err(`queue-lab: unknown command "${command}"; try \`queue-lab help\``);
    return EXIT.badInput;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(USAGE);
    return EXIT.ok;
  }
  try {
    return await handler(rest, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof StoreError) {
      io.err(`queue-lab ${command}: ${error.message}`);
      return error.exitCode;
    }
    io.err(`queue-lab ${command}: the run failed: ${(error as Error).message}`);
    if (process.env.QUEUE_LAB_DEBUG) io.err((error as Error).stack ?? '');
    return EXIT.runFailed;
  }
}
