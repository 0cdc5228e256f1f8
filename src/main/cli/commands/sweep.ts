// queue-lab sweep SCENARIO --vary PATH=V1,V2 ... (or a built-in sweep's key,
// which brings its own --vary): every combination of the
// varied keys, each with --seeds seeds, in instant mode on every core; a
// table of means per combination, and every run in CSV or JSON. The same seed
// means the same arrivals and draws, so across a row of the table the
// difference is the varied policy alone.
import { availableParallelism } from 'node:os';
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseVary, planSweep, SweepPlanError } from '../../sweep/sweep-plan.ts';
import { runSweep } from '../../sweep/sweep-runner.ts';
import { recordSweep } from '../../sweep/record-sweep.ts';
import { formatSweepTable, sweepCsv, sweepRows } from '../../sweep/sweep-table.ts';
import { EXIT, UsageError } from '../cli-error.ts';
import type { CliIo } from '../cli-io.ts';
import { parseCommandArgs } from '../parse-args.ts';
import { ProgressBar } from '../progress-bar.ts';
import { printIssues, resolveScenario, type Resolved } from '../resolve-scenario.ts';
import { findBuiltinSweep, type BuiltinSweep } from '../../../shared/library/builtin-sweeps.ts';
import { validateScenario } from '../../../shared/scenario/validate.ts';
import { SWEEP_USAGE } from '../usage.ts';

export async function sweepCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      vary: { type: 'string', multiple: true },
      seeds: { type: 'string' },
      csv: { type: 'string' },
      json: { type: 'boolean', default: false },
      parallel: { type: 'string' },
      db: { type: 'string' },
    },
    SWEEP_USAGE,
  );
  if (positionals.length !== 1) throw new UsageError(`sweep needs exactly one scenario\n\n${SWEEP_USAGE}`);
  // A built-in sweep (src/shared/library/builtin-sweeps.ts) is a scenario with its axes.
  const builtin = existsSync(positionals[0]!) ? undefined : findBuiltinSweep(positionals[0]!);
  const vary = values.vary?.length ? values.vary : builtin?.vary.map((v) => `${v.path}=${v.values.join(',')}`);
  if (!vary?.length) throw new UsageError(`sweep needs at least one --vary PATH=V1,V2\n\n${SWEEP_USAGE}`);
  const seeds = count('--seeds', values.seeds ?? '1', 1000);
  const parallel = count('--parallel', values.parallel ?? String(availableParallelism()), 64);
  const resolved = builtin ? builtinSweepScenario(builtin) : await resolveScenario(positionals[0]!);
  if (!resolved.ok) {
    printIssues(resolved.source, resolved.issues, io.err);
    return EXIT.badInput;
  }
  let tasks;
  let paths: string[];
  try {
    const varies = vary.map(parseVary);
    paths = varies.map((v) => v.path);
    tasks = planSweep(resolved.scenario, varies, seeds);
  } catch (error) {
    if (error instanceof SweepPlanError) throw new UsageError(error.message);
    throw error;
  }
  const bar = new ProgressBar();
  const started = performance.now();
  // With --db the sweep is stored as one, so the lab's Sweep tab lists it and opens its cells.
  const record = values.db ? recordSweep(resolve(values.db), resolved.scenario, tasks, seeds) : null;
  let summaries;
  try {
    summaries = await runSweep(tasks, {
      parallel,
      ...(values.db ? { dbFile: resolve(values.db) } : {}),
      onProgress: (done, total) => bar.update(done, total, `${done}/${total} runs`),
      ...(record ? { onResult: record.onResult } : {}),
    });
    record?.finish('completed');
  } catch (error) {
    record?.finish('failed', (error as Error).message);
    throw error;
  }
  bar.done();
  const rows = sweepRows(tasks, summaries);
  if (values.csv) writeFileSync(values.csv, sweepCsv(paths, rows));
  if (values.json) {
    io.out(JSON.stringify({ scenario: resolved.scenario.name, vary: paths, seeds, runs: rows }));
    return EXIT.ok;
  }
  io.out(`${resolved.scenario.name}: ${rows.length} runs (${rows.length / seeds} combinations x ${seeds} seeds) in ${((performance.now() - started) / 1000).toFixed(1)} s on ${Math.min(parallel, tasks.length)} processes; means per combination`);
  for (const line of formatSweepTable(paths, rows)) io.out(line);
  if (values.csv) io.out(`every run: ${values.csv}`);
  return EXIT.ok;
}

function builtinSweepScenario(sweep: BuiltinSweep): Resolved {
  const result = validateScenario(sweep.scenario);
  const source = `built-in sweep ${sweep.key}`;
  return result.ok ? { ok: true, scenario: result.scenario, source } : { ok: false, source, issues: result.issues };
}

function count(flag: string, text: string, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > max) throw new UsageError(`${flag}: expected an integer 1..${max}, got "${text}"`);
  return n;
}
