// queue-lab schedule SCENARIO: the retry schedule of every job type before
// running, so a student can check "2^n + jitter, 5 attempts" by hand and see
// how long a failing job takes to reach the dead-letter table.
import { resolveRetryPolicy } from '../../../shared/retry/backoff.ts';
import { DEFAULT_PREVIEW_SAMPLES, previewRetrySchedule, secondsText, type SchedulePreview, type Spread } from '../../../shared/retry/schedule-preview.ts';
import { EXIT, UsageError } from '../cli-error.ts';
import type { CliIo } from '../cli-io.ts';
import { parseCommandArgs } from '../parse-args.ts';
import { printIssues, resolveScenario } from '../resolve-scenario.ts';
import { SCHEDULE_USAGE } from '../usage.ts';

const MAX_SAMPLES = 100_000;

export async function scheduleCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    { type: { type: 'string' }, samples: { type: 'string' }, json: { type: 'boolean', default: false } },
    SCHEDULE_USAGE,
  );
  if (positionals.length !== 1) throw new UsageError(`schedule needs exactly one scenario\n\n${SCHEDULE_USAGE}`);
  const samples = values.samples === undefined ? DEFAULT_PREVIEW_SAMPLES : Number(values.samples);
  if (!Number.isInteger(samples) || samples < 1 || samples > MAX_SAMPLES) {
    throw new UsageError(`--samples: expected an integer from 1 to ${MAX_SAMPLES}, got ${values.samples}`);
  }
  const resolved = await resolveScenario(positionals[0]!);
  if (!resolved.ok) {
    printIssues(resolved.source, resolved.issues, io.err);
    return EXIT.badInput;
  }
  const { scenario } = resolved;
  const types = Object.keys(scenario.jobTypes);
  if (values.type !== undefined && !types.includes(values.type)) {
    throw new UsageError(`--type: no job type "${values.type}" in ${resolved.source}; it has ${types.map((t) => `"${t}"`).join(', ')}`);
  }
  const previews = (values.type === undefined ? types : [values.type]).map((name) => {
    const spec = scenario.jobTypes[name]!;
    const policy = resolveRetryPolicy(scenario.retry, spec.retry);
    const preview = previewRetrySchedule(policy, { samples, seed: scenario.seed, attempt: { duration: spec.duration, timeout: spec.timeout } });
    return { jobType: name, policy, ...preview };
  });
  if (values.json) {
    io.out(JSON.stringify({ scenario: scenario.name, seed: scenario.seed, jobTypes: previews }));
    return EXIT.ok;
  }
  for (const p of previews) printPreview(p.jobType, `${p.policy.backoff.kind} backoff, ${p.policy.jitter === 'none' ? 'no' : p.policy.jitter} jitter`, p, io);
  return EXIT.ok;
}

function printPreview(jobType: string, policyText: string, p: SchedulePreview, io: CliIo): void {
  io.out(`${jobType}: ${p.maxAttempts} attempts, ${policyText} (${p.samples} samples)`);
  if (p.rows.length === 0) {
    io.out('  no retries: the first failure goes straight to the dead-letter table');
  } else {
    const table = [
      ['retry', 'before', 'base', 'jitter rule', 'delay p50', 'p10-p90', 'waited so far p50'],
      ...p.rows.map((r) => [
        String(r.retry), `attempt ${r.attempt}`, secondsText(r.base), r.rule, secondsText(r.delay.p50), range(r.delay), secondsText(r.waitedSoFar.p50),
      ]),
    ];
    const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
    for (const row of table) io.out(`  ${row.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()}`);
  }
  io.out(`  to the dead-letter table: median ${secondsText(p.toDeadLetter.p50)} (10-90 %: ${range(p.toDeadLetter)}), of which waiting ${secondsText(p.waitsOnly.p50)}`);
}

function range(s: Spread): string {
  return `${secondsText(s.p10)} - ${secondsText(s.p90)}`;
}
