// The Electron main process. The only folder that imports `electron`; it
// stays thin: a window and IPC handlers over the engine. The window, the
// preload's LabApi and the security settings come with the UI work; for now
// this opens nothing but a window that says so.
import { app, BrowserWindow } from 'electron';

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    title: 'Queue Lab',
    webPreferences: { contextIsolation: true, nodeIntegration: false, sandbox: true },
  });
  void win.loadURL('data:text/html,<h1>Queue Lab</h1><p>The lab UI arrives in a later version; use the queue-lab CLI meanwhile.</p>');
}

void app.whenReady().then(createWindow);
app.on('window-all-closed', () => app.quit());
