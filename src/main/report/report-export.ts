// A stored run's report as one file's text and name, for the LabApi's
// exportReport: the UI saves it where the user says (a browser download, the
// desktop's save dialog), so nothing is written here. Same data and HTML as
// `queue-lab report` (write-report.ts).
import { renderReportHtml } from '../../shared/report/index.ts';
import type { RunReads } from '../engine/store/reads/run-reads.ts';
import { reportDataOf } from './write-report.ts';

export type ExportedFormat = 'html' | 'json' | 'pdf';

export interface ExportedReport {
  fileName: string;
  mimeType: string;
  content: string;
}

export const REPORT_MIME_TYPES: Record<ExportedFormat, string> = {
  html: 'text/html;charset=utf-8',
  json: 'application/json',
  pdf: 'application/pdf',
};

/** Lower-case words joined by dashes: safe in a file name on every system, still readable. */
function slug(text: string, maxLength: number): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s.slice(0, maxLength).replace(/-+$/, '');
}

/**
 * "queue-lab-poison-message-a8eb0724.html": the scenario says what it is,
 * the run id which run (a student hands in several runs of one scenario).
 */
export function reportFileName(scenario: string, runId: string, format: ExportedFormat): string {
  const name = slug(scenario, 60) || 'run';
  const id = slug(runId, 36) || 'run';
  return `queue-lab-${name}-${id}.${format}`;
}

/** Throws ReportInputError for a run that has no report (still running, stored with --store none, unknown). */
export async function exportReport(reads: RunReads, runId: string, format: 'html' | 'json', source: string, now = new Date()): Promise<ExportedReport> {
  const data = await reportDataOf(reads, runId, source, now);
  return {
    fileName: reportFileName(data.run.scenario, runId, format),
    mimeType: REPORT_MIME_TYPES[format],
    content: format === 'json' ? `${JSON.stringify(data)}\n` : renderReportHtml(data),
  };
}
