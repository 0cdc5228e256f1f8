#!/usr/bin/env node
// The `queue-lab` command. It runs the built CLI, out/node/cli.js, which
// `npm install` makes (scripts/build.mjs). When that build is missing or older
// than the sources (a file was edited, a pull brought changes), it is rebuilt
// first, with one line on stderr saying so; `serve` and `start` also need the
// UI build. Where the build tools are not installed, it stops and names the
// command to run instead of running stale code.
import { pathToFileURL } from 'node:url';
import { ENTRIES, PARTS, staleReason } from '../scripts/build-state.mjs';

const argv = process.argv.slice(2);
const needs = argv[0] === 'serve' || argv[0] === 'start' ? ['node', 'renderer'] : ['node'];
const stale = needs.map((name) => ({ name, reason: staleReason(name) })).filter((p) => p.reason !== null);
if (stale.length > 0) {
  const what = stale.map((p) => `${PARTS[p.name].label} (${p.reason})`).join('; ');
  try {
    const { buildParts, buildToolsMissing } = await import('../scripts/build.mjs');
    const missing = await buildToolsMissing(stale.map((p) => p.name));
    if (missing) {
      process.stderr.write(`queue-lab: the build is out of date: ${what}, and ${missing} is not installed to rebuild it; run \`npm install\` then \`npm run build\`.\n`);
      process.exit(1);
    }
    process.stderr.write(`queue-lab: rebuilding first (as \`npm run build\` does): ${what}\n`);
    await buildParts(stale.map((p) => p.name), { quiet: true, log: () => {} });
  } catch (error) {
    // The tool's first two lines: what failed and where (a file and line, for a syntax error).
    const why = String(error?.message ?? error).split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 2).join(' ');
    process.stderr.write(`queue-lab: the rebuild failed: ${why}; fix it and run \`npm run build\`.\n`);
    process.exit(1);
  }
}

// Stack traces point into the TypeScript sources (the build writes source maps) when debugging.
if (process.env.QUEUE_LAB_DEBUG) process.setSourceMapsEnabled(true);
// `queue-lab scenarios | head -1`: a reader that stops early is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const { main } = await import(pathToFileURL(ENTRIES.cli).href);
process.exitCode = await main(argv);
