// Where the renderer's LabApi comes from: Electron's preload puts it on
// `window.lab`; in a browser the page talks to the web host that served it,
// over the WebSocket at /api/ws. Views never know which one they got.
import type { LabApi } from '../../shared/lab-api/lab-api.ts';
import { connectWsLabClient, labSocketUrl } from '../../shared/lab-api/ws-client.ts';

declare global {
  interface Window {
    lab?: LabApi;
  }
}

export type LabTransport = 'electron' | 'websocket';

export interface ConnectedLab {
  api: LabApi;
  transport: LabTransport;
}

export async function connectLabApi(onClose: () => void): Promise<ConnectedLab> {
  if (window.lab) return { api: window.lab, transport: 'electron' };
  const api = await connectWsLabClient(labSocketUrl(window.location.href), { onClose });
  return { api, transport: 'websocket' };
}
