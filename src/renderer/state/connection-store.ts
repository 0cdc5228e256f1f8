// The LabApi this window talks to, and whether it is still reachable.
import { create } from 'zustand';
import type { LabApi } from '../../shared/lab-api/lab-api.ts';
import type { LabTransport } from '../api/connect-lab-api.ts';

export type ConnectionStatus = 'connecting' | 'connected' | 'closed' | 'failed';

export interface ConnectionState {
  api: LabApi | null;
  transport: LabTransport | null;
  status: ConnectionStatus;
  error: string | null;
}

export const useConnection = create<ConnectionState>(() => ({ api: null, transport: null, status: 'connecting', error: null }));
