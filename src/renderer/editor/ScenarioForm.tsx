// The common keys as a form. Each input writes its key into the YAML text
// (comments and layout kept), and shows the validator's issue for that key
// right under it.
import { useMemo, type ReactElement } from 'react';
import { useScenario } from '../state/scenario-store.ts';
import { formFields, issuesFor, type FormField } from './form-fields.ts';
import { parseYaml, readAt, writeAt } from './yaml-paths.ts';

function fieldId(field: FormField): string {
  return `field-${field.path.replace(/[^a-zA-Z0-9]/g, '-')}`;
}

export function ScenarioForm(): ReactElement {
  const text = useScenario((s) => s.text);
  const setText = useScenario((s) => s.setText);
  const issues = useScenario((s) => s.validation.issues);
  const parsed = useMemo(() => parseYaml(text), [text]);
  const fields = useMemo(() => formFields(parsed), [parsed]);
  if (!parsed.ok) {
    return <p className="muted form-disabled">The form is paused while the YAML below has a syntax error; fix the line shown there.</p>;
  }
  const write = (field: FormField, raw: string): void => {
    const value = field.kind === 'choice' ? raw : raw === '' ? field.defaultValue : Number(raw);
    const next = writeAt(text, field.path, value);
    if (next !== null) setText(next);
  };
  return (
    <form className="scenario-form" aria-label="Common scenario keys" onSubmit={(e) => e.preventDefault()}>
      {fields.map((field) => {
        const id = fieldId(field);
        const own = issuesFor(field, issues);
        const current = readAt(parsed, field.path);
        const value = current === undefined || current === null ? '' : String(current);
        return (
          <div key={field.path} className={`form-field${own.length ? ' has-issue' : ''}`}>
            <label htmlFor={id}>{field.label}</label>
            <div className="form-input-row">
              {field.kind === 'choice' ? (
                <select id={id} value={value || String(field.defaultValue)} onChange={(e) => write(field, e.target.value)} aria-invalid={own.length > 0}>
                  {/* A value the schema refuses is still shown as it is, not as the first choice. */}
                  {[...(field.choices ?? []), ...(value && !field.choices?.includes(value) ? [value] : [])].map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  id={id}
                  type="number"
                  className="num"
                  value={value}
                  placeholder={String(field.defaultValue)}
                  min={field.min}
                  max={field.max}
                  step={field.step}
                  aria-invalid={own.length > 0}
                  aria-describedby={own.length ? `${id}-issue` : undefined}
                  onChange={(e) => write(field, e.target.value)}
                />
              )}
              {field.unit && <span className="unit muted">{field.unit}</span>}
            </div>
            {own.length > 0 && (
              <p id={`${id}-issue`} className="field-issue">
                {own.map((i) => i.message).join('; ')}
              </p>
            )}
          </div>
        );
      })}
    </form>
  );
}
