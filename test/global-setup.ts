// Before any test: the built code the tests' processes run (the CLI, the
// live and sweep workers, the UI) is brought up to date, as bin/queue-lab.mjs
// would, so that a run of a few test files after an edit never exercises
// yesterday's worker. `npm test` builds first anyway; then this does nothing.
import { buildParts } from '../scripts/build.mjs';

export default async function setup(): Promise<void> {
  await buildParts(undefined, { ifStale: true, log: (line) => process.stderr.write(`test setup: ${line}\n`) });
}
