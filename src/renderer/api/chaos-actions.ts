// Chaos buttons and keys go through here so each press is logged with the
// host's answer ("w2 killed", "w2 is restarting") for the class to see.
import type { ChaosParams, LabApi } from '../../shared/lab-api/lab-api.ts';
import { useChaosLog } from '../state/chaos-log-store.ts';
import { errorText } from '../state/run-actions.ts';

export async function fireChaos(api: LabApi, params: ChaosParams, label: string): Promise<void> {
  try {
    const result = await api.chaos(params);
    useChaosLog.getState().log(`${label}: ${result.detail}`, result.ok);
  } catch (error) {
    useChaosLog.getState().log(`${label}: ${errorText(error)}`, false);
  }
}
