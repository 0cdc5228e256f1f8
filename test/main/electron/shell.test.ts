// The desktop shell without the binary: the menu as data (menu-template.ts),
// the shell's IPC (save through a fake dialog, the sender check, validation)
// and the preload's labShell client on the in-memory IPC pair.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_INDEX_URL, appOrigins, isAppUrl } from '../../../src/main/ipc/electron-policy.ts';
import { menuTemplate, type MenuItemSpec, type MenuState } from '../../../src/main/ipc/menu-template.ts';
import { openScenarioFile, serveShellIpc } from '../../../src/main/ipc/shell-ipc.ts';
import { createShellClient } from '../../../src/preload/shell-client.ts';
import { SHELL_IPC_COMMAND, type ShellCommand, type ShellState } from '../../../src/shared/shell/shell-messages.ts';
import { FakeIpcMain, FakeWindow } from './fake-ipc.ts';

const dir = mkdtempSync(join(tmpdir(), 'queue-lab-shell-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base: MenuState = { dev: false, platform: 'linux', reportsAvailable: false, presentationMode: false, theme: 'system' };
const labels = (items: MenuItemSpec[] | undefined): (string | undefined)[] => (items ?? []).filter((i) => i.type !== 'separator').map((i) => i.label ?? i.role);

describe('menu', () => {
  it('File: open, save, export report (disabled until reports exist), quit', () => {
    const [file] = menuTemplate(base);
    expect(labels(file!.submenu)).toEqual(['Open Scenario…', 'Save Scenario…', 'Export Report…', 'Quit']);
    const exportItem = file!.submenu!.find((i) => i.command === 'exportReport')!;
    expect(exportItem.enabled).toBe(false);
    expect(menuTemplate({ ...base, reportsAvailable: true })[0]!.submenu!.find((i) => i.command === 'exportReport')!.enabled).toBe(true);
    expect(file!.submenu!.find((i) => i.label === 'Quit')!.role).toBe('quit');
  });

  it('View: presentation mode and theme reflect the state; developer tools only in development', () => {
    const view = menuTemplate({ ...base, presentationMode: true, theme: 'dark' })[1]!;
    expect(view.submenu!.find((i) => i.command === 'togglePresentation')).toMatchObject({ type: 'checkbox', checked: true });
    const theme = view.submenu!.find((i) => i.label === 'Theme')!;
    expect(theme.submenu!.map((i) => [i.command, i.checked])).toEqual([['theme:system', false], ['theme:light', false], ['theme:dark', true]]);
    expect(labels(view.submenu)).not.toContain('toggleDevTools');
    expect(labels(menuTemplate({ ...base, dev: true })[1]!.submenu)).toContain('toggleDevTools');
  });

  it('macOS: Quit lives in the app menu', () => {
    const mac = menuTemplate({ ...base, platform: 'darwin' });
    expect(mac[0]).toEqual({ role: 'appMenu' });
    expect(labels(mac[1]!.submenu)).not.toContain('Quit');
  });
});

describe('shell IPC', () => {
  const origins = appOrigins(undefined);
  function setUp(url = APP_INDEX_URL, savePath: string | null = join(dir, 'saved.yaml')) {
    const main = new FakeIpcMain();
    const states: ShellState[] = [];
    const asked: string[] = [];
    serveShellIpc(main, {
      isAllowedSender: (u) => isAppUrl(u, origins),
      chooseSavePath: async (name) => (asked.push(name), savePath),
      onState: (s) => states.push(s),
    });
    const win = new FakeWindow(main, url);
    return { win, shell: createShellClient(win.renderer), states, asked };
  }

  it('saveScenario writes the text where the dialog says; cancelled writes nothing', async () => {
    const { shell, asked } = setUp();
    expect(await shell.saveScenario({ text: 'name: x\n', suggestedName: 'x.yaml' })).toEqual({ saved: true, fileName: 'saved.yaml' });
    expect(readFileSync(join(dir, 'saved.yaml'), 'utf8')).toBe('name: x\n');
    expect(asked).toEqual(['x.yaml']);
    const cancelled = setUp(APP_INDEX_URL, null);
    expect(await cancelled.shell.saveScenario({ text: 'y' })).toEqual({ saved: false, fileName: null });
  });

  it('refuses other senders and bad messages', async () => {
    const foreign = setUp('https://evil.example/');
    await expect(foreign.shell.saveScenario({ text: 'x' })).rejects.toThrow(/refused/);
    await expect(foreign.shell.setState({ reportsAvailable: true })).rejects.toThrow(/refused/);
    expect(foreign.states).toEqual([]);
    const { shell, states } = setUp();
    await expect(shell.setState({ reportsAvailable: 'yes' } as never)).rejects.toThrow(/reportsAvailable/);
    await expect(shell.saveScenario({ text: 5 } as never)).rejects.toThrow(/text/);
    await shell.setState({ reportsAvailable: true });
    expect(states).toEqual([{ reportsAvailable: true }]);
  });

  it('saveReport: a valid request from the app reaches the saver; other senders and bad requests do not', async () => {
    const main = new FakeIpcMain();
    const asked: unknown[] = [];
    serveShellIpc(main, {
      isAllowedSender: (u) => isAppUrl(u, origins),
      chooseSavePath: async () => null,
      onState: () => undefined,
      saveReport: async (request) => (asked.push(request), { saved: true, fileName: 'r.pdf', format: 'pdf' }),
    });
    const shell = createShellClient(new FakeWindow(main, APP_INDEX_URL).renderer);
    expect(await shell.saveReport({ runId: 'r1', format: 'pdf' })).toEqual({ saved: true, fileName: 'r.pdf', format: 'pdf' });
    await shell.saveReport({ runId: 'r2' });
    expect(asked).toEqual([{ runId: 'r1', format: 'pdf' }, { runId: 'r2', format: 'html' }]);
    await expect(shell.saveReport({ runId: 'r1', format: 'docx' } as never)).rejects.toThrow(/format/);
    await expect(shell.saveReport({ runId: '', format: 'html' })).rejects.toThrow(/runId/);
    await expect(shell.saveReport({ runId: 'r1', path: '/etc/passwd' } as never)).rejects.toThrow(/path/);
    const foreign = createShellClient(new FakeWindow(main, 'https://evil.example/').renderer);
    await expect(foreign.saveReport({ runId: 'r1' })).rejects.toThrow(/refused/);
    expect(asked).toHaveLength(2);
    // Without a saver (an older main process) the channel is not served at all.
    await expect(setUp().shell.saveReport({ runId: 'r1' })).rejects.toThrow(/No handler/);
  });

  it('menu commands reach the page; malformed ones are dropped', async () => {
    const { win, shell } = setUp();
    const got: ShellCommand[] = [];
    const stop = shell.onCommand((c) => got.push(c));
    win.send(SHELL_IPC_COMMAND, { type: 'theme', theme: 'dark' });
    win.send(SHELL_IPC_COMMAND, { type: 'theme', theme: 'purple' });
    win.send(SHELL_IPC_COMMAND, { type: 'rm -rf' });
    await new Promise((r) => setImmediate(r));
    expect(got).toEqual([{ type: 'theme', theme: 'dark' }]);
    stop();
    win.send(SHELL_IPC_COMMAND, { type: 'exportReport' });
    await new Promise((r) => setImmediate(r));
    expect(got).toHaveLength(1);
  });

  it('openScenarioFile: the text and its format; a huge file is refused', async () => {
    writeFileSync(join(dir, 'a.json'), '{"name":"a"}');
    expect(await openScenarioFile(join(dir, 'a.json'))).toEqual({ type: 'scenarioOpened', fileName: 'a.json', format: 'json', text: '{"name":"a"}' });
    writeFileSync(join(dir, 'b.yml'), 'name: b\n');
    expect(await openScenarioFile(join(dir, 'b.yml'))).toMatchObject({ format: 'yaml', text: 'name: b\n' });
    writeFileSync(join(dir, 'huge.yaml'), 'x'.repeat(1_000_001));
    await expect(openScenarioFile(join(dir, 'huge.yaml'))).rejects.toThrow(/at most 1000000/);
  });
});
