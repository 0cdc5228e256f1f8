#!/usr/bin/env node
// The `queue-lab` command. It runs the TypeScript sources through tsx so that
// `npx queue-lab` works right after `npm install`, with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
