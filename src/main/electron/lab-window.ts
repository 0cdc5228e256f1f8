// The lab's window, with Electron's security checklist applied: context
// isolation, the sandbox, no Node integration, no webview, and every
// webContents refused navigation outside the app and any new window.
import { app, BrowserWindow } from 'electron';
import { isAllowedNavigation, windowOpenDecision } from '../ipc/electron-policy.ts';

export interface LabWindowOptions {
  preload: string;
  url: string;
  origins: readonly string[];
}

/** Once, before any window: the navigation rules for every webContents the app ever makes. */
export function guardAllContents(origins: readonly string[], log: (line: string) => void): void {
  app.on('web-contents-created', (_event, contents) => {
    const refuse = (event: { preventDefault(): void }, url: string): void => {
      if (isAllowedNavigation(url, origins)) return;
      event.preventDefault();
      log(`window: refused to navigate to ${url}`);
    };
    contents.on('will-navigate', (event) => refuse(event, event.url));
    contents.on('will-redirect', (event) => refuse(event, event.url));
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => windowOpenDecision(url));
  });
}

export function createLabWindow(options: LabWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'Queue Lab',
    show: false,
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(options.url);
  return win;
}
