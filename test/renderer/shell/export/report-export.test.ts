import { describe, expect, it } from 'vitest';
import { exportBlocker, exportFormats, exportRunReport, exportWithStatus, useExportStatus, type ExportedFile } from '../../../../src/renderer/shell/export/report-export.ts';
import type { RunInfo } from '../../../../src/shared/lab-api/lab-api.ts';
import type { RunSummary } from '../../../../src/shared/metrics/run-summary.ts';

const summary = { run_id: 'r1' } as RunSummary;
const info = { id: 'r1', storeLevel: 'full' } as RunInfo;

function fakeApi(fail?: string) {
  const asked: unknown[] = [];
  return {
    asked,
    api: {
      exportReport: async (params: { runId: string; format: 'html' | 'json' }) => {
        asked.push(params);
        if (fail) throw new Error(fail);
        return { fileName: `queue-lab-x-${params.runId}.${params.format}`, mimeType: 'text/html', content: '<!DOCTYPE html>' };
      },
    },
  };
}

describe('report export (renderer)', () => {
  it('is possible for an open, finished, fully stored run only, and says why not otherwise', () => {
    expect(exportBlocker({ runId: 'r1', summary, info })).toBeNull();
    expect(exportBlocker({ runId: null, summary: null, info: null })).toMatch(/No run open/);
    expect(exportBlocker({ runId: 'r1', summary: null, info })).toMatch(/still going/);
    expect(exportBlocker({ runId: 'r1', summary, info: { ...info, storeLevel: 'none' } })).toMatch(/store none/);
  });

  it('offers PDF only where the desktop shell can print it', () => {
    expect(exportFormats(undefined)).toEqual(['html', 'json']);
    expect(exportFormats({ saveReport: async () => ({ saved: false, fileName: null, format: null }) })).toEqual(['html', 'pdf', 'json']);
  });

  it('in a browser: asks the LabApi for the file and downloads it', async () => {
    const { api, asked } = fakeApi();
    const downloaded: ExportedFile[] = [];
    expect(await exportRunReport('r1', 'json', { api, download: (f) => downloaded.push(f) })).toBe('Downloaded queue-lab-x-r1.json');
    expect(asked).toEqual([{ runId: 'r1', format: 'json' }]);
    expect(downloaded.map((f) => f.fileName)).toEqual(['queue-lab-x-r1.json']);
    await expect(exportRunReport('r1', 'pdf', { api, download: () => undefined })).rejects.toThrow(/desktop app/);
  });

  it('in the desktop app: the shell’s save dialog does it all, the LabApi is not asked', async () => {
    const { api, asked } = fakeApi();
    const requests: unknown[] = [];
    const shell = { saveReport: async (r: unknown) => (requests.push(r), { saved: true, fileName: 'r.pdf', format: 'pdf' as const }) };
    expect(await exportRunReport('r1', 'pdf', { api, shell, download: () => undefined })).toBe('Saved r.pdf');
    expect(requests).toEqual([{ runId: 'r1', format: 'pdf' }]);
    expect(asked).toEqual([]);
    const cancelled = { saveReport: async () => ({ saved: false, fileName: null, format: null }) };
    expect(await exportRunReport('r1', 'html', { api, shell: cancelled, download: () => undefined })).toBe('Export cancelled');
  });

  it('the status line says what happened, errors included', async () => {
    await exportWithStatus('r1', 'html', { ...fakeApi('[not_found runId] no run "r1"'), download: () => undefined });
    expect(useExportStatus.getState()).toMatchObject({ busy: false, ok: false, message: 'Export failed: [not_found runId] no run "r1"' });
    await exportWithStatus('r1', 'html', { ...fakeApi(), download: () => undefined });
    expect(useExportStatus.getState()).toMatchObject({ busy: false, ok: true, message: 'Downloaded queue-lab-x-r1.html' });
  });
});
