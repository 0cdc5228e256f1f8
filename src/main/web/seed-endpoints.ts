// The seeds' REST endpoints (the Go worker pool's and the Laravel
// notification worker's), on the live run the host is serving, so students
// can enqueue with curl:
//
//   POST   /jobs          {type, queue?, payload?, priority?, delay?, idempotency_key?}
//                          -> 201 {job_id, seq, status, deduplicated: false}
//                          -> 200 the first job, when its idempotency_key is known
//   GET    /jobs/:id      one job (id is jobs.id)
//   GET    /jobs?state=&after=&limit=   jobs in id order
//   GET    /stats         counts by state and the seeds' rates
//   GET    /dead          the dead-letter table
//   POST   /dead/retry    {job_id} or {all: true}
//   DELETE /dead/:id      forget one dead job
//   GET    /logs?after=&limit=          events (the latest ones without `after`)
//   GET    /health        always 200: {ok, active_run}
//   POST   /chaos         {action: kill|hang|slow|unsafe_claim|lock_contention|
//                          add_worker|remove_worker|outage|poison|capacity_drop,
//                          worker? (1-based), seconds?, factor?, on?, hold_ms?, type?,
//                          service?, capacity? (0 to under 1)}
//                          -> 200 {ok, detail}; ok is false when nothing was
//                          done (the worker is restarting). A fault fired now.
//
// Answers are JSON in snake_case; failures are {error} with 400 (a message
// naming the field), 404, 405, 409 (no active run) or 413 (body over 64 KB).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { checkAgainst } from '../../shared/lab-api/check-params.ts';
import { JOB_STATES, type JobState } from '../../shared/job/states.ts';
import type { ActiveRun } from './active-run.ts';
import { chaosBodySchema, chaosParamsOfBody, ChaosRefused, fireChaos } from './chaos.ts';
import { failure, HttpError, queryOf, sendJson, type Reply } from './http-reply.ts';
import { readJsonBody } from './request-body.ts';
import type { RunReads } from '../engine/store/reads/run-reads.ts';
import { runStats } from './run-stats.ts';
import { deadView, jobView } from './seed-views.ts';

export interface SeedEndpointsContext {
  activeRun(): ActiveRun | null;
  /** Reads of the lab file (the active run's events, job lists, counts). */
  reads: RunReads;
  log(line: string): void;
}

/** Answers the request if its path is one of the seeds' endpoints; false to let the next handler try. */
export type SeedEndpoints = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

type Handler = (req: IncomingMessage, url: URL, match: RegExpMatchArray) => Promise<Reply> | Reply;

interface Route {
  path: RegExp;
  methods: Record<string, Handler>;
}

const bounded = (max: number) => z.number().int().min(-max).max(max);

const enqueueBody = z.strictObject({
  type: z.string().min(1).max(200),
  queue: z.string().min(1).max(200).nullish(),
  payload: z.unknown().optional(),
  priority: bounded(2 ** 31 - 1).nullish(),
  delay: z.number().finite().min(0).max(1e9).nullish(),
  idempotency_key: z.string().min(1).max(255).nullish(),
});

const retryBody = z
  .strictObject({ job_id: z.number().int().min(1).optional(), all: z.literal(true).optional() })
  .refine((b) => (b.job_id === undefined) !== (b.all === undefined), { path: ['job_id'], message: 'give exactly one of job_id or all: true' });

