// The scenario being edited: the built-in library, which entry (or file) the
// text came from, the YAML text itself and what the host's validator said
// about it. The text is the source of truth; the form edits it in place.
import { stringify } from 'yaml';
import { create } from 'zustand';
import type { ScenarioInfo } from '../../shared/lab-api/lab-api.ts';
import type { Scenario } from '../../shared/scenario/schema.ts';

export interface ScenarioIssue {
  path: string;
  message: string;
}

export type ValidationStatus = 'idle' | 'checking' | 'ok' | 'invalid' | 'error';

export interface ScenarioState {
  builtins: ScenarioInfo[];
  builtinsError: string | null;
  /** The built-in the text was loaded from (null: a file or typed by hand). */
  builtinKey: string | null;
  fileName: string | null;
  text: string;
  /** The text as loaded: unchanged text of a built-in runs by its key. */
  loadedText: string;
  validation: { status: ValidationStatus; issues: ScenarioIssue[]; message: string | null };
  /** The newest text's scenario the host found valid, defaults filled in: what the retry preview draws while the text has errors. */
  lastValid: Scenario | null;
  setBuiltins(list: ScenarioInfo[]): void;
  setBuiltinsError(message: string): void;
  pickBuiltin(key: string): void;
  loadFile(name: string, text: string): void;
  setText(text: string): void;
  setValidation(validation: ScenarioState['validation'], scenario?: Scenario): void;
}

export function builtinYaml(info: ScenarioInfo): string {
  return `# ${info.title}\n# ${info.source}\n${stringify(info.scenario, { lineWidth: 0 })}`;
}

export const useScenario = create<ScenarioState>((set, get) => ({
  builtins: [],
  builtinsError: null,
  builtinKey: null,
  fileName: null,
  text: '',
  loadedText: '',
  validation: { status: 'idle', issues: [], message: null },
  lastValid: null,
  setBuiltins(list) {
    set({ builtins: list, builtinsError: null });
    if (get().text === '' && list[0]) get().pickBuiltin(list[0].key);
  },
  setBuiltinsError: (message) => set({ builtinsError: message }),
  pickBuiltin(key) {
    const info = get().builtins.find((b) => b.key === key);
    if (!info) return;
    const text = builtinYaml(info);
    set({ builtinKey: key, fileName: null, text, loadedText: text, validation: { status: 'checking', issues: [], message: null } });
  },
  loadFile(name, text) {
    set({ builtinKey: null, fileName: name, text, loadedText: text, validation: { status: 'checking', issues: [], message: null } });
  },
  setText: (text) => set({ text }),
  setValidation: (validation, scenario) => set(scenario ? { validation, lastValid: scenario } : { validation }),
}));

/** The built-in this scenario is, if the text is still exactly as loaded. */
export function unchangedBuiltin(state: ScenarioState): ScenarioInfo | null {
  if (state.builtinKey === null || state.text !== state.loadedText) return null;
  return state.builtins.find((b) => b.key === state.builtinKey) ?? null;
}
