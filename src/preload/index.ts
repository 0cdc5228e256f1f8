// The preload: the LabApi as `window.lab` (docs/architecture.md "Layers"), over
// one IPC channel, plus `window.labShell` for what only the desktop has (the
// menu's commands, file dialogs). It runs sandboxed with context isolation:
// only the functions below cross into the page, never ipcRenderer itself.
// Errors lose every field but the message on the way across the bridge, so
// forBridge writes the code into it and the renderer reads it back with
// rehydrateLabApi(window.lab) (src/shared/lab-api/bridge-error.ts).
import { contextBridge, ipcRenderer } from 'electron';
import { forBridge } from '../shared/lab-api/bridge-error.ts';
import type { LabApi } from '../shared/lab-api/lab-api.ts';
import { createIpcLabClient } from './ipc-lab-client.ts';
import { createShellClient, type LabShell } from './shell-client.ts';

const log = (line: string): void => console.warn(line);

contextBridge.exposeInMainWorld('lab', forBridge(createIpcLabClient(ipcRenderer, log)) satisfies LabApi);
contextBridge.exposeInMainWorld('labShell', createShellClient(ipcRenderer, log) satisfies LabShell);
