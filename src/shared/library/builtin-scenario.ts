import type { ScenarioInput } from '../scenario/schema.ts';

/**
 * The `source` of every failure-mode scenario. The library groups by it (the
 * renderer's "Failure modes" section is `source === FAILURE_MODE`); any other
 * source names the seed system a preset reproduces.
 */
export const FAILURE_MODE = 'failure mode';

/** A scenario shipped with Queue Lab, with the lesson it is there to teach. */
export interface BuiltinScenario {
  /** What `queue-lab run KEY` takes. */
  key: string;
  title: string;
  /** Which seed system or failure mode it reproduces; also its group (see FAILURE_MODE). */
  source: string;
  teaches: string;
  /** "What to notice" when it runs: which number or view to look at. */
  notice: string;
  /** The built-in that differs from this one in the one policy the lesson is about (Compare pairs them in one click). */
  twin?: string;
  scenario: ScenarioInput;
}
