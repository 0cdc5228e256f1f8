// The menu (menu-template.ts) made real: Electron's Menu, its commands wired
// to the dialogs and to the renderer (labShell commands). The menu is rebuilt
// when its state changes (a checkbox, the theme, Export report enabled).
import { BrowserWindow, dialog, Menu, nativeTheme, type FileFilter, type MenuItemConstructorOptions } from 'electron';
import type { ShellCommand, ShellState, Theme } from '../../shared/shell/shell-messages.ts';
import { SHELL_IPC_COMMAND } from '../../shared/shell/shell-messages.ts';
import { menuTemplate, type MenuCommand, type MenuItemSpec, type MenuState } from '../ipc/menu-template.ts';
import { openScenarioFile } from '../ipc/shell-ipc.ts';

const SCENARIO_FILTERS = [{ name: 'Scenarios', extensions: ['yaml', 'yml', 'json'] }];

export class AppMenu {
  private readonly state: MenuState;

  constructor(
    private readonly win: () => BrowserWindow | null,
    dev: boolean,
    private readonly log: (line: string) => void,
  ) {
    this.state = { dev, platform: process.platform, reportsAvailable: false, presentationMode: false, theme: 'system' };
  }

  install(): void {
    Menu.setApplicationMenu(Menu.buildFromTemplate(this.toElectron(menuTemplate(this.state))));
  }

  setShellState(state: ShellState): void {
    if (state.reportsAvailable === this.state.reportsAvailable) return;
    this.state.reportsAvailable = state.reportsAvailable;
    this.install();
  }

  async chooseSavePath(suggestedName: string, filters: FileFilter[] = SCENARIO_FILTERS): Promise<string | null> {
    const win = this.win();
    const options = { defaultPath: suggestedName, filters };
    const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  }

  private toElectron(items: MenuItemSpec[]): MenuItemConstructorOptions[] {
    return items.map(({ command, submenu, ...item }) => ({
      ...item,
      ...(submenu ? { submenu: this.toElectron(submenu) } : {}),
      ...(command ? { click: () => void this.run(command) } : {}),
    }));
  }

  private async run(command: MenuCommand): Promise<void> {
    try {
      if (command === 'openScenario') return await this.openScenario();
      if (command === 'saveScenario') return this.send({ type: 'saveScenario' });
      if (command === 'exportReport') return this.send({ type: 'exportReport' });
      if (command === 'togglePresentation') {
        this.state.presentationMode = !this.state.presentationMode;
        this.send({ type: 'presentationMode', on: this.state.presentationMode });
      } else {
        const theme = command.slice('theme:'.length) as Theme;
        this.state.theme = theme;
        nativeTheme.themeSource = theme;
        this.send({ type: 'theme', theme });
      }
      this.install();
    } catch (error) {
      this.log(`menu ${command}: ${(error as Error).message}`);
      const win = this.win();
      if (win) void dialog.showMessageBox(win, { type: 'error', message: (error as Error).message });
    }
  }

  private async openScenario(): Promise<void> {
    const win = this.win();
    const options = { filters: SCENARIO_FILTERS, properties: ['openFile' as const] };
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    const path = result.filePaths[0];
    if (result.canceled || path === undefined) return;
    this.send(await openScenarioFile(path));
  }

  private send(command: ShellCommand): void {
    const win = this.win();
    if (win && !win.isDestroyed()) win.webContents.send(SHELL_IPC_COMMAND, command);
  }
}
