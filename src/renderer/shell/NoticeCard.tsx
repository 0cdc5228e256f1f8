// "What to notice": the built-in's lesson, beside the run it explains; and
// the same lesson as one line above the board in presentation mode.
import type { ReactElement } from 'react';
import type { ScenarioInfo } from '../../shared/lab-api/lab-api.ts';
import { useRun } from '../state/run-store.ts';
import { useScenario } from '../state/scenario-store.ts';

/** The open run's lesson when it is a built-in; else the one being edited. */
function useLesson(): ScenarioInfo | undefined {
  const builtins = useScenario((s) => s.builtins);
  const editingKey = useScenario((s) => s.builtinKey);
  const runScenario = useRun((s) => s.scenarioName);
  return builtins.find((b) => b.scenario.name === runScenario) ?? builtins.find((b) => b.key === editingKey);
}

export function LessonLine(): ReactElement | null {
  const info = useLesson();
  if (!info) return null;
  return (
    <p className="lesson-line" title={info.notice}>
      <strong>What to notice:</strong> {info.notice}
    </p>
  );
}

export function NoticeCard(): ReactElement | null {
  const info = useLesson();
  if (!info) return null;
  return (
    <section className="panel notice" aria-labelledby="notice-heading">
      <h2 id="notice-heading">What to notice</h2>
      <p className="notice-title">{info.title}</p>
      <p>{info.notice}</p>
      <p className="muted">{info.teaches}</p>
    </section>
  );
}
