// The LabApi this window talks to, and whether it is still reachable.
import { create } from 'zustand';
import type { LabApi } from '../../shared/lab-api/lab-api.ts';

/** Electron's preload bridge or the web host's WebSocket. */
export type LabTransport = 'electron' | 'websocket';

export type ConnectionStatus = 'connecting' | 'connected' | 'closed' | 'failed';

export interface ConnectionState {
  api: LabApi | null;
  transport: LabTransport | null;
  status: ConnectionStatus;
  error: string | null;
}

export const useConnection = create<ConnectionState>(() => ({ api: null, transport: null, status: 'connecting', error: null }));
