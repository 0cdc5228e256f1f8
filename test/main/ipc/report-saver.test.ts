// The desktop's report export without Electron: the dialog, the LabApi's
// exportReport and printToPDF are fakes that record what they were asked.
import { describe, expect, it } from 'vitest';
import { formatOfPath, PDF_OPTIONS, reportSaveFilters, saveReport, suggestedReportName, type ReportSaverDeps } from '../../../src/main/ipc/report-saver.ts';

function fakes(chosen: string | null) {
  const calls: string[] = [];
  const written: { path: string; data: string | Uint8Array }[] = [];
  const deps: ReportSaverDeps = {
    exportReport: async (runId, format) => {
      calls.push(`export ${runId} ${format}`);
      if (runId === 'nope') throw new Error('[not_found runId] no run "nope" in this lab');
      return { fileName: `queue-lab-demo-${runId}.${format}`, content: format === 'json' ? '{"run":1}' : '<!DOCTYPE html><p>report</p>' };
    },
    chooseSavePath: async (name, filters) => {
      calls.push(`dialog ${name} ${filters.map((f) => f.extensions[0]).join(',')}`);
      return chosen;
    },
    printToPdf: async (html) => {
      calls.push(`print ${html.length}`);
      return new Uint8Array([37, 80, 68, 70]);
    },
    writeFile: async (path, data) => void written.push({ path, data }),
  };
  return { deps, calls, written };
}

describe('report saver', () => {
  it('HTML: exports, proposes the exported name with HTML first in the dialog, writes the text', async () => {
    const { deps, calls, written } = fakes('/home/s/reports/mine.html');
    expect(await saveReport({ runId: 'r1', format: 'html' }, deps)).toEqual({ saved: true, fileName: 'mine.html', format: 'html' });
    expect(calls).toEqual(['export r1 html', 'dialog queue-lab-demo-r1.html html,pdf,json']);
    expect(written).toEqual([{ path: '/home/s/reports/mine.html', data: '<!DOCTYPE html><p>report</p>' }]);
  });

  it('PDF: prints the HTML report and writes the bytes', async () => {
    const { deps, calls, written } = fakes('/tmp/r.pdf');
    expect(await saveReport({ runId: 'r1', format: 'pdf' }, deps)).toEqual({ saved: true, fileName: 'r.pdf', format: 'pdf' });
    expect(calls).toEqual(['export r1 html', 'dialog queue-lab-demo-r1.pdf pdf,html,json', `print ${'<!DOCTYPE html><p>report</p>'.length}`]);
    expect(written[0]!.data).toEqual(new Uint8Array([37, 80, 68, 70]));
  });

  it('the extension typed in the dialog wins: .json asked as HTML exports the JSON', async () => {
    const { deps, calls, written } = fakes('C:\\Users\\s\\run.JSON');
    expect(await saveReport({ runId: 'r2', format: 'html' }, deps)).toEqual({ saved: true, fileName: 'run.JSON', format: 'json' });
    expect(calls).toEqual(['export r2 html', 'dialog queue-lab-demo-r2.html html,pdf,json', 'export r2 json']);
    expect(written[0]!.data).toBe('{"run":1}');
  });

  it('cancelled: nothing written; an unknown run fails before any dialog opens', async () => {
    const cancelled = fakes(null);
    expect(await saveReport({ runId: 'r1', format: 'json' }, cancelled.deps)).toEqual({ saved: false, fileName: null, format: null });
    expect(cancelled.written).toEqual([]);
    const unknown = fakes('/tmp/x.html');
    await expect(saveReport({ runId: 'nope', format: 'html' }, unknown.deps)).rejects.toThrow(/not_found/);
    expect(unknown.calls).toEqual(['export nope html']);
    expect(unknown.written).toEqual([]);
  });

  it('formats, names and filters', () => {
    expect(formatOfPath('/a/b.PDF', 'html')).toBe('pdf');
    expect(formatOfPath('/a/b.htm', 'pdf')).toBe('html');
    expect(formatOfPath('/a/report', 'pdf')).toBe('pdf');
    expect(formatOfPath('/a/report.txt', 'json')).toBe('json');
    expect(suggestedReportName('queue-lab-x-r1.html', 'pdf')).toBe('queue-lab-x-r1.pdf');
    expect(reportSaveFilters('json').map((f) => f.extensions[0])).toEqual(['json', 'html', 'pdf']);
  });

  it('PDF options: the report’s own A4 page and margins, colours printed, tagged, no header or footer', () => {
    expect(PDF_OPTIONS).toMatchObject({ preferCSSPageSize: true, printBackground: true, displayHeaderFooter: false, generateTaggedPDF: true });
  });
});
