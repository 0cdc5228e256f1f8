import type { BuiltinScenario } from './builtin-scenario.ts';
import { overload, poisonMessage, retryStormFullJitter, retryStormNoJitter, workerCrashRecovery } from './failure-modes.ts';
import { goWorkerPool, laravelDatabaseQueue, laravelNotificationWorker, mm3Baseline, phpMysqlSimulator } from './seed-systems.ts';

export type { BuiltinScenario } from './builtin-scenario.ts';

export const BUILTIN_SCENARIOS: readonly BuiltinScenario[] = [
  mm3Baseline,
  phpMysqlSimulator,
  laravelNotificationWorker,
  laravelDatabaseQueue,
  goWorkerPool,
  poisonMessage,
  retryStormNoJitter,
  retryStormFullJitter,
  overload,
  workerCrashRecovery,
];

export function findBuiltin(key: string): BuiltinScenario | undefined {
  return BUILTIN_SCENARIOS.find((s) => s.key === key);
}
