import type { ScenarioInput } from '../scenario/schema.ts';

/** A scenario shipped with Queue Lab, with the lesson it is there to teach. */
export interface BuiltinScenario {
  /** What `queue-lab run KEY` takes. */
  key: string;
  title: string;
  /** Which seed system or failure mode it reproduces. */
  source: string;
  teaches: string;
  /** "What to notice" when it runs. */
  notice: string;
  scenario: ScenarioInput;
}
