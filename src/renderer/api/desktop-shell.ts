// The desktop menu (Electron's window.labShell): File > Open scenario hands
// the file's text to the editor, File > Save scenario saves the editor's
// text through the system dialog, File > Export report saves the open run's
// report (enabled while it has one), View switches presentation mode and the
// theme. In a browser there is no labShell and this does nothing.
import type { LabShell, ShellCommand } from '../../shared/shell/shell-messages.ts';
import { exportBlocker, exportWithStatus } from '../shell/export/report-export.ts';
import { useConnection } from '../state/connection-store.ts';
import { usePrefs } from '../state/prefs-store.ts';
import { useRun } from '../state/run-store.ts';
import { useScenario } from '../state/scenario-store.ts';

function suggestedName(): string {
  const { fileName, builtinKey } = useScenario.getState();
  return fileName ?? `${builtinKey ?? 'scenario'}.yaml`;
}

async function onCommand(shell: LabShell, command: ShellCommand): Promise<void> {
  switch (command.type) {
    case 'scenarioOpened':
      useScenario.getState().loadFile(command.fileName, command.text);
      return;
    case 'saveScenario': {
      const reply = await shell.saveScenario({ text: useScenario.getState().text, suggestedName: suggestedName() });
      if (reply.saved && reply.fileName) useScenario.setState({ fileName: reply.fileName, builtinKey: null, loadedText: useScenario.getState().text });
      return;
    }
    case 'exportReport': {
      // The dialog offers HTML, PDF and JSON; the extension the user picks decides.
      const api = useConnection.getState().api;
      const { runId } = useRun.getState();
      if (api && runId !== null && exportBlocker(useRun.getState()) === null) await exportWithStatus(runId, 'html', { api, shell, download: () => undefined });
      return;
    }
    case 'presentationMode':
      usePrefs.getState().setPresentation(command.on);
      return;
    case 'theme': {
      const dark = command.theme === 'dark' || (command.theme === 'system' && matchMedia('(prefers-color-scheme: dark)').matches);
      usePrefs.getState().setTheme(dark ? 'dark' : 'light');
      return;
    }
  }
}

/** Listens to the desktop menu, if there is one; returns the function that stops listening. */
export function connectDesktopShell(shell: LabShell | undefined): () => void {
  if (!shell) return () => undefined;
  // File > Export report is enabled while the open run has a report; tell the menu only when that changes.
  let available = false;
  void shell.setState({ reportsAvailable: false }).catch(() => undefined);
  const stopWatching = useRun.subscribe((run) => {
    const now = exportBlocker(run) === null;
    if (now === available) return;
    available = now;
    void shell.setState({ reportsAvailable: now }).catch(() => undefined);
  });
  const stopListening = shell.onCommand((command) => {
    onCommand(shell, command).catch((error: unknown) => console.warn('labShell command failed', error));
  });
  return () => {
    stopWatching();
    stopListening();
  };
}
