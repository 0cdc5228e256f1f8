// Every `queue-lab` usage text, apart from the command modules: `queue-lab
// --help` (and a bad flag's message) must not load the engine, the web host
// or SQLite just to print words. main.ts loads a command's module only when
// that command runs; the commands import their own text from here.
import { defaultDbPath } from '../paths/default-db-path.ts';

export const RUN_USAGE = `queue-lab run SCENARIO [options]

  SCENARIO            a scenario file (.yaml, .yml, .json) or a built-in key (queue-lab scenarios)

  --mode instant|live instant: simulated workers on a virtual clock (default);
                      live: real worker processes on the SQLite file
  --time-scale F      live: wall seconds per scenario second (default 0.05: a 60 s lease lasts 3 s)
  --workers N         live: override workers.count
  --seed N            override the scenario's seed (an integer 0..4294967295)
  --db FILE|URL       the lab database (default: ${defaultDbPath()}), or a PostgreSQL
                      server as postgres://user[:password]@host[:port]/dbname (live runs)
  --claim skipLocked|forUpdate  live on PostgreSQL: how claims lock rows (default skipLocked;
                      forUpdate: plain row locks, workers queue behind one another)
  --store full|none   full: every job, attempt and event (default); none: only the run and its summary
  --json              print one summary object on stdout instead of a table
  --report FILE       also write the run's HTML report to FILE (queue-lab report for other formats)`;

export const RESUME_USAGE = `queue-lab resume RUN_ID [--db FILE|postgres://...] [--time-scale F] [--json]

  Finishes an interrupted live run (its process died, or it was stopped): done jobs stay done,
  held jobs return when their leases expire, and the producer continues from its last arrival.`;

export const WORKER_USAGE = `queue-lab worker --run RUN_ID [--db FILE|postgres://...] [--count N] [--name NAME]

  Joins a running live run with N more worker processes (default 1), named NAME-1, NAME-2...
  (default NAME: this machine's host name). They claim, heartbeat and complete like the run's
  own workers and leave when the run ends; Ctrl-C makes them finish their jobs in hand and leave.
  From other machines, give the run's PostgreSQL URL: a SQLite file has one machine's workers.`;

export const EXPERIMENT_USAGE = `queue-lab experiment claim-race [--db postgres://...] [--workers 1,2,4,8] [--jobs N] [--job-ms MS]
                                [--strategies skipLocked,forUpdate,sqlite] [--out FILE.html] [--json]

  Measures real throughput (jobs/s) against the number of worker processes for each way of
  claiming a job: PostgreSQL's FOR UPDATE SKIP LOCKED, a plain FOR UPDATE (workers queue behind
  one row lock) and SQLite's BEGIN IMMEDIATE (one write lock). One live run per point, on the
  real database. --out writes the chart as an HTML page. Without --db: SQLite only.`;

export const REPORT_USAGE = `queue-lab report RUN_ID --out FILE [--db FILE|postgres://...] [--format html|json|csv|pdf]

  Exports a stored run. html (default): one self-contained file that opens offline, with the
  charts, summary, dead letters by error, scenario and the results as embedded JSON.
  json: the summary and the charted series. csv: --out is a folder; writes jobs.csv,
  attempts.csv and events.csv into it. pdf: the html printed by Chromium, when installed.
  Without --format, an --out ending in .pdf or .json picks that format.`;

export const SERVE_USAGE = `queue-lab serve [--port P] [--host 127.0.0.1] [--allowed-host NAME]... [--db FILE|postgres://...] [--run SCENARIO] [--time-scale F]

  Serves the lab UI and its API on http://127.0.0.1:P (default port 4780, or
  QUEUE_LAB_PORT; 0 picks a free one).
  --run starts a live run of SCENARIO at once: POST /jobs, GET /stats, GET /dead ... act on it.
  --db postgres://...: the lab on a PostgreSQL server, whose live runs other machines join
  (queue-lab worker --db URL --run RUN_ID); instant runs and sweeps need a lab file.
  --allowed-host NAME: a name students reach the host by (a DNS alias), besides its addresses and the
  machine's name; requests naming any other host are refused (DNS rebinding). Repeat it or give a comma list.`;

