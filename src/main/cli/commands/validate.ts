// queue-lab validate FILE...: every error of every file at once, exit 2 if any.
import { EXIT, UsageError } from '../cli-error.ts';
import type { CliIo } from '../cli-io.ts';
import { parseCommandArgs } from '../parse-args.ts';
import { printIssues, resolveScenario } from '../resolve-scenario.ts';
import { totalJobCapacity } from '../../engine/instant/sim-result.ts';
import { VALIDATE_USAGE } from '../usage.ts';

export async function validateCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean', default: false } }, VALIDATE_USAGE);
  if (positionals.length === 0) throw new UsageError(`validate needs a scenario file\n\n${VALIDATE_USAGE}`);
  let failed = false;
  const report: unknown[] = [];
  for (const arg of positionals) {
    const resolved = await resolveScenario(arg);
    if (resolved.ok) {
      const s = resolved.scenario;
      report.push({ file: arg, ok: true, name: s.name, jobs: totalJobCapacity(s) });
      if (!values.json) io.out(`${arg}: ok, "${s.name}" (${totalJobCapacity(s)} jobs, ${s.workers.count} workers, seed ${s.seed})`);
    } else {
      failed = true;
      report.push({ file: arg, ok: false, issues: resolved.issues });
      if (!values.json) printIssues(resolved.source, resolved.issues, io.err);
    }
  }
  if (values.json) io.out(JSON.stringify(report.length === 1 ? report[0] : report));
  return failed ? EXIT.badInput : EXIT.ok;
}
