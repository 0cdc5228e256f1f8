// The scenario library: built-ins grouped as failure modes and seed systems,
// and "Open file" for a scenario of one's own (read in the page; nothing is
// uploaded anywhere but the lab's own validator).
import type { ChangeEvent, ReactElement } from 'react';
import { useScenario } from '../state/scenario-store.ts';
import { groupBuiltins } from './library-groups.ts';

export function LibraryPanel(): ReactElement {
  const { builtins, builtinsError, builtinKey, fileName, pickBuiltin, loadFile } = useScenario();
  const onFile = async (e: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = e.target.files?.[0];
    if (!file) return;
    loadFile(file.name, await file.text());
    e.target.value = ''; // the same file can be opened again after editing it on disk
  };
  return (
    <section className="panel library" aria-labelledby="library-heading">
      <h2 id="library-heading">Scenario library</h2>
      {builtinsError && <p className="error-text">Could not load the built-in scenarios: {builtinsError}</p>}
      {builtins.length === 0 && !builtinsError && <p className="muted">Loading the built-in scenarios…</p>}
      {groupBuiltins(builtins).map((group) => (
        <div key={group.label} className="library-group">
          <h3>{group.label}</h3>
          <ul>
            {group.items.map((b) => (
              <li key={b.key}>
                <button
                  type="button"
                  className="library-item"
                  aria-current={b.key === builtinKey ? 'true' : undefined}
                  onClick={() => pickBuiltin(b.key)}
                  title={b.teaches}
                >
                  {b.title}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}
      <div className="library-group">
        <h3>My files</h3>
        {fileName && <p className="current-file" aria-current="true">{fileName}</p>}
        <label className="file-open">
          <span className="button-like">Open file…</span>
          <input type="file" accept=".yaml,.yml,.json,application/json,text/yaml" onChange={(e) => void onFile(e)} className="visually-hidden" />
        </label>
      </div>
    </section>
  );
}