export const VALIDATE_USAGE = `queue-lab validate SCENARIO... [--json]

  Checks scenario files (or built-in keys) without running them; prints every error with its path.`;

export const SCHEDULE_USAGE = `queue-lab schedule SCENARIO [--type NAME] [--samples N] [--json]

  Previews each job type's retry schedule: the delay before every retry (base,
  jitter rule, drawn spread) and the time until a job that always fails lands
  in the dead-letter table (median and 10-90 % spread). Nothing runs.`;

export const SWEEP_USAGE = `queue-lab sweep SCENARIO --vary PATH=V1,V2,... [--vary ...] [--seeds N] [--csv FILE] [--json] [--parallel N] [--db FILE]

  Runs every combination of the varied keys in instant mode (seeds: the
  scenario's seed, +1, ...), on up to --parallel processes (default: one per
  core), and prints a table of means per combination.
  --vary PATH=...   a scenario key by path: workers.count=1,2,4  retry.jitter=none,full
                    producers[0].arrival.rate=2,4   (repeat --vary for more keys)
  --seeds N         runs per combination (default 1)
  --csv FILE        every run as a CSV row (varied keys, seed, metrics, event log hash)
  --json            every run as JSON on stdout instead of the table
  --db FILE         store every run (store full) in this database; default: nothing stored
  A built-in sweep's key as SCENARIO (jitter-study-clients) brings its own
  --vary keys; a --vary given replaces them.`;

export const SCENARIOS_USAGE = `queue-lab scenarios [--json]

  Lists the built-in scenarios; run one with \`queue-lab run KEY\`.`;

export const START_USAGE = `queue-lab start [--web] [serve options]

  Opens the desktop window (Electron). Where the Electron binary or a display is missing,
  or with --web, serves the lab in your browser instead (the options are serve's).`;

/** The text `queue-lab help COMMAND` and `queue-lab COMMAND --help` print. */
export const COMMAND_USAGE: Record<string, string> = {
  run: RUN_USAGE,
  resume: RESUME_USAGE,
  worker: WORKER_USAGE,
  experiment: EXPERIMENT_USAGE,
  report: REPORT_USAGE,
  serve: SERVE_USAGE,
  validate: VALIDATE_USAGE,
  schedule: SCHEDULE_USAGE,
  sweep: SWEEP_USAGE,
  scenarios: SCENARIOS_USAGE,
  start: `${START_USAGE}\n\n${SERVE_USAGE}`,
};

export const USAGE = `Queue Lab: run job-queue scenarios and watch every job.

Usage:
  queue-lab run SCENARIO [--mode instant|live] [--seed N] [--db FILE] [--store full|none] [--json] [--report FILE]
  queue-lab resume RUN_ID [--db FILE|URL]
  queue-lab worker --run RUN_ID [--db FILE|URL] [--count N] [--name NAME]
  queue-lab experiment claim-race [--db URL] [--workers 1,2,4,8] [--out FILE.html]
  queue-lab report RUN_ID --out FILE [--db FILE] [--format html|json|csv|pdf]
  queue-lab serve [--port P] [--host ADDR] [--run SCENARIO]
  queue-lab validate SCENARIO...
  queue-lab schedule SCENARIO [--type NAME] [--json]
  queue-lab sweep SCENARIO --vary PATH=V1,V2 [--seeds N] [--csv FILE] [--json]
  queue-lab scenarios [--json]
  queue-lab start
  queue-lab help [COMMAND]

${RUN_USAGE}

${RESUME_USAGE}

${WORKER_USAGE}

${EXPERIMENT_USAGE}

${REPORT_USAGE}

${SERVE_USAGE}

${VALIDATE_USAGE}

${SCHEDULE_USAGE}

${SWEEP_USAGE}

${SCENARIOS_USAGE}

Exit codes: 0 ok, 1 the run failed, 2 bad input (a scenario error, a bad flag, an unusable database).`;
