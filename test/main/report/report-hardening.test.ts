// The report as a file that leaves the lab (issue 10): its CSP also forbids
// forms and <base> (neither is covered by default-src), and the PDF is
// printed by Chromium with JavaScript off, so a script that got into the
// HTML could not run while it is printed.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findChromium, htmlToPdf } from '../../../src/main/report/pdf.ts';
import { REPORT_CSP } from '../../../src/shared/report/index.ts';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('report CSP', () => {
  it("forbids form submissions and a <base> that would re-point links", () => {
    const directives = REPORT_CSP.split(';').map((d) => d.trim());
    expect(directives).toContain("form-action 'none'");
    expect(directives).toContain("base-uri 'none'");
    expect(directives).toContain("default-src 'none'");
  });
});

describe('PDF printing', () => {
  it('runs no script: a page whose script would call home prints without the call', { timeout: 120_000 }, async () => {
    expect(findChromium(), 'Chromium is needed for this test (apt-get install -y chromium)').not.toBeNull();
    // The listener is its own process: htmlToPdf waits for Chromium synchronously, and the page's requests need an answer meanwhile.
    const listener = spawn(process.execPath, ['-e', LISTENER], { stdio: ['ignore', 'pipe', 'inherit'] });
    let heard = '';
    listener.stdout!.on('data', (d: Buffer) => (heard += d.toString()));
    try {
      for (let i = 0; i < 100 && !/^port \d+/m.test(heard); i++) await new Promise((r) => setTimeout(r, 50));
      const port = /^port (\d+)/m.exec(heard)![1];
      dir = mkdtempSync(join(tmpdir(), 'queue-lab-pdf-js-'));
      const pdf = join(dir, 'out.pdf');
      // No CSP here on purpose: only the printer's own setting stands between the script and the network.
      const html = `<!doctype html><title>t</title><p>report</p><img src="http://127.0.0.1:${port}/image-loaded">`
        + `<script>new Image().src = 'http://127.0.0.1:${port}/script-ran';</script>`;
      htmlToPdf(html, pdf);
      expect(existsSync(pdf)).toBe(true);
      await new Promise((r) => setTimeout(r, 300));
      // The image proves the listener was reachable while printing; the script's request must be missing.
      expect(heard).toContain('/image-loaded');
      expect(heard).not.toContain('/script-ran');
    } finally {
      listener.kill();
    }
  });
});

const LISTENER = `
const server = require('node:http').createServer((req, res) => { process.stdout.write('hit ' + req.url + '\\n'); res.end('ok'); });
server.listen(0, '127.0.0.1', () => process.stdout.write('port ' + server.address().port + '\\n'));
`;
