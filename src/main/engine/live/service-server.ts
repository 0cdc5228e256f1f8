// A scenario's downstream service made real for live mode (README.md
// "Services"): an HTTP server on 127.0.0.1 with `concurrency` slots. A call
// takes a free slot or waits in line; with the line at queueLimit it is
// refused at once (503), and at capacity 0 (an outage window) too. Capacity
// windows apply on the scenario clock, so a trigger at t=30 s starts when
// the run's clock says 30 s. The service time and the failure are drawn from
// the run's seed for (job, attempt), so they do not depend on which worker
// calls when. A caller that gives up closes its request; the service does
// not notice (as a real one would not) and serves the call to the end: that
// call is counted as wasted, the work that keeps an overloaded service down.
// A service that `calls` the next layer holds its slot while it calls it over
// HTTP with that layer's timeout and retries (the rule instant mode uses,
// afterFailedLayerCall), so retries multiply across layers as they do there.
import { Agent, createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sampleDuration } from '../../../shared/random/distributions.ts';
import { afterFailedLayerCall } from '../../../shared/lifecycle/downstream-calls.ts';
import { hashUint32, hashUniform, STREAM } from '../../../shared/random/hash-uniform.ts';
import type { CapacityWindow, ServiceSpec } from '../../../shared/scenario/overload-schema.ts';
import type { RetryPolicy } from '../../../shared/scenario/schema.ts';
import { callService, type CallRequest } from '../../workers/service-call.ts';

export type { CallRequest };

export interface ServiceClock {
  /** Scenario seconds now. */
  now(): number;
  /** Wall ms of `scenarioSeconds`. */
  wallMs(scenarioSeconds: number): number;
}

/** The next layer this service calls: its name and URL, the caller's timeout (seconds) and the layer's retry policy. */
export interface LayerBelow {
  service: string;
  url: string;
  timeout: number | undefined;
  policy: RetryPolicy;
}

/** What the service counted, as the summary's downstream takes it (DownstreamCounts' per-service shape). */
export interface ServiceCounts {
  concurrency: number;
  calls: number;
  /** Calls whose caller gave up before the answer: served anyway. */
  wasted: number;
  /** Refused at once: capacity 0, or the line at queueLimit. */
  rejected: number;
  busySeconds: number;
  maxQueue: number;
  /** Scenario seconds when the last call ended. */
  lastEnd: number;
}

/** How often waiting calls are looked at again, wall ms: a window that gives slots back frees them within this. */
const PUMP_MS = 10;
const MAX_BODY = 1024;

interface Waiting {
  call: CallRequest;
  res: ServerResponse;
  /** Set when the caller closed the request before the answer. */
  gone: boolean;
}

