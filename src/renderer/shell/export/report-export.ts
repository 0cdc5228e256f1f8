// Exporting the open run's report, for the header's Export button and the
// desktop's File > Export report: in the desktop app through labShell's save
// dialog (which also prints PDF), in a browser as a download of the file the
// LabApi's exportReport gives (browser-download.ts). Plain TypeScript, so tests
// drive it without a DOM.
import { create } from 'zustand';
import type { LabApi } from '../../../shared/lab-api/lab-api.ts';
import type { LabShell, SavedReportFormat } from '../../../shared/shell/shell-messages.ts';
import type { RunState } from '../../state/run-store.ts';

export type ExportFormat = SavedReportFormat;

export const FORMAT_LABELS: Record<ExportFormat, string> = { html: 'HTML', pdf: 'PDF', json: 'JSON' };

export interface ExportedFile {
  fileName: string;
  mimeType: string;
  content: string;
}

/** Why the open run has no report to export yet, or null when it has one. */
export function exportBlocker(run: Pick<RunState, 'runId' | 'summary' | 'info'>): string | null {
  if (run.runId === null) return 'No run open: run a scenario or open one from the history to export its report';
  if (run.info?.storeLevel === 'none') return 'This run was stored without its events (store none): there is nothing to chart';
  if (run.summary === null) return 'The run is still going: its report can be exported once it has finished';
  return null;
}

/** PDF needs the desktop's printToPDF; a browser prints the HTML report itself (File > Print). */
export function exportFormats(shell: Pick<LabShell, 'saveReport'> | undefined): ExportFormat[] {
  return typeof shell?.saveReport === 'function' ? ['html', 'pdf', 'json'] : ['html', 'json'];
}

export interface ExportDeps {
  api: Pick<LabApi, 'exportReport'>;
  shell?: Pick<LabShell, 'saveReport'> | undefined;
  download(file: ExportedFile): void;
}

/** Saves or downloads the report; answers the line to show ("Saved …", "Export cancelled"). */
export async function exportRunReport(runId: string, format: ExportFormat, deps: ExportDeps): Promise<string> {
  if (typeof deps.shell?.saveReport === 'function') {
    const reply = await deps.shell.saveReport({ runId, format });
    return reply.saved ? `Saved ${reply.fileName ?? 'the report'}` : 'Export cancelled';
  }
  if (format === 'pdf') throw new Error('PDF export needs the desktop app; in a browser, export HTML and print it');
  const file = await deps.api.exportReport({ runId, format });
  deps.download(file);
  return `Downloaded ${file.fileName}`;
}

/** What the last export said, shown beside the button whichever way it was started (button or menu). */
export interface ExportStatus {
  busy: boolean;
  message: string | null;
  ok: boolean;
}

export const useExportStatus = create<ExportStatus>(() => ({ busy: false, message: null, ok: true }));

let clearTimer: ReturnType<typeof setTimeout> | undefined;

/** Runs one export with the status shown while it works and for a few seconds after. */
export async function exportWithStatus(runId: string, format: ExportFormat, deps: ExportDeps): Promise<void> {
  if (useExportStatus.getState().busy) return;
  clearTimeout(clearTimer);
  useExportStatus.setState({ busy: true, message: `Exporting ${FORMAT_LABELS[format]}…`, ok: true });
  try {
    useExportStatus.setState({ busy: false, message: await exportRunReport(runId, format, deps), ok: true });
  } catch (error) {
    useExportStatus.setState({ busy: false, message: `Export failed: ${error instanceof Error ? error.message : String(error)}`, ok: false });
  }
  clearTimer = setTimeout(() => useExportStatus.setState({ message: null }), 8000);
}
