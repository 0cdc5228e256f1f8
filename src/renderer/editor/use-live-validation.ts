// Validates the editor's text with the host as the user types: debounced,
// and only the newest answer counts (an old reply must not overwrite a
// newer one).
import { useEffect, useRef } from 'react';
import { LabApiError } from '../../shared/lab-api/lab-api.ts';
import { useConnection } from '../state/connection-store.ts';
import { useScenario } from '../state/scenario-store.ts';

const DEBOUNCE_MS = 300;

export function useLiveValidation(): void {
  const api = useConnection((s) => s.api);
  const text = useScenario((s) => s.text);
  const setValidation = useScenario((s) => s.setValidation);
  const latest = useRef(0);
  useEffect(() => {
    if (!api) return;
    const ticket = ++latest.current;
    setValidation({ status: 'checking', issues: useScenario.getState().validation.issues, message: null });
    const timer = setTimeout(() => {
      api
        .validateScenario({ text, format: text.trimStart().startsWith('{') ? 'json' : 'yaml' })
        .then((result) => {
          if (ticket !== latest.current) return;
          if (result.ok) setValidation({ status: 'ok', issues: [], message: null }, result.scenario);
          else setValidation({ status: 'invalid', issues: result.issues, message: null });
        })
        .catch((error: unknown) => {
          if (ticket !== latest.current) return;
          const issues = error instanceof LabApiError ? (error.issues ?? []) : [];
          setValidation({ status: 'error', issues, message: error instanceof Error ? error.message : String(error) });
        });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [api, text, setValidation]);
}
