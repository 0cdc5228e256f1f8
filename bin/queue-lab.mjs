#!/usr/bin/env node
// The `queue-lab` command. It runs the TypeScript sources through tsx so that
// `npx queue-lab` works right after `npm install`, with no build step.
import { register } from 'tsx/esm/api';

register();
// `queue-lab scenarios | head -1`: a reader that stops early is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const { main } = await import('../src/main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
