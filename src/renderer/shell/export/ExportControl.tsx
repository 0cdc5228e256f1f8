// The header's Export: a format and a button, enabled once the open run has
// a report (a finished, stored run), and what the last export said.
import { useState, type ReactElement } from 'react';
import { useConnection } from '../../state/connection-store.ts';
import { useRun } from '../../state/run-store.ts';
import './export.css';
import { browserDownload } from './browser-download.ts';
import { exportBlocker, exportFormats, exportWithStatus, FORMAT_LABELS, useExportStatus, type ExportFormat } from './report-export.ts';

export function ExportControl(): ReactElement {
  const api = useConnection((s) => s.api);
  const runId = useRun((s) => s.runId);
  const summary = useRun((s) => s.summary);
  const info = useRun((s) => s.info);
  const status = useExportStatus();
  const formats = exportFormats(window.labShell);
  const [format, setFormat] = useState<ExportFormat>('html');
  const blocker = api ? exportBlocker({ runId, summary, info }) : 'Not connected to the lab';
  const onExport = (): void => {
    if (!api || runId === null) return;
    void exportWithStatus(runId, format, { api, shell: window.labShell, download: browserDownload });
  };
  return (
    <div className="export-control">
      <select aria-label="Report format" value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)} disabled={blocker !== null}>
        {formats.map((f) => (
          <option key={f} value={f}>
            {FORMAT_LABELS[f]}
          </option>
        ))}
      </select>
      <button
        type="button"
        onClick={onExport}
        disabled={blocker !== null || status.busy}
        title={blocker ?? 'Save this run’s report: one self-contained file (charts, summary, dead letters) that works offline'}
      >
        Export
      </button>
      <span role="status" className={`export-status${status.ok ? '' : ' is-error'}`} title={status.message ?? undefined}>
        {status.message}
      </span>
    </div>
  );
}
