// Live runs from the UI: startLive / stopRun are being added to the LabApi
// (by the main side). Until a host offers them the UI feature-detects them
// and shows live mode as unavailable instead of failing on click.
import type { LabApi } from '../../shared/lab-api/lab-api.ts';

export interface StartLiveParams {
  scenario?: Record<string, unknown>;
  builtinKey?: string;
  seed?: number;
  /** Wall seconds per scenario second. */
  timeScale?: number;
  workers?: number;
}

export interface LiveRunApi {
  startLive(params: StartLiveParams): Promise<{ runId: string }>;
  stopRun(params: { runId: string }): Promise<{ stopped: boolean }>;
}

/** The live-run methods of this host's LabApi, or null when it has none yet. */
export function liveRunApi(api: LabApi | null): LiveRunApi | null {
  if (!api || !('startLive' in api) || !('stopRun' in api)) return null;
  const methods = api as unknown as LiveRunApi;
  return { startLive: (p) => methods.startLive(p), stopRun: (p) => methods.stopRun(p) };
}
