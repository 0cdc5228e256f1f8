// Where the e2e suite finds the repository, the renderer build and the
// browser, and where it writes what a person should look at.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const BIN = join(REPO, 'bin', 'queue-lab.mjs');
export const RENDERER_INDEX = join(REPO, 'out', 'renderer', 'index.html');
export const SCREENSHOTS = join(REPO, 'test-results', 'screenshots');
/** Debian's Chromium (apt-get install chromium); QUEUE_LAB_CHROMIUM points elsewhere. */
export const CHROMIUM = process.env.QUEUE_LAB_CHROMIUM ?? '/usr/bin/chromium';
