// Reads a scenario file from disk and validates it. Every failure, from a
// missing file to a typo on line 40, comes back as issues, so the CLI, the web
// host and the Electron app show one kind of error and none of them needs a
// try/catch around a user's file.
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseScenarioText, type ValidationResult } from '../../shared/scenario/validate.ts';

/** Scenario files are hand-written; anything this large is the wrong file (a database, a log), not a scenario. */
export const MAX_SCENARIO_FILE_BYTES = 5 * 1024 * 1024;

export type ScenarioFormat = 'yaml' | 'json';
export type LoadedScenario = ValidationResult & { format: ScenarioFormat };

/** `.json` is JSON (so errors carry JSON positions); everything else is YAML, which also reads JSON. */
export function scenarioFormatOf(path: string): ScenarioFormat {
  return extname(path).toLowerCase() === '.json' ? 'json' : 'yaml';
}

export async function loadScenarioFile(path: string): Promise<LoadedScenario> {
  const format = scenarioFormatOf(path);
  const fail = (message: string): LoadedScenario => ({ ok: false, issues: [{ path: '(file)', message }], format });

  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) return fail(`${path} is a directory, expected a .yaml, .yml or .json scenario file`);
    // A FIFO or a device would block or never end; only plain files are scenarios.
    if (!info.isFile()) return fail(`${path} is not a regular file`);
    size = info.size;
  } catch (e) {
    return fail(describeFsError(path, e));
  }
  if (size > MAX_SCENARIO_FILE_BYTES) {
    return fail(`file is ${(size / 1024 / 1024).toFixed(1)} MB, larger than the ${MAX_SCENARIO_FILE_BYTES / 1024 / 1024} MB limit for a scenario`);
  }

  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    return fail(describeFsError(path, e));
  }
  let text: string;
  try {
    // fatal: a binary file must be refused, not decoded into replacement characters that then "almost" parse.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('not a UTF-8 text file');
  }
  return { ...parseScenarioText(text, format), format };
}

function describeFsError(path: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return `file not found: ${path}`;
    case 'ENOTDIR':
      return `file not found: ${path} (a part of the path is not a directory)`;
    case 'EACCES':
    case 'EPERM':
      return `cannot read ${path}: permission denied`;
    case 'EISDIR':
      return `${path} is a directory, expected a .yaml, .yml or .json scenario file`;
    default:
      return `cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`;
  }
}
