// The header's scenario picker: built-ins grouped as the library is, plus
// the opened file when there is one.
import type { ReactElement } from 'react';
import { useScenario } from '../state/scenario-store.ts';
import { groupBuiltins } from './library-groups.ts';

const FILE_VALUE = '__file__';

export function ScenarioSelect(): ReactElement {
  const { builtins, builtinKey, fileName, pickBuiltin } = useScenario();
  const edited = useScenario((s) => s.text !== s.loadedText);
  const value = builtinKey ?? (fileName ? FILE_VALUE : '');
  return (
    <label className="field-inline scenario-select">
      Scenario
      <select value={value} onChange={(e) => e.target.value !== FILE_VALUE && pickBuiltin(e.target.value)} disabled={builtins.length === 0}>
        {value === '' && <option value="">{builtins.length ? 'edited by hand' : 'loading…'}</option>}
        {fileName && <option value={FILE_VALUE}>{`file: ${fileName}${edited ? ' (edited)' : ''}`}</option>}
        {groupBuiltins(builtins).map((group) => (
          <optgroup key={group.label} label={group.label}>
            {group.items.map((b) => (
              <option key={b.key} value={b.key}>
                {b.key === builtinKey && edited ? `${b.title} (edited)` : b.title}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </label>
  );
}
