// window.labShell: the menu's commands and the file dialogs
// (src/shared/shell/shell-messages.ts), on the same two ipcRenderer calls as
// the LabApi client, validated on arrival.
import {
  saveReportReplySchema,
  saveScenarioReplySchema,
  SHELL_IPC_COMMAND,
  SHELL_IPC_SAVE_REPORT,
  SHELL_IPC_SAVE_SCENARIO,
  SHELL_IPC_STATE,
  shellCommandSchema,
  type LabShell,
  type ShellCommand,
} from '../shared/shell/shell-messages.ts';
import type { IpcRendererLike } from './ipc-lab-client.ts';

export type { LabShell } from '../shared/shell/shell-messages.ts';

export function createShellClient(ipc: IpcRendererLike, log: (line: string) => void = () => undefined): LabShell {
  const listeners = new Set<(command: ShellCommand) => void>();
  ipc.on(SHELL_IPC_COMMAND, (_event, message) => {
    const command = shellCommandSchema.safeParse(message);
    if (!command.success) return log(`labShell: dropped a malformed command: ${command.error.message.slice(0, 200)}`);
    for (const listener of listeners) listener(command.data);
  });
  return {
    onCommand(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    async saveScenario(request) {
      return saveScenarioReplySchema.parse(await ipc.invoke(SHELL_IPC_SAVE_SCENARIO, request));
    },
    async setState(state) {
      await ipc.invoke(SHELL_IPC_STATE, state);
    },
    async saveReport(request) {
      return saveReportReplySchema.parse(await ipc.invoke(SHELL_IPC_SAVE_REPORT, request));
    },
  };
}
