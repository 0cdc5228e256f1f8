// Where the renderer's LabApi comes from: Electron's preload puts it on
// `window.lab`; in a browser the page talks to the web host that served it,
// over the WebSocket at /api/ws. Views never know which one they got.
import { rehydrateLabApi } from '../../shared/lab-api/bridge-error.ts';
import type { LabApi } from '../../shared/lab-api/lab-api.ts';
import type { LabShell } from '../../shared/shell/shell-messages.ts';
import type { LabTransport } from '../state/connection-store.ts';
import { connectWsLabClient, labSocketUrl } from '../../shared/lab-api/ws-client.ts';

declare global {
  interface Window {
    lab?: LabApi;
    /** The desktop's menu commands and dialogs (Electron only). */
    labShell?: LabShell;
  }
}

export interface ConnectedLab {
  api: LabApi;
  transport: LabTransport;
}

export async function connectLabApi(onClose: () => void): Promise<ConnectedLab> {
  // The contextBridge keeps only an error's message; rehydrate reads the code back out of it.
  if (window.lab) return { api: rehydrateLabApi(window.lab), transport: 'electron' };
  const api = await connectWsLabClient(labSocketUrl(window.location.href), { onClose });
  return { api, transport: 'websocket' };
}
