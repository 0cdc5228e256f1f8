// The e2e tests drive the renderer the web host serves from out/renderer.
// `npm test` builds it first (npm run build:renderer); a run of only this
// folder (npx vitest run test/e2e) builds it here when it is missing, and
// QUEUE_LAB_E2E_BUILD=1 forces a fresh build.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { RENDERER_INDEX, REPO } from './paths.ts';

export function ensureRendererBuild(): void {
  if (existsSync(RENDERER_INDEX) && process.env.QUEUE_LAB_E2E_BUILD !== '1') return;
  const r = spawnSync('npm', ['run', 'build:renderer'], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 180_000 });
  if (r.status !== 0 || !existsSync(RENDERER_INDEX)) {
    throw new Error(`npm run build:renderer failed (status ${r.status}); the e2e tests need out/renderer.\n${r.stdout}\n${r.stderr}`);
  }
}
