// --format pdf from the command line: the HTML report printed by a headless
// Chromium (the desktop app uses Electron's printToPDF instead). Chromium is
// optional: without it the user is told so, in one line, and what to do.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PdfUnavailableError } from './report-errors.ts';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** QUEUE_LAB_CHROMIUM, then /usr/bin/chromium, then the usual names on PATH; null when none is installed. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.QUEUE_LAB_CHROMIUM) return executable(env.QUEUE_LAB_CHROMIUM) ? env.QUEUE_LAB_CHROMIUM : null;
  if (executable('/usr/bin/chromium')) return '/usr/bin/chromium';
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    for (const name of CANDIDATES) if (dir && executable(join(dir, name))) return join(dir, name);
  }
  return null;
}

/**
 * The page as printed, with JavaScript off: the report needs none (its own
 * CSP allows none), and a script that slipped into it must not run here
 * either. Headless Chromium's print has no switch that turns scripts off
 * (--blink-settings=scriptEnabled=false and javaScriptEnabled=false were
 * tried: the script still ran), so a CSP that forbids every script goes
 * before the first tag that could hold one. Where several policies apply,
 * each must allow a script, so this one alone stops them.
 */
export function withScriptsOff(html: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="script-src 'none'">`;
  const doctype = /^\s*<!doctype[^>]*>/i.exec(html);
  return doctype ? `${doctype[0]}${meta}${html.slice(doctype[0].length)}` : `${meta}${html}`;
}

export function htmlToPdf(html: string, pdfPath: string): void {
  const chromium = findChromium();
  if (!chromium) {
    throw new PdfUnavailableError(
      'PDF export needs Chromium and none is installed (looked for /usr/bin/chromium, chromium and google-chrome on PATH); '
      + 'install it (apt-get install -y chromium), set QUEUE_LAB_CHROMIUM, or write --format html and print it from a browser',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'queue-lab-pdf-'));
  try {
    const htmlPath = join(dir, 'report.html');
    writeFileSync(htmlPath, withScriptsOff(html));
    const r = spawnSync(chromium, [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--no-pdf-header-footer', `--user-data-dir=${join(dir, 'profile')}`,
      `--print-to-pdf=${pdfPath}`, pathToFileURL(htmlPath).href,
    ], { encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'] });
    if (r.error || r.status !== 0) {
      const why = r.error ? r.error.message : `exit ${r.status}: ${r.stderr.trim().split('\n').slice(-1)[0] ?? ''}`;
      throw new Error(`Chromium (${chromium}) could not print the PDF: ${why}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