const jobsQuery = z.strictObject({
  state: z.enum(JOB_STATES).optional(),
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

const logsQuery = z.strictObject({
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(100),
});

export function seedEndpoints(ctx: SeedEndpointsContext): SeedEndpoints {
  function live(): ActiveRun {
    const run = ctx.activeRun();
    if (!run) throw new HttpError(409, 'no live run is active; start one (LabApi startLive, or `queue-lab serve --run FILE`); GET /health says which run is active');
    return run;
  }

  async function body(req: IncomingMessage): Promise<unknown> {
    const read = await readJsonBody(req);
    if (!read.ok) throw new HttpError(read.status, read.message);
    return read.value;
  }

  function check<S extends z.ZodType>(schema: S, input: unknown, root: string): z.output<S> {
    const checked = checkAgainst(schema, input, root);
    if (!checked.ok) throw new HttpError(400, checked.message);
    return checked.data;
  }

  function idOf(text: string): number {
    const id = Number(text);
    if (!Number.isSafeInteger(id) || id < 1) throw new HttpError(400, `id: expected a job id (a positive integer), got ${JSON.stringify(text)}`);
    return id;
  }

  const routes: Route[] = [
    {
      path: /^\/health$/,
      methods: { GET: () => ({ status: 200, body: { ok: true, active_run: ctx.activeRun()?.runId ?? null } }) },
    },
    {
      path: /^\/jobs$/,
      methods: {
        POST: async (req) => {
          const run = live();
          const input = check(enqueueBody, await body(req), 'body');
          const { scenario } = run;
          const jobType = scenario.jobTypes[input.type];
          if (!jobType) {
            throw new HttpError(400, `type: unknown job type ${JSON.stringify(input.type)}; this run has ${Object.keys(scenario.jobTypes).join(', ')}`);
          }
          const queueName = input.queue ?? defaultQueue(run, input.type);
          const queue = scenario.queues.find((q) => q.name === queueName);
          if (!queue) {
            throw new HttpError(400, `queue: unknown queue ${JSON.stringify(queueName)}; this run has ${scenario.queues.map((q) => q.name).join(', ')}`);
          }
          const result = await run.store.enqueue({
            queue: queue.name,
            type: input.type,
            payload: payloadText(input.payload),
            priority: input.priority ?? queue.priority,
            maxAttempts: jobType.retry?.maxAttempts ?? scenario.retry.maxAttempts,
            now: run.now(),
            delay: input.delay ?? 0,
            idempotencyKey: input.idempotency_key ?? null,
          });
          const reply = { job_id: result.jobId, seq: result.seq, status: result.state, deduplicated: result.deduplicated };
          return result.deduplicated
            ? { status: 200, body: reply }
            : { status: 201, body: reply, headers: { Location: `/jobs/${result.jobId}` } };
        },
        GET: (_req, url) => {
          const run = live();
          const query = check(jobsQuery, queryOf(url), 'query');
          return listJobs(run, query.state ?? null, query.after, query.limit);
        },
      },
    },
    {
      path: /^\/jobs\/([^/]+)$/,
      methods: {
        GET: async (_req, _url, match) => {
          const run = live();
          const id = idOf(match[1]!);
          const job = await run.store.getJob(id);
          if (!job) throw new HttpError(404, `no job ${id} in run ${run.runId}`);
          return { status: 200, body: jobView(job) };
        },
      },
    },
    {
      path: /^\/stats$/,
      methods: {
        GET: async () => {
          const run = live();
          const now = run.now();
          return { status: 200, body: { run_id: run.runId, t: now, ...runStats(await ctx.reads.jobCounts(run.runId), now) } };
        },
      },
    },
    {
      path: /^\/dead$/,
      methods: {
        GET: async () => {
          const run = live();
          const dead = await run.store.listDead();
          return { status: 200, body: { count: dead.length, jobs: dead.map(deadView) } };
        },
      },
    },
    {
      path: /^\/dead\/retry$/,
      methods: {
        POST: async (req) => {
          const run = live();
          const input = check(retryBody, await body(req), 'body');
          if (input.all) return { status: 200, body: { retried: await run.store.retryAll(run.now()) } };
          const done = await run.store.retryOne(input.job_id!, run.now());
          if (!done.ok) throw new HttpError(404, `job ${input.job_id} is not in the dead-letter table of run ${run.runId}`);
          return { status: 200, body: { retried: 1 } };
        },
      },
    },
    {
      path: /^\/dead\/([^/]+)$/,
      methods: {
        DELETE: async (_req, _url, match) => {
          const run = live();
          const id = idOf(match[1]!);
          const done = await run.store.forget(id, run.now());
          if (!done.ok) throw new HttpError(404, `job ${id} is not in the dead-letter table of run ${run.runId}`);
          return { status: 200, body: { forgotten: 1 } };
        },
      },
    },
    {
      path: /^\/logs$/,
      methods: {
        GET: async (_req, url) => {
          const run = live();
          const query = check(logsQuery, queryOf(url), 'query');
          const events =
            query.after === undefined
              ? await ctx.reads.lastEvents(run.runId, query.limit)
              : await ctx.reads.eventsAfter(run.runId, query.after, query.limit);
          const lastSeq = events.length > 0 ? events[events.length - 1]!.seq : (query.after ?? 0);
          return { status: 200, body: { run_id: run.runId, events, last_seq: lastSeq } };
        },
      },
    },
    {
      path: /^\/chaos$/,
      methods: {
        POST: async (req) => {
          const run = live();
          const input = check(chaosBodySchema, await body(req), 'body');
          try {
            return { status: 200, body: await fireChaos(run, chaosParamsOfBody(input)) };
          } catch (error) {
            if (error instanceof ChaosRefused) throw new HttpError(error.status, error.message);
            throw error;
          }
        },
      },
    },
  ];

  async function listJobs(run: ActiveRun, state: JobState | null, after: number, limit: number): Promise<Reply> {
    const ids = await ctx.reads.jobIds(run.runId, state, after, limit);
    const jobs: ReturnType<typeof jobView>[] = [];
    for (const id of ids) {
      const job = await run.store.getJob(id);
      if (job) jobs.push(jobView(job));
    }
    const next = ids.length === limit ? ids[ids.length - 1]! : null;
    return { status: 200, body: { count: jobs.length, jobs, next_after: next } };
  }

  return async (req, res, url) => {
    const route = routes.find((r) => r.path.test(url.pathname));
    if (!route) return false;
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
    const handler = route.methods[method];
    let reply: Reply;
    if (!handler) {
      const allowed = Object.keys(route.methods).join(', ');
      reply = { status: 405, body: { error: `${req.method} is not allowed on ${url.pathname}; use ${allowed}` }, headers: { Allow: allowed } };
    } else {
      try {
        reply = await handler(req, url, url.pathname.match(route.path)!);
      } catch (error) {
        reply = failure(error, ctx.log);
      }
    }
    sendJson(req, res, reply);
    return true;
  };
}

/** The payload as stored; a value JSON cannot write back is the caller's to fix (400), not a 500. */
function payloadText(payload: unknown): string | null {
  if (payload === undefined || payload === null) return null;
  try {
    return JSON.stringify(payload);
  } catch (error) {
    throw new HttpError(400, `payload: cannot be stored as JSON (${(error as Error).message})`);
  }
}

/** Without `queue`: the queue a producer of this type fills, else "default", else the first queue. */
function defaultQueue(run: ActiveRun, type: string): string {
  const { scenario } = run;
  const producer = scenario.producers.find((p) => p.jobType === type);
  if (producer) return producer.queue;
  return scenario.queues.some((q) => q.name === 'default') ? 'default' : scenario.queues[0]!.name;
}

