// The desktop shell's own IPC (src/shared/shell/shell-messages.ts), main
// side, without `electron`: the dialogs come in as functions, so tests drive
// it with fakes. The same checks as the LabApi's: the sender must be our app,
// the message must pass its schema.
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { z } from 'zod';
import { checkAgainst } from '../../shared/lab-api/check-params.ts';
import {
  MAX_SCENARIO_BYTES,
  saveReportRequestSchema,
  saveScenarioRequestSchema,
  SHELL_IPC_SAVE_REPORT,
  SHELL_IPC_SAVE_SCENARIO,
  SHELL_IPC_STATE,
  shellStateSchema,
  type SaveReportReply,
  type SaveScenarioReply,
  type ShellCommand,
  type ShellState,
} from '../../shared/shell/shell-messages.ts';
import type { IpcMainLike } from './ipc-lab-server.ts';

export interface ShellIpcOptions {
  isAllowedSender(url: string): boolean;
  /** The save dialog: the chosen path, or null when cancelled. */
  chooseSavePath(suggestedName: string): Promise<string | null>;
  /** The renderer's state changed (Export report becomes possible, ...). */
  onState(state: ShellState): void;
  /** Saves a run's report through the dialog (report-saver.ts); without it the channel is not served. */
  saveReport?(request: z.output<typeof saveReportRequestSchema>): Promise<SaveReportReply>;
}

/** Reads a scenario file for File > Open scenario...: the command that hands it to the renderer. */
export async function openScenarioFile(path: string): Promise<ShellCommand> {
  const size = (await stat(path)).size;
  if (size > MAX_SCENARIO_BYTES) throw new Error(`${basename(path)} is ${size} bytes; a scenario file is at most ${MAX_SCENARIO_BYTES}`);
  const text = await readFile(path, 'utf8');
  return { type: 'scenarioOpened', fileName: basename(path), format: extname(path).toLowerCase() === '.json' ? 'json' : 'yaml', text };
}

export function serveShellIpc(ipc: IpcMainLike, options: ShellIpcOptions): () => void {
  const refuse = (url: string | null): Error => new Error(`refused: ${url === null ? 'a frame that is gone' : JSON.stringify(url)} is not the app`);

  ipc.handle(SHELL_IPC_SAVE_SCENARIO, async (event, payload): Promise<SaveScenarioReply> => {
    const url = event.senderFrame?.url ?? null;
    if (url === null || !options.isAllowedSender(url)) throw refuse(url);
    const request = checkAgainst(saveScenarioRequestSchema, payload, 'request');
    if (!request.ok) throw new Error(`saveScenario: ${request.message}`);
    const path = await options.chooseSavePath(request.data.suggestedName);
    if (path === null) return { saved: false, fileName: null };
    await writeFile(path, request.data.text, 'utf8');
    return { saved: true, fileName: basename(path) };
  });

  ipc.handle(SHELL_IPC_STATE, (event, payload): void => {
    const url = event.senderFrame?.url ?? null;
    if (url === null || !options.isAllowedSender(url)) throw refuse(url);
    const state = checkAgainst(shellStateSchema, payload, 'state');
    if (!state.ok) throw new Error(`setState: ${state.message}`);
    options.onState(state.data);
  });

  const { saveReport } = options;
  if (saveReport) {
    ipc.handle(SHELL_IPC_SAVE_REPORT, async (event, payload): Promise<SaveReportReply> => {
      const url = event.senderFrame?.url ?? null;
      if (url === null || !options.isAllowedSender(url)) throw refuse(url);
      const request = checkAgainst(saveReportRequestSchema, payload, 'request');
      if (!request.ok) throw new Error(`saveReport: ${request.message}`);
      return saveReport(request.data);
    });
  }

  return () => {
    ipc.removeHandler(SHELL_IPC_SAVE_SCENARIO);
    ipc.removeHandler(SHELL_IPC_STATE);
    if (saveReport) ipc.removeHandler(SHELL_IPC_SAVE_REPORT);
  };
}
