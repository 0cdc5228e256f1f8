// File > Export report and the Export button in the desktop app, without
// `electron`: the LabApi's exportReport gives the file, the save dialog the
// path, and for PDF Electron's printToPDF (src/main/electron/print-to-pdf.ts)
// prints the HTML. Those come in as functions, so tests drive this with fakes.
import type { SaveReportReply, SavedReportFormat } from '../../shared/shell/shell-messages.ts';

export interface SaveFilter {
  name: string;
  extensions: string[];
}

export interface ReportSaverDeps {
  /** The LabApi's exportReport (rejects not_found / bad_params for a run without a report). */
  exportReport(runId: string, format: 'html' | 'json'): Promise<{ fileName: string; content: string }>;
  /** The save dialog: the chosen path, or null when cancelled. */
  chooseSavePath(suggestedName: string, filters: SaveFilter[]): Promise<string | null>;
  /** The HTML printed to PDF bytes (Electron's webContents.printToPDF in a hidden window). */
  printToPdf(html: string): Promise<Uint8Array>;
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
}

const FILTERS: Record<SavedReportFormat, SaveFilter> = {
  html: { name: 'HTML report (works offline)', extensions: ['html', 'htm'] },
  pdf: { name: 'PDF', extensions: ['pdf'] },
  json: { name: 'Report data (JSON)', extensions: ['json'] },
};

/** The requested format's filter first (the dialog starts on it), then the others. */
export function reportSaveFilters(format: SavedReportFormat): SaveFilter[] {
  return [FILTERS[format], ...Object.values(FILTERS).filter((f) => f !== FILTERS[format])];
}

/** The extension the user typed decides; a name without a known one keeps the requested format. */
export function formatOfPath(path: string, requested: SavedReportFormat): SavedReportFormat {
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  if (ext === 'pdf') return 'pdf';
  if (ext === 'json') return 'json';
  if (ext === 'html' || ext === 'htm') return 'html';
  return requested;
}

/** exportReport's file name with the extension of the format the dialog proposes. */
export function suggestedReportName(exportedName: string, format: SavedReportFormat): string {
  return `${exportedName.replace(/\.[a-z0-9]+$/i, '')}.${format}`;
}

/**
 * printToPDF options: the report's own `@page` (A4, 14 mm x 12 mm margins)
 * wins, its state colours print (printBackground), and the PDF gets tags and
 * an outline from the headings, so a screen reader and a PDF viewer's
 * sidebar can find the sections. No header or footer: the report names
 * itself on its first page.
 */
export const PDF_OPTIONS = {
  pageSize: 'A4',
  preferCSSPageSize: true,
  printBackground: true,
  displayHeaderFooter: false,
  landscape: false,
  generateTaggedPDF: true,
  generateDocumentOutline: true,
} as const;

/** Asks for a path, then writes the run's report there in the format its extension names. */
export async function saveReport(request: { runId: string; format: SavedReportFormat }, deps: ReportSaverDeps): Promise<SaveReportReply> {
  // Export before the dialog: an unknown or unfinished run fails at once, and the name says which run it is.
  const source = (f: SavedReportFormat): 'html' | 'json' => (f === 'json' ? 'json' : 'html');
  const first = await deps.exportReport(request.runId, source(request.format));
  const path = await deps.chooseSavePath(suggestedReportName(first.fileName, request.format), reportSaveFilters(request.format));
  if (path === null) return { saved: false, fileName: null, format: null };
  const format = formatOfPath(path, request.format);
  // The user may have typed another extension than the one proposed: export what it names.
  const file = source(format) === source(request.format) ? first : await deps.exportReport(request.runId, source(format));
  await deps.writeFile(path, format === 'pdf' ? await deps.printToPdf(file.content) : file.content);
  return { saved: true, fileName: path.split(/[\\/]/).pop() ?? path, format };
}
