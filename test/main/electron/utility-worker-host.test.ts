// The WorkerHost conformance suite for Electron's utilityProcess host, when it
// can run. Honestly: it cannot run from vitest at all. utilityProcess.fork
// exists only inside Electron's main process, and vitest runs in Node; running
// the suite would mean launching the Electron binary with a main script that
// runs it, which is not wired up. So:
//   - without the Electron binary (this environment, and any install that
//     skipped Electron's download), one test checks that the binary is indeed
//     absent and says plainly that the suite was not run;
//   - with the binary, one test checks only that the host's module loads,
//     and says plainly that the suite was not run either.
// The host's own logic (exit normalisation, message validation, SIGKILL) is
// tested on a fake utility process in utility-worker-host-fake.test.ts.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronBinary } from '../../../src/main/cli/commands/start.ts';

const binary = electronBinary();

describe('UtilityWorkerHost: WorkerHost conformance', () => {
  if (binary === null) {
    it('is not run: the Electron binary is not installed', () => {
      // The npm package is there (its typings are what the host is checked
      // against), but not the binary its postinstall downloads.
      const dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
      const pathFile = join(dir, 'path.txt');
      const installed = existsSync(pathFile) && existsSync(join(dir, 'dist', readFileSync(pathFile, 'utf8').trim()));
      expect(installed).toBe(false);
      console.warn('Electron binary not installed: the utilityProcess WorkerHost conformance suite was not run');
    });
  } else {
    it('is not run: utilityProcess works only inside Electron, so only the module is loaded', async () => {
      const { UtilityWorkerHost } = await import('../../../src/main/electron/utility-worker-host.ts');
      expect(typeof UtilityWorkerHost).toBe('function');
      console.warn(
        `Electron binary found (${binary}), but the utilityProcess WorkerHost conformance suite was not run: ` +
          'it needs Electron\'s main process, which vitest is not; only the module was loaded',
      );
    });
  }
});
