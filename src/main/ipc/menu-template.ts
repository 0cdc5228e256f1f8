// The desktop menu as data: File (Open scenario..., Save scenario..., Export
// report, Quit) and View (presentation mode, theme, and the developer tools
// in development only). src/main/electron turns it into Electron's Menu,
// mapping each `command` to what it does; here it is plain data so tests can
// check it without the binary. The shape is a subset of Electron's
// MenuItemConstructorOptions.
import { THEMES, type Theme } from '../../shared/shell/shell-messages.ts';

export type MenuCommand = 'openScenario' | 'saveScenario' | 'exportReport' | 'togglePresentation' | `theme:${Theme}`;

export interface MenuItemSpec {
  label?: string;
  accelerator?: string;
  /** An Electron role (quit, toggleDevTools, reload, ...): Electron implements it. */
  role?: 'quit' | 'toggleDevTools' | 'reload' | 'forceReload' | 'togglefullscreen' | 'resetZoom' | 'zoomIn' | 'zoomOut' | 'appMenu';
  type?: 'normal' | 'separator' | 'checkbox' | 'radio' | 'submenu';
  checked?: boolean;
  enabled?: boolean;
  command?: MenuCommand;
  submenu?: MenuItemSpec[];
}

export interface MenuState {
  /** Development build: the developer tools and reload are offered. */
  dev: boolean;
  /** macOS puts Quit in the app menu. */
  platform: string;
  /** A report can be exported (the renderer says so once a run has one). */
  reportsAvailable: boolean;
  presentationMode: boolean;
  theme: Theme;
}

const THEME_LABEL: Record<Theme, string> = { system: 'System', light: 'Light', dark: 'Dark' };

export function menuTemplate(state: MenuState): MenuItemSpec[] {
  const mac = state.platform === 'darwin';
  const file: MenuItemSpec = {
    label: '&File',
    submenu: [
      { label: 'Open Scenario…', accelerator: 'CmdOrCtrl+O', command: 'openScenario' },
      { label: 'Save Scenario…', accelerator: 'CmdOrCtrl+S', command: 'saveScenario' },
      { type: 'separator' },
      { label: 'Export Report…', accelerator: 'CmdOrCtrl+E', command: 'exportReport', enabled: state.reportsAvailable },
      ...(mac ? [] : [{ type: 'separator' } as MenuItemSpec, { label: 'Quit', role: 'quit', accelerator: 'CmdOrCtrl+Q' } as MenuItemSpec]),
    ],
  };
  const view: MenuItemSpec = {
    label: '&View',
    submenu: [
      { label: 'Presentation Mode', type: 'checkbox', checked: state.presentationMode, accelerator: 'F5', command: 'togglePresentation' },
      {
        label: 'Theme',
        submenu: THEMES.map((theme) => ({ label: THEME_LABEL[theme], type: 'radio', checked: state.theme === theme, command: `theme:${theme}` }) satisfies MenuItemSpec),
      },
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { role: 'togglefullscreen' },
      ...(state.dev ? [{ type: 'separator' } as MenuItemSpec, { role: 'reload' } as MenuItemSpec, { role: 'toggleDevTools' } as MenuItemSpec] : []),
    ],
  };
  return mac ? [{ role: 'appMenu' }, file, view] : [file, view];
}
