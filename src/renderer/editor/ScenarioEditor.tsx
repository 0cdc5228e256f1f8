// The scenario tab: the form for common keys beside the full YAML text, and
// every validation issue listed with its path and line.
import { useMemo, useRef, type ReactElement } from 'react';
import { useScenario } from '../state/scenario-store.ts';
import { ScenarioForm } from './ScenarioForm.tsx';
import { SchedulePreview } from './schedule-preview/SchedulePreview.tsx';
import { lineOf, parseYaml } from './yaml-paths.ts';

function ValidationStatus(): ReactElement {
  const { status, issues, message } = useScenario((s) => s.validation);
  const text =
    status === 'ok'
      ? 'Valid: ready to run.'
      : status === 'checking'
        ? 'Checking…'
        : status === 'invalid'
          ? `${issues.length} ${issues.length === 1 ? 'issue' : 'issues'}: the run stays disabled until they are fixed.`
          : status === 'error'
            ? `Could not validate: ${message ?? 'unknown error'}`
            : '';
  return (
    <p className={`validation-status status-${status}`} role="status">
      {text}
    </p>
  );
}

export function ScenarioEditor(): ReactElement {
  const text = useScenario((s) => s.text);
  const setText = useScenario((s) => s.setText);
  const issues = useScenario((s) => s.validation.issues);
  const parsed = useMemo(() => parseYaml(text), [text]);
  const textarea = useRef<HTMLTextAreaElement>(null);
  /** Puts the caret on the issue's line, so fixing it is one click away. */
  const goToLine = (line: number): void => {
    const el = textarea.current;
    if (!el) return;
    const start = text.split('\n').slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
    const end = text.indexOf('\n', start);
    el.focus();
    el.setSelectionRange(start, end === -1 ? text.length : end);
  };
  return (
    <div className="scenario-editor">
      <div className="editor-form">
        <h3>Common keys</h3>
        <ScenarioForm />
      </div>
      <div className="editor-text">
        <label htmlFor="scenario-yaml">
          <h3>Scenario file (YAML)</h3>
        </label>
        <textarea
          id="scenario-yaml"
          ref={textarea}
          spellCheck={false}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-describedby="scenario-issues"
          aria-invalid={issues.length > 0}
        />
        <ValidationStatus />
        <ul id="scenario-issues" className="issue-list" aria-label="Scenario issues">
          {issues.map((issue, i) => {
            const line = lineOf(parsed, issue.path);
            return (
              <li key={`${issue.path}-${i}`}>
                <code>{issue.path || '(file)'}</code>
                {line !== null && !issue.path.startsWith('line ') && (
                  <button type="button" className="link-button" onClick={() => goToLine(line)} title="Select this line in the editor">
                    line {line}
                  </button>
                )}
                {line !== null && issue.path.startsWith('line ') && (
                  <button type="button" className="link-button" onClick={() => goToLine(line)}>
                    go to line
                  </button>
                )}
                : {issue.message}
              </li>
            );
          })}
        </ul>
      </div>
      <SchedulePreview />
    </div>
  );
}
