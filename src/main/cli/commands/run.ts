// queue-lab run SCENARIO [--mode instant] [--seed N] [--db FILE] [--json] [--store full|none]
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { runInstant } from '../../engine/run-instant.ts';
import { explain, openDatabase, type DB } from '../../engine/store/open-database.ts';
import { defaultDbPath } from '../../paths/default-db-path.ts';
import { EXIT, UsageError } from '../cli-error.ts';
import { formatSummary } from '../format-summary.ts';
import { ProgressBar } from '../progress-bar.ts';
import { printIssues, resolveScenario } from '../resolve-scenario.ts';
import type { CliIo } from '../cli-io.ts';
import { parseCommandArgs } from '../parse-args.ts';

export const RUN_USAGE = `queue-lab run SCENARIO [options]

  SCENARIO            a scenario file (.yaml, .yml, .json) or a built-in key (queue-lab scenarios)

  --mode instant      instant: simulated workers on a virtual clock (default)
  --seed N            override the scenario's seed (an integer 0..4294967295)
  --db FILE           the lab database (default: ${defaultDbPath()})
  --store full|none   full: every job, attempt and event (default); none: only the run and its summary
  --json              print one summary object on stdout instead of a table`;

export async function runCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    mode: { type: 'string', default: 'instant' },
    seed: { type: 'string' },
    db: { type: 'string' },
    store: { type: 'string', default: 'full' },
    json: { type: 'boolean', default: false },
  }, RUN_USAGE);
  if (positionals.length !== 1) throw new UsageError(`run takes one scenario, got ${positionals.length}\n\n${RUN_USAGE}`);
  if (values.mode === 'live') throw new UsageError('--mode live: live mode (real worker processes) is not in this version yet; use --mode instant');
  if (values.mode !== 'instant') throw new UsageError(`--mode: expected instant or live, got "${values.mode}"`);
  if (values.store !== 'full' && values.store !== 'none') throw new UsageError(`--store: expected full or none, got "${values.store}"`);
  const seed = values.seed === undefined ? undefined : parseSeed(values.seed);

  const resolved = await resolveScenario(positionals[0]!);
  if (!resolved.ok) {
    printIssues(resolved.source, resolved.issues, io.err);
    return EXIT.badInput;
  }
  const scenario = seed === undefined ? resolved.scenario : { ...resolved.scenario, seed };

  const dbPath = values.db ?? defaultDbPath();
  if (values.db === undefined) mkdirSync(dirname(dbPath), { recursive: true });
  const db: DB = openDatabase(dbPath);
  const bar = new ProgressBar();
  try {
    const summary = runInstant(scenario, {
      db,
      store: values.store,
      onProgress: (done, total, t) => bar.update(done, total, `${done}/${total} jobs, t = ${t.toFixed(1)} s`),
    });
    bar.done();
    if (values.json) io.out(JSON.stringify(summary));
    else io.out(formatSummary(summary) + `  database  ${dbPath}\n`);
    return EXIT.ok;
  } catch (error) {
    // The first write happens here, not in openDatabase: a read-only or
    // locked file shows up now and deserves the same plain words.
    throw explain(error, dbPath);
  } finally {
    bar.done();
    db.close();
  }
}

function parseSeed(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n > 2 ** 32 - 1) {
    throw new UsageError(`--seed: expected an integer 0..4294967295, got "${text}"`);
  }
  return n;
}
