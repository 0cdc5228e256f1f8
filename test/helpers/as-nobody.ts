// Root ignores file modes, so tests that need a file to be really read-only
// or unreadable run a child as "nobody" (uid 65534). That child must be able
// to reach the checkout: a clone made in `mktemp -d` is mode 0700.
import { chmodSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NOBODY = { uid: 65534, gid: 65534 } as const;

const REPO = resolve(fileURLToPath(new URL('../../', import.meta.url)));

/**
 * Lets "nobody" traverse to the checkout: the checkout's own folder gets o+x
 * when it lacks it (it is ours); an ancestor without it is not changed, and
 * the test fails saying where to put the checkout instead.
 */
export function letNobodyReachRepo(): void {
  const mode = statSync(REPO).mode;
  if ((mode & 0o001) === 0) chmodSync(REPO, (mode & 0o7777) | 0o001);
  for (let dir = dirname(REPO); dir !== dirname(dir); dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) {
      throw new Error(`${dir} is not searchable by other users, so uid 65534 cannot reach the checkout; run the tests from a checkout outside it`);
    }
  }
}
