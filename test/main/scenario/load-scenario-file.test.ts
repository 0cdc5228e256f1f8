import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { loadScenarioFile, MAX_SCENARIO_FILE_BYTES, scenarioFormatOf } from '../../../src/main/scenario/load-scenario-file.ts';
import { formatIssue } from '../../../src/shared/scenario/errors.ts';
import { bundleForNobody, NOBODY } from '../../helpers/as-nobody.ts';

const designExample = fileURLToPath(new URL('../../fixtures/scenarios/design-example.yaml', import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'queue-lab-scenario-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

describe('loadScenarioFile', () => {
  it('loads the design example as YAML', async () => {
    const r = await loadScenarioFile(designExample);
    expect(r.format).toBe('yaml');
    expect(r.ok && r.scenario.name).toBe('M/M/3 at 80% load');
  });

  it('picks the format from the extension', () => {
    expect(scenarioFormatOf('a.json')).toBe('json');
    expect(scenarioFormatOf('a.JSON')).toBe('json');
    expect(scenarioFormatOf('a.yaml')).toBe('yaml');
    expect(scenarioFormatOf('a.yml')).toBe('yaml');
    expect(scenarioFormatOf('scenario')).toBe('yaml');
  });

  it('reads a JSON file, and reports JSON errors by line', async () => {
    const good = await loadScenarioFile(await file('good.json', '{ "seed": 9, "workers": { "count": 2 } }'));
    expect(good.format).toBe('json');
    expect(good.ok && good.scenario.workers.count).toBe(2);
    const bad = await loadScenarioFile(await file('bad.json', '{\n  "seed": 9,\n}\n'));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]!.path).toBe('line 3');
  });

  it('an empty file is the default scenario', async () => {
    const r = await loadScenarioFile(await file('empty.yaml', ''));
    expect(r.ok && r.scenario.workers.count).toBe(3);
  });

  it('reports validation errors with paths', async () => {
    const r = await loadScenarioFile(await file('bad.yaml', 'workers:\n  count: -2\n'));
    expect(r.ok ? [] : r.issues.map(formatIssue)).toEqual(['workers.count: expected an integer >= 1, got -2']);
  });

  it('turns file problems into "(file)" issues instead of throwing', async () => {
    const missing = await loadScenarioFile(join(dir, 'nope.yaml'));
    expect(missing).toMatchObject({ ok: false, format: 'yaml', issues: [{ path: '(file)', message: expect.stringMatching(/^file not found: /) }] });

    const directory = await loadScenarioFile(dir);
    expect(directory).toMatchObject({ ok: false, issues: [{ path: '(file)', message: expect.stringContaining('is a directory') }] });

    const big = await loadScenarioFile(await file('big.yaml', `# ${'x'.repeat(MAX_SCENARIO_FILE_BYTES)}\n`));
    expect(big).toMatchObject({ ok: false, issues: [{ path: '(file)', message: expect.stringMatching(/^file is 5\.0 MB, larger than the 5 MB limit/) }] });

    const binary = await loadScenarioFile(await file('binary.yaml', new Uint8Array([0xff, 0xfe, 0x00, 0x80])));
    expect(binary).toMatchObject({ ok: false, issues: [{ path: '(file)', message: 'not a UTF-8 text file' }] });
  });

  it('reports an unreadable file', async () => {
    const path = await file('locked.yaml', 'seed: 1\n');
    await chmod(path, 0o000);
    if (process.getuid?.() !== 0) {
      const r = await loadScenarioFile(path);
      expect(r).toMatchObject({ ok: false, issues: [{ path: '(file)', message: expect.stringContaining('permission denied') }] });
      return;
    }
    // Root reads any file, so the unreadable case is produced honestly by
    // loading it as "nobody" (uid 65534) in a child process.
    // The loader is bundled where "nobody" can reach it, wherever the checkout sits.
    await chmod(dir, 0o711);
    const loader = await bundleForNobody(fileURLToPath(new URL('../../../src/main/scenario/load-scenario-file.ts', import.meta.url)));
    onTestFinished(loader.cleanup);
    const code = `import(${JSON.stringify(loader.file)}).then(async (m) => console.log(JSON.stringify(await m.loadScenarioFile(${JSON.stringify(path)}))))`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', code], { ...NOBODY, cwd: loader.dir, encoding: 'utf8' });
    expect(JSON.parse(out)).toMatchObject({ ok: false, issues: [{ path: '(file)', message: expect.stringContaining('permission denied') }] });
  });
});
