// PDF export in the desktop app: the HTML report printed by Chromium itself,
// in a hidden window that runs no script (the report has none) and reads
// only the temporary file it is given. The options and the save flow are
// src/main/ipc/report-saver.ts's, tested without the binary.
//
// Written against Electron 38's typings; it has never run here (no Electron
// binary in this environment), so the printed result is not verified.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserWindow } from 'electron';
import { PDF_OPTIONS } from '../ipc/report-saver.ts';

export async function printHtmlToPdf(html: string): Promise<Uint8Array> {
  // A file rather than a data: URL: a long run's report can pass Chromium's 2 MB URL limit.
  const dir = await mkdtemp(join(tmpdir(), 'queue-lab-pdf-'));
  const file = join(dir, 'report.html');
  const win = new BrowserWindow({
    show: false,
    webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, spellcheck: false },
  });
  try {
    await writeFile(file, html, 'utf8');
    await win.loadFile(file);
    return await win.webContents.printToPDF({ ...PDF_OPTIONS });
  } finally {
    win.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}
