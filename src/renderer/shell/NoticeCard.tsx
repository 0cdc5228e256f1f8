// "What to notice": the built-in's lesson, beside the run it explains.
import type { ReactElement } from 'react';
import { useRun } from '../state/run-store.ts';
import { useScenario } from '../state/scenario-store.ts';

export function NoticeCard(): ReactElement | null {
  const builtins = useScenario((s) => s.builtins);
  const editingKey = useScenario((s) => s.builtinKey);
  const runScenario = useRun((s) => s.scenarioName);
  // The open run's lesson when it is a built-in; else the one being edited.
  const info = builtins.find((b) => b.scenario.name === runScenario) ?? builtins.find((b) => b.key === editingKey);
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