export class ServiceServer {
  private server: Server | null = null;
  private readonly line: Waiting[] = [];
  private busy = 0;
  /** The integral of busy over scenario time, up to busySince (the charts' utilization). */
  private busyArea = 0;
  private busySince = 0;
  private readonly figures: ServiceCounts;
  private pump: ReturnType<typeof setInterval> | null = null;
  /** Capacity drops fired live (chaos), laid over the scenario's windows. */
  private readonly fired: CapacityWindow[] = [];
  private below: LayerBelow | null = null;
  /** Kept-alive connections to the next layer. */
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 256 });
  private closed = false;

  constructor(
    readonly name: string,
    private readonly spec: ServiceSpec,
    private readonly seed: number,
    private readonly clock: ServiceClock,
  ) {
    this.figures = { concurrency: spec.concurrency, calls: 0, wasted: 0, rejected: 0, busySeconds: 0, maxQueue: 0, lastEnd: 0 };
  }

  /** Listens on an ephemeral port of 127.0.0.1; resolves with the call URL. */
  async start(): Promise<string> {
    const server = createServer((req, res) => this.handle(req, res));
    server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.pump = setInterval(() => this.serveWaiting(), PUMP_MS);
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/call`;
  }

  /** Makes this service a layer: after its own service time, each call calls `below` (set before the first call). */
  connect(below: LayerBelow): void {
    this.below = below;
  }

  /**
   * Slots open at scenario time t: the lowest capacity of the windows open
   * then, scheduled or fired live, of `concurrency`; a fraction above 0 leaves
   * at least one slot, as in instant mode (services.ts capacityChanged).
   */
  slotsAt(t: number): number {
    let fraction = 1;
    for (const w of this.spec.windows) if (t >= w.from && t < w.to) fraction = Math.min(fraction, w.capacity);
    for (const w of this.fired) if (t >= w.from && t < w.to) fraction = Math.min(fraction, w.capacity);
    return fraction === 0 ? 0 : Math.max(1, Math.floor(this.spec.concurrency * fraction));
  }

  /** A capacity drop fired live (chaos): `capacity` of the slots from `from` to `to`, scenario seconds, as a window. */
  dropCapacity(capacity: number, from: number, to: number): void {
    this.fired.push({ from, to, capacity });
  }

  /** The drops fired live so far, as windows (the verdict judges them as it judges the scenario's). */
  firedWindows(): CapacityWindow[] {
    return this.fired.map((w) => ({ ...w }));
  }

  /** What the service counted so far. */
  counts(): ServiceCounts {
    return { ...this.figures };
  }

  /** Slot-seconds busy so far (scenario time): utilization over a step is its growth over concurrency x step. */
  busySlotSeconds(): number {
    this.accrueBusy();
    return this.busyArea;
  }

  private accrueBusy(): void {
    const now = this.clock.now();
    this.busyArea += this.busy * Math.max(0, now - this.busySince);
    this.busySince = now;
  }

  /** In flight and waiting now (for a chart or a test). */
  load(): { inFlight: number; waiting: number } {
    return { inFlight: this.busy, waiting: this.line.length };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.agent.destroy();
    if (this.pump) clearInterval(this.pump);
    this.pump = null;
    for (const w of this.line.splice(0)) w.res.destroy();
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'POST' || req.url !== '/call') return void res.writeHead(404).end();
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > MAX_BODY) req.destroy();
    });
    req.on('end', () => {
      const call = parseCall(body);
      if (!call) return void res.writeHead(400, { 'content-type': 'text/plain' }).end('expected {"key": int, "attempt": int}');
      this.admit(call, res);
    });
  }

  private admit(call: CallRequest, res: ServerResponse): void {
    this.figures.calls++;
    const now = this.clock.now();
    if (this.slotsAt(now) === 0) {
      // Capacity 0: nothing can serve it, as instant mode's outage answers.
      this.figures.rejected++;
      this.figures.lastEnd = now;
      return void res.writeHead(503, { 'content-type': 'text/plain' }).end(`${this.name} unavailable (503): capacity 0`);
    }
    if (this.spec.queueLimit !== undefined && this.busy >= this.slotsAt(now) && this.line.length >= this.spec.queueLimit) {
      this.figures.rejected++;
      this.figures.lastEnd = now;
      return void res.writeHead(429, { 'content-type': 'text/plain' }).end(`${this.name} refused the call (429): its queue is full`);
    }
    const waiting: Waiting = { call, res, gone: false };
    res.on('close', () => {
      if (!res.writableFinished) waiting.gone = true;
    });
    this.line.push(waiting);
    this.figures.maxQueue = Math.max(this.figures.maxQueue, this.line.length);
    this.serveWaiting();
  }

  private serveWaiting(): void {
    const slots = this.slotsAt(this.clock.now());
    while (this.busy < slots && this.line.length > 0) this.serve(this.line.shift()!);
  }

  private serve(w: Waiting): void {
    this.accrueBusy();
    this.busy++;
    const { key, attempt } = w.call;
    // One stream per call, words (key, 3 x attempt + i): the service time's two uniforms and the failure's.
    const u = (i: number): number => hashUniform(this.seed, STREAM.service, key, attempt * 3 + i);
    const seconds = sampleDuration(this.spec.serviceTime, u(0), u(1));
    const failed = this.spec.failureRate > 0 && u(2) < this.spec.failureRate;
    const startedAt = this.clock.now();
    setTimeout(() => {
      if (failed || !this.below) return this.answer(w, failed ? `${this.name} failed` : null, seconds);
      // The slot stays held while the layer below is called (and retried), as in instant mode.
      void this.callBelow(this.below, key, attempt).then((error) => this.answer(w, error, this.clock.now() - startedAt));
    }, Math.max(0, this.clock.wallMs(seconds)));
  }

  /** The call is over here: free the slot, count it, answer a caller still waiting (error null: 200). */
  private answer(w: Waiting, error: string | null, busySeconds: number): void {
    this.accrueBusy();
    this.busy--;
    this.figures.busySeconds += busySeconds;
    this.figures.lastEnd = this.clock.now();
    if (w.gone || w.res.destroyed) this.figures.wasted++;
    else if (error !== null) w.res.writeHead(500, { 'content-type': 'text/plain' }).end(error);
    else w.res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    this.serveWaiting();
  }

  /**
   * Calls the next layer for the call (key, attempt), retrying by the layer's
   * policy even if this call's own caller has given up (the service does not
   * know). Null when a call below succeeded, else the error this call fails with.
   */
  private async callBelow(below: LayerBelow, key: number, attempt: number): Promise<string | null> {
    // The calls below get their own draw key, from this call's: each layer draws its own times, the same in every run.
    const childKey = hashUint32(this.seed, STREAM.layerJitter, key, attempt);
    const timeout = below.timeout === undefined ? undefined : { seconds: below.timeout, ms: this.clock.wallMs(below.timeout) };
    let lastDelay: number | undefined;
    for (let n = 1; ; n++) {
      const failure = await callService(below.service, below.url, { key: childKey, attempt: n }, timeout, this.agent);
      if (failure === null) return null;
      const d = afterFailedLayerCall(below.policy, n, lastDelay, this.seed, childKey);
      if (!d.retry || this.closed) return `its call to ${below.service} failed ${n} time${n === 1 ? '' : 's'} (${failure.error})`;
      lastDelay = d.delay;
      await new Promise((r) => setTimeout(r, Math.max(0, this.clock.wallMs(d.delay))));
    }
  }
}

function parseCall(body: string): CallRequest | null {
  try {
    const v = JSON.parse(body) as { key?: unknown; attempt?: unknown };
    return Number.isInteger(v.key) && Number.isInteger(v.attempt) ? { key: v.key as number, attempt: v.attempt as number } : null;
  } catch {
    return null;
  }
}
