import type { BuiltinScenario } from './builtin-scenario.ts';
import { poisonMessage, retryStormFullJitter, retryStormNoJitter } from './failure-modes/retries.ts';
import { shutdownGraceful, shutdownKill9, stuckJobsNoVisibilityTimeout, unsafeClaim, workerCrashRecovery } from './failure-modes/workers.ts';
import { overload, priorityStarvation, rateLimitedDownstream } from './failure-modes/load.ts';
import { batchPartialFailure, chainParentDies, idempotencyKeys } from './failure-modes/workflows.ts';
import { laravelDatabaseQueue, laravelNotificationWorker, mm3Baseline, phpMysqlSimulator } from './seed-systems.ts';
import { goWorkerPool, jobQueueSpec } from './seed-spec-and-go.ts';
import { metastableAdaptiveThrottling, metastableCircuitBreaker, metastableRetryBudget, metastableRetryStorm } from './failure-modes/metastable.ts';
import { jitterStudyScenario, retryAmplificationLayers } from './failure-modes/retry-work.ts';

export type { BuiltinScenario } from './builtin-scenario.ts';
export { FAILURE_MODE } from './builtin-scenario.ts';

/** In the order the library shows them: the seed systems first, then the failure modes, twins side by side. */
export const BUILTIN_SCENARIOS: readonly BuiltinScenario[] = [
  mm3Baseline,
  phpMysqlSimulator,
  laravelNotificationWorker,
  laravelDatabaseQueue,
  jobQueueSpec,
  goWorkerPool,
  poisonMessage,
  workerCrashRecovery,
  retryStormNoJitter,
  retryStormFullJitter,
  unsafeClaim,
  stuckJobsNoVisibilityTimeout,
  priorityStarvation,
  rateLimitedDownstream,
  overload,
  chainParentDies,
  batchPartialFailure,
  idempotencyKeys,
  shutdownGraceful,
  shutdownKill9,
  metastableRetryStorm,
  metastableRetryBudget,
  metastableCircuitBreaker,
  metastableAdaptiveThrottling,
  jitterStudyScenario,
  retryAmplificationLayers,
];

export function findBuiltin(key: string): BuiltinScenario | undefined {
  return BUILTIN_SCENARIOS.find((s) => s.key === key);
}
