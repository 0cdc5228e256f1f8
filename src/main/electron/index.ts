// The Electron main process: the only folder that imports `electron`, and
// thin. It opens the lab database (the file, or the PostgreSQL server
// QUEUE_LAB_DB names), serves the LabApi over IPC (main side in
// src/main/ipc, the same LabApiServer the web host uses), runs live runs'
// workers as utility processes, and shows one window with the renderer
// build. The security decisions are plain functions in
// src/main/ipc/electron-policy.ts, tested without the binary.
import { existsSync, mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, session } from 'electron';
import { dbTarget } from '../engine/store/open-store.ts';
import { APP_INDEX_URL, appOrigins, devServerUrl, isAppUrl } from '../ipc/electron-policy.ts';
import { serveLabIpc } from '../ipc/ipc-lab-server.ts';
import { saveReport } from '../ipc/report-saver.ts';
import { serveShellIpc } from '../ipc/shell-ipc.ts';
import { defaultDbPath } from '../paths/default-db-path.ts';
import { createLabApiServer } from '../web/lab-api-server.ts';
import { openLabStore } from '../web/lab-store.ts';
import { LiveRuns } from '../web/live-runs.ts';
import { AppMenu } from './app-menu.ts';
import { lockDownSession, registerAppScheme, serveAppProtocol } from './app-protocol.ts';
import { printHtmlToPdf } from './print-to-pdf.ts';
import { createLabWindow, guardAllContents } from './lab-window.ts';
import { UtilityWorkerHost } from './utility-worker-host.ts';

// Built layout (electron-vite): out/main/{index,worker}.js, out/preload/index.cjs, out/renderer/.
const here = dirname(fileURLToPath(import.meta.url));
const RENDERER_DIR = join(here, '..', 'renderer');
const PRELOAD = join(here, '..', 'preload', 'index.cjs');
const WORKER = join(here, 'worker.js');
const devServer = devServerUrl(process.env, app.isPackaged);
const devUrl = devServer.url;
const origins = appOrigins(devUrl);
const log = (line: string): void => void process.stderr.write(`queue-lab: ${line}\n`);
if (devServer.refused) log(devServer.refused);

registerAppScheme();
guardAllContents(origins, log);

async function start(): Promise<void> {
  lockDownSession(session.defaultSession, origins, devUrl);
  serveAppProtocol(RENDERER_DIR);
  // QUEUE_LAB_DB may name a PostgreSQL server, as for `serve`: the same LabStore seam then serves its runs.
  const target = dbTarget(defaultDbPath());
  if (target.kind === 'sqlite') mkdirSync(dirname(target.file), { recursive: true });
  const opened = await openLabStore(target);
  const workerHost = (): UtilityWorkerHost => new UtilityWorkerHost(existsSync(WORKER) ? { entry: WORKER, log } : { log });
  const { store } = opened;
  const lab = createLabApiServer({ store, liveRuns: new LiveRuns({ openStore: () => store.openLiveRun(), workerHost, log }), log });
  const isAllowedSender = (url: string): boolean => isAppUrl(url, origins);
  let win: BrowserWindow | null = null;
  const menu = new AppMenu(() => win, !app.isPackaged, log);
  const stopLab = serveLabIpc(ipcMain, lab, { isAllowedSender, log });
  const stopShell = serveShellIpc(ipcMain, {
    isAllowedSender,
    chooseSavePath: (name) => menu.chooseSavePath(name),
    onState: (s) => menu.setShellState(s),
    saveReport: (request) =>
      saveReport(request, {
        exportReport: (runId, format) => lab.api.exportReport({ runId, format }),
        chooseSavePath: (name, filters) => menu.chooseSavePath(name, filters),
        printToPdf: printHtmlToPdf,
        writeFile: (path, data) => writeFile(path, data),
      }),
  });
  menu.install();
  win = createLabWindow({ preload: PRELOAD, url: devUrl ?? APP_INDEX_URL, origins });
  win.on('closed', () => (win = null));

  let closed = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    // A live run is stopped and stored as interrupted before the app goes.
    event.preventDefault();
    closed = true;
    stopLab();
    stopShell();
    void lab
      .close()
      .then(() => opened.close())
      .finally(() => app.quit());
  });
}

app.on('window-all-closed', () => app.quit());
void app.whenReady().then(start).catch((error: unknown) => {
  log(`could not start: ${(error as Error).stack ?? String(error)}`);
  app.exit(1);
});
