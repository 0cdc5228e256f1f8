// The browser's half of Export, kept apart so the export logic stays free of
// the DOM (tests import it under Node).
import type { ExportedFile } from './report-export.ts';

/** The browser's download: a Blob behind an <a download> click, the URL released once the click has started it. */
export function browserDownload(file: ExportedFile): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: file.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
