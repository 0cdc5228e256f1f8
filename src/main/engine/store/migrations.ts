// The database schema, as an ordered list of migrations. PRAGMA user_version
// holds how many have been applied. Table and column names are part of the
// public contract (docs/architecture.md "Tables"): students open this file with sqlite3.
// Times are scenario seconds (REAL) unless a column name says otherwise.

export const MIGRATIONS: readonly string[] = [
  /* 1: the core tables */ `
  CREATE TABLE runs (
    id            TEXT PRIMARY KEY,            -- short random hex, e.g. 3f9a1c2e
    num           INTEGER UNIQUE,              -- 1, 2, ...: jobs.id of this run's jobs = num * 2^32 + jobs.seq
    scenario      TEXT NOT NULL,               -- scenario name
    scenario_json TEXT NOT NULL,               -- the resolved scenario, defaults filled in
    mode          TEXT NOT NULL CHECK (mode IN ('instant', 'live')),
    seed          INTEGER NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'interrupted')),
    store_level   TEXT NOT NULL DEFAULT 'full' CHECK (store_level IN ('full', 'none')),
    created_at    TEXT NOT NULL,               -- wall clock, ISO 8601
    finished_at   TEXT,
    sim_time      REAL NOT NULL DEFAULT 0,     -- scenario seconds reached
    summary_json  TEXT,
    error         TEXT,
    owner_pid     INTEGER                      -- process running it; a dead owner means interrupted
  );

  CREATE TABLE batches (
    id         INTEGER PRIMARY KEY,
    run_id     TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    size       INTEGER NOT NULL,
    succeeded  INTEGER NOT NULL DEFAULT 0,
    dead       INTEGER NOT NULL DEFAULT 0,
    cancelled  INTEGER NOT NULL DEFAULT 0,
    outcome    TEXT CHECK (outcome IN ('then', 'catch')),
    finished_at REAL
  );

  CREATE TABLE jobs (
    id               INTEGER PRIMARY KEY,         -- runs.num * 2^32 + seq: known without a lookup
    run_id           TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    seq              INTEGER NOT NULL,           -- job number within the run (1, 2, ...)
    queue            TEXT NOT NULL,
    type             TEXT NOT NULL,
    state            TEXT NOT NULL CHECK (state IN ('scheduled', 'pending', 'processing', 'succeeded', 'retrying', 'dead', 'cancelled')),
    priority         INTEGER NOT NULL DEFAULT 10, -- lower is served first
    attempts         INTEGER NOT NULL DEFAULT 0,  -- attempts started so far
    max_attempts     INTEGER NOT NULL,
    payload          TEXT,
    idempotency_key  TEXT,
    enqueued_at      REAL NOT NULL,
    due_at           REAL NOT NULL,               -- claimable from this time (delay, backoff)
    first_claimed_at REAL,
    finished_at      REAL,
    lease_owner      TEXT,                        -- worker holding the job while processing
    lease_expires_at REAL,
    heartbeat_at     REAL,
    progress         REAL NOT NULL DEFAULT 0,     -- 0..1
    parent_id        INTEGER REFERENCES jobs(id), -- a child waits (scheduled) until its parent succeeds
    batch_id         INTEGER REFERENCES batches(id),
    last_error       TEXT,
    cancel_reason    TEXT,
    completions      INTEGER NOT NULL DEFAULT 0   -- >1 only under the unsafe claim: double processing
  );
  -- Partial indexes: a job in a final state is in none of them, so the
  -- millions of finished jobs of instant runs cost no index upkeep.
  -- The claim reads this one: due jobs of a run, best priority, oldest first.
  CREATE INDEX jobs_claim ON jobs (run_id, priority, due_at, id) WHERE state = 'pending';
  CREATE INDEX jobs_lease ON jobs (run_id, lease_expires_at) WHERE state = 'processing';
  CREATE INDEX jobs_run_seq ON jobs (run_id, seq);
  CREATE INDEX jobs_parent ON jobs (parent_id) WHERE parent_id IS NOT NULL;
  CREATE UNIQUE INDEX jobs_idempotency ON jobs (run_id, idempotency_key) WHERE idempotency_key IS NOT NULL;

  CREATE TABLE attempts (
    id              INTEGER PRIMARY KEY,
    job_id          INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    run_id          TEXT NOT NULL,
    attempt         INTEGER NOT NULL,            -- 1 for the first try
    worker          TEXT,
    started_at      REAL NOT NULL,
    ended_at        REAL,
    outcome         TEXT CHECK (outcome IN ('succeeded', 'failed', 'timeout', 'crashed', 'lost')),
    error           TEXT,
    backoff_base    REAL,                        -- delay before jitter, seconds
    backoff_delay   REAL,                        -- delay actually chosen, seconds
    backoff_formula TEXT,                        -- e.g. "1 s x 2^2 = 4 s, full jitter -> 2.71 s"
    UNIQUE (job_id, attempt)
  );

  CREATE TABLE dead_jobs (
    job_id    INTEGER PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE,
    run_id    TEXT NOT NULL,
    queue     TEXT NOT NULL,
    type      TEXT NOT NULL,
    payload   TEXT,
    attempts  INTEGER NOT NULL,
    errors    TEXT NOT NULL,                     -- JSON array of every attempt's error
    reason    TEXT NOT NULL,
    died_at   REAL NOT NULL
  );
  CREATE INDEX dead_jobs_run ON dead_jobs (run_id);

  -- One row per state change, in order. Nothing is deleted silently.
  CREATE TABLE events (
    run_id     TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    t          REAL NOT NULL,                    -- scenario seconds
    job        INTEGER,                          -- jobs.seq within the run
    kind       TEXT NOT NULL,
    from_state TEXT,
    to_state   TEXT,
    worker     TEXT,
    detail     TEXT,
    PRIMARY KEY (run_id, seq)
  ) WITHOUT ROWID;

  CREATE TABLE workers (
    run_id     TEXT NOT NULL,
    name       TEXT NOT NULL,
    pid        INTEGER,
    state      TEXT NOT NULL,                    -- idle, busy, crashed, hung, stopped
    started_at REAL NOT NULL,
    stopped_at REAL,
    jobs_done  INTEGER NOT NULL DEFAULT 0,
    restarts   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (run_id, name)
  );

  CREATE TABLE metric_snapshots (
    run_id     TEXT NOT NULL,
    t          REAL NOT NULL,
    scheduled  INTEGER NOT NULL,
    pending    INTEGER NOT NULL,
    processing INTEGER NOT NULL,
    retrying   INTEGER NOT NULL,
    succeeded  INTEGER NOT NULL,
    dead       INTEGER NOT NULL,
    cancelled  INTEGER NOT NULL,
    PRIMARY KEY (run_id, t)
  ) WITHOUT ROWID;

  -- Token buckets for per-queue rate limits in live mode.
  CREATE TABLE rate_limits (
    run_id     TEXT NOT NULL,
    queue      TEXT NOT NULL,
    tokens     REAL NOT NULL,
    updated_at REAL NOT NULL,
    PRIMARY KEY (run_id, queue)
  ) WITHOUT ROWID;
  `,

  /* 2: what the live-mode queue operations need */ `
  -- Attempts made before the job was last retried from the dead-letter table:
  -- attempts restarts at 0 for max_attempts, while attempts.attempt keeps
  -- counting (attempt_base + attempts), so the history of every try survives.
  ALTER TABLE jobs ADD COLUMN attempt_base INTEGER NOT NULL DEFAULT 0;
  -- The bucket's shape lives beside its tokens so that every worker process
  -- applies the same limit; no row means the queue is not rate limited.
  ALTER TABLE rate_limits ADD COLUMN max_tokens REAL;
  ALTER TABLE rate_limits ADD COLUMN per_seconds REAL;
  -- A worker serving [high, low] looks up one queue at a time; without the
  -- queue in the index, an empty high queue would scan every pending low job.
  -- Partial, so that finished jobs (most rows, and all of an instant run's
  -- bulk inserts) cost nothing here.
  CREATE INDEX jobs_claim_queue ON jobs (run_id, queue, priority, due_at, id) WHERE state = 'pending';
  -- promoteDue: scheduled and retrying jobs of a run whose time has come.
  CREATE INDEX jobs_due ON jobs (run_id, due_at) WHERE state IN ('scheduled', 'retrying');
  `,

  /* 3: one lifecycle for both modes (docs/architecture.md "Job lifecycle") */ `
  -- What an event's attempt ended as, and why the job moved, as columns:
  -- views read these; detail stays the human sentence and is never parsed.
  -- NULL on events of files written before this migration.
  ALTER TABLE events ADD COLUMN outcome TEXT CHECK (outcome IN ('succeeded', 'failed', 'timeout', 'crashed', 'lost'));
  ALTER TABLE events ADD COLUMN reason TEXT;
  -- The key of the job's seeded draws (producer, arrival, place in the chain;
  -- see src/shared/sim/draw-key.ts): the same job fails the same way in both
  -- modes however producers interleave. NULL: drawn by seq (jobs enqueued by
  -- hand, and every job of older files).
  ALTER TABLE jobs ADD COLUMN draw_key INTEGER;
  `,

  /* 4: the downstream side over time (src/shared/tables/overload-samples.ts) */ `
  -- One measured value a row: a service's utilization, in_service, queued and
  -- capacity, or a caller's budget_tokens, breaker_state (0 closed, 1
  -- half-open, 2 open) and throttle_p. source: 'sim' (instant mode), 'host'
  -- (live mode's services) or the live worker whose defences these are.
  CREATE TABLE overload_samples (
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    t      REAL NOT NULL,
    source TEXT NOT NULL,
    name   TEXT NOT NULL,
    metric TEXT NOT NULL,
    value  REAL NOT NULL
  );
  CREATE INDEX overload_samples_run ON overload_samples (run_id, t);
  `,

  /* 5: PostgreSQL drops two foreign keys (postgres/migrations.ts); nothing changes here */ `
  -- SQLite checks a foreign key inside its own write, for next to nothing.
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
