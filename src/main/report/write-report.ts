// A stored run to a report file: read it, fold its events into a RunTimeline,
// hand both to the shared generator, write the result. One entry point for
// `queue-lab report` and `queue-lab run --report`.
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { buildReportData, laneWindowOf, renderReportHtml, type ReportData } from '../../shared/report/index.ts';
import { toOverloadSeries } from '../../shared/overload/overload-series.ts';
import type { RunReads } from '../engine/store/reads/run-reads.ts';
import { appVersion } from './app-version.ts';
import { exportCsv, type CsvCounts } from './csv-export.ts';
import { htmlToPdf } from './pdf.ts';
import { buildLaneTimeline, buildTimeline, readDeadLetters, readRun } from './read-run.ts';
import { ReportInputError } from './report-errors.ts';

export const REPORT_FORMATS = ['html', 'json', 'csv', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface WrittenReport {
  format: ReportFormat;
  path: string;
  /** Bytes written (the three files' total for csv). */
  bytes: number;
  csv?: CsvCounts;
}

/**
 * Refuses an --out the format cannot write, before any work: its folder
 * must exist (csv: the folder itself may be new, its parent must exist).
 */
export function checkOutPath(out: string, format: ReportFormat): string {
  const path = resolve(out);
  if (format === 'csv') {
    if (existsSync(path) && !statSync(path).isDirectory()) throw new ReportInputError(`--out: ${out} is a file; --format csv writes a folder of CSV files`);
    if (!existsSync(dirname(path))) throw new ReportInputError(`--out: the folder ${dirname(path)} does not exist`);
    return path;
  }
  const dir = dirname(path);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new ReportInputError(`--out: the folder ${dir} does not exist`);
  if (existsSync(path) && statSync(path).isDirectory()) throw new ReportInputError(`--out: ${out} is a folder; give a file name`);
  return path;
}

/** Summary, timeline-derived series and dead letters of a stored run, as the HTML embeds them. */
export async function reportDataOf(reads: RunReads, runId: string, source: string, now = new Date()): Promise<ReportData> {
  const stored = await readRun(reads, runId, source);
  if (stored.storeLevel === 'none') {
    throw new ReportInputError(`run ${runId} was stored with --store none: it kept no events to chart; run it again with --store full`);
  }
  const timeline = await buildTimeline(reads, runId);
  // The lanes excerpt shows the busiest stretch of the run, not its (quiet) first attempts.
  const window = laneWindowOf(timeline, stored.summary.attempts.total);
  const lanes = window.busiest ? { timeline: await buildLaneTimeline(reads, runId, window), window } : undefined;
  return buildReportData(timeline, {
    summary: stored.summary,
    run: stored.run,
    scenarioText: stored.scenarioText,
    appVersion: appVersion(),
    generatedAt: now.toISOString(),
    deadLetters: await readDeadLetters(reads, runId),
    lesson: stored.lesson,
    overload: toOverloadSeries(await reads.overloadSamples(runId)),
  }, lanes);
}

/** `source` names the lab file (for errors). */
export async function writeReport(reads: RunReads, runId: string, format: ReportFormat, out: string, source: string): Promise<WrittenReport> {
  const path = checkOutPath(out, format);
  if (format === 'csv') {
    const stored = await readRun(reads, runId, source);
    if (stored.storeLevel === 'none') throw new ReportInputError(`run ${runId} was stored with --store none: it has no jobs, attempts or events to export`);
    mkdirSync(path, { recursive: true });
    const csv = await exportCsv(reads, runId, path);
    const bytes = ['jobs.csv', 'attempts.csv', 'events.csv'].reduce((n, f) => n + statSync(resolve(path, f)).size, 0);
    return { format, path, bytes, csv };
  }
  const data = await reportDataOf(reads, runId, source);
  if (format === 'json') {
    const text = `${JSON.stringify(data)}\n`;
    writeFileSync(path, text);
    return { format, path, bytes: Buffer.byteLength(text) };
  }
  const html = renderReportHtml(data);
  if (format === 'pdf') htmlToPdf(html, path);
  else writeFileSync(path, html);
  return { format, path, bytes: statSync(path).size };
}
