// queue-lab report RUN_ID --out FILE [--db FILE|postgres://...] [--format html|json|csv|pdf]
import { dbTarget, openRunReads, targetLabel } from '../../engine/store/open-store.ts';
import { defaultDbPath } from '../../paths/default-db-path.ts';
import { PdfUnavailableError, ReportInputError } from '../../report/report-errors.ts';
import { REPORT_FORMATS, writeReport, type ReportFormat } from '../../report/write-report.ts';
import { EXIT, UsageError } from '../cli-error.ts';
import type { CliIo } from '../cli-io.ts';
import { parseCommandArgs } from '../parse-args.ts';
import { REPORT_USAGE } from '../usage.ts';

export async function reportCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    out: { type: 'string', short: 'o' },
    db: { type: 'string' },
    format: { type: 'string' },
  }, REPORT_USAGE);
  if (positionals.length !== 1) throw new UsageError(`report takes one run id, got ${positionals.length}\n\n${REPORT_USAGE}`);
  if (!values.out) throw new UsageError(`report needs --out FILE\n\n${REPORT_USAGE}`);
  const format = formatOf(values.format, values.out);
  const target = dbTarget(values.db ?? defaultDbPath());
  const runId = positionals[0]!;
  const opened = await openRunReads(target, values.db !== undefined);
  try {
    const started = performance.now();
    const written = await writeReport(opened.reads, runId, format, values.out, targetLabel(target));
    const ms = performance.now() - started;
    const what = written.csv
      ? `${written.csv.jobs} jobs, ${written.csv.attempts} attempts, ${written.csv.events} events in ${written.path}/{jobs,attempts,events}.csv`
      : written.path;
    io.out(`report (${format}) of run ${runId}: ${what} (${(written.bytes / 1e6).toFixed(2)} MB, ${(ms / 1000).toFixed(2)} s)`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof ReportInputError) throw new UsageError(error.message);
    if (error instanceof PdfUnavailableError) {
      io.err(`queue-lab report: ${error.message}`);
      return EXIT.runFailed;
    }
    throw error;
  } finally {
    await opened.close();
  }
}

function formatOf(flag: string | undefined, out: string): ReportFormat {
  if (flag === undefined) return /\.pdf$/i.test(out) ? 'pdf' : /\.json$/i.test(out) ? 'json' : 'html';
  if (!(REPORT_FORMATS as readonly string[]).includes(flag)) throw new UsageError(`--format: expected html, json, csv or pdf, got "${flag}"`);
  return flag as ReportFormat;
}
