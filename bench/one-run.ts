// One instant run of bench/models/mm4.yaml, for measurements that need a
// process of their own (peak RSS of the 1M-job stored run).
//
//   node bin/run-ts.mjs bench/one-run.ts --jobs 1000000 --store full [--seed 42]
//
// Prints one JSON line: wall_s (the run itself, not node's start-up),
// rss_peak_mb (this process's peak RSS, from getrusage), events, jobs,
// wait_mean, and db_mb for --store full.
import { arg, loadModel, parseCount, timedRun } from './lib/mm4.ts';

const argv = process.argv.slice(2);
const jobs = parseCount(arg(argv, 'jobs', '200000'));
const store = arg(argv, 'store', 'full');
if (store !== 'full' && store !== 'none') throw new Error(`--store must be full or none, not ${store}`);
const seedText = arg(argv, 'seed', '');
const seed = seedText === '' ? undefined : Number(seedText);

const run = timedRun(loadModel(jobs, seed), store);
// maxRSS is in kilobytes (KiB) on Linux and macOS.
const rss_peak_mb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ ...run, rss_peak_mb, store })}\n`);
