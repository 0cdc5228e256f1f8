// The layering rules of docs/architecture.md "Layers" are enforced by eslint.config.js; these
// cases prove each rule fires (and that allowed imports pass), so a broken
// config cannot silently let a layer leak.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering', () => {
  it('src/shared may not import Node, Electron or host code', async () => {
    expect(await restrictedImports('src/shared/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n")).toHaveLength(1);
    expect(await restrictedImports('src/shared/x.ts', "import fs from 'fs';\nexport const a = fs;\n")).toHaveLength(1);
    expect(await restrictedImports('src/shared/x.ts', "import { runInstant } from '../main/engine/run-instant.ts';\nexport const a = runInstant;\n")).toHaveLength(1);
    expect(await restrictedImports('src/shared/x.ts', "import { z } from 'zod';\nimport { JOB_STATES } from './job/states.ts';\nexport const a = [z, JOB_STATES];\n")).toEqual([]);
  });

  it('the renderer may import src/shared but not Node or the main side', async () => {
    expect(await restrictedImports('src/renderer/x.ts', "import { spawn } from 'node:child_process';\nexport const a = spawn;\n")).toHaveLength(1);
    expect(await restrictedImports('src/renderer/x.ts', "import { openDatabase } from '../main/engine/store/open-database.ts';\nexport const a = openDatabase;\n")).toHaveLength(1);
    expect(await restrictedImports('src/renderer/x.ts', "import { JOB_STATES } from '../shared/job/states.ts';\nexport const a = JOB_STATES;\n")).toEqual([]);
    // A folder that shares its name with a Node builtin (inspector, test, events) is still just a folder.
    expect(await restrictedImports('src/renderer/x.ts', "import { fmtSeconds } from './views/inspector/format.ts';\nexport const a = fmtSeconds;\n")).toEqual([]);
    expect(await restrictedImports('src/renderer/x.ts', "import inspector from 'node:inspector';\nexport const a = inspector;\n")).toHaveLength(1);
    expect(await restrictedImports('src/renderer/x.ts', "import inspector from 'inspector';\nexport const a = inspector;\n")).toHaveLength(1);
  });

  it('only src/main/electron imports electron', async () => {
    const code = "import { app } from 'electron';\nexport const a = app;\n";
    expect(await restrictedImports('src/main/cli/x.ts', code)).toHaveLength(1);
    expect(await restrictedImports('src/main/engine/x.ts', code)).not.toHaveLength(0);
    expect(await restrictedImports('src/main/electron/x.ts', code)).toEqual([]);
  });

  it('the engine imports no host', async () => {
    expect(await restrictedImports('src/main/engine/x.ts', "import { main } from '../cli/main.ts';\nexport const a = main;\n")).toHaveLength(1);
    expect(await restrictedImports('src/main/cli/x.ts', "import { runInstant } from '../engine/run-instant.ts';\nexport const a = runInstant;\n")).toEqual([]);
  });
});
