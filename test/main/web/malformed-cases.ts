// The malformed-input cases of issue 10, as data: what is sent, and the
// status (REST) or error code (LabApi over WebSocket) it must get. The suite
// (malformed-input.test.ts) sends each to a real `queue-lab serve --run`
// process and records case -> answer in test-results/malformed-input.md.

export interface RestCase {
  name: string;
  method: string;
  path: string;
  body?: string;
  /** Content-Type application/json unless given (null: none). */
  type?: string | null;
  headers?: Record<string, string>;
  status: number;
}

export interface WsCase {
  name: string;
  /** A frame as sent (string), or a binary frame; `RUN` is replaced by the active run's id. */
  frame: string | Buffer;
  code: string;
}

const nested = (levels: number, inner = ''): string => '['.repeat(levels) + inner + ']'.repeat(levels);
const json = (value: unknown): string => JSON.stringify(value);
const jobs = (body: unknown, name: string, status = 400): RestCase => ({ name, method: 'POST', path: '/jobs', body: typeof body === 'string' ? body : json(body), status });

export const REST_CASES: RestCase[] = [
  jobs('{"type":', 'POST /jobs: truncated JSON'),
  jobs('{type: "work"}', 'POST /jobs: unquoted key (not JSON)'),
  jobs('{"type":"work",}', 'POST /jobs: trailing comma'),
  jobs('[]', 'POST /jobs: array body'),
  jobs('"work"', 'POST /jobs: string body'),
  jobs('null', 'POST /jobs: null body'),
  jobs('', 'POST /jobs: empty body'),
  jobs({}, 'POST /jobs: missing type'),
  jobs({ type: 5 }, 'POST /jobs: type is a number'),
  jobs({ type: '' }, 'POST /jobs: type is an empty string'),
  jobs({ type: 'nope' }, 'POST /jobs: unknown job type'),
  jobs({ type: 'x'.repeat(10_000) }, 'POST /jobs: 10,000-char type'),
  jobs({ type: 'work', queue: 'nowhere' }, 'POST /jobs: unknown queue'),
  jobs({ type: 'work', queue: '' }, 'POST /jobs: empty queue'),
  jobs({ type: 'work', queue: ['default'] }, 'POST /jobs: queue is an array'),
  jobs({ type: 'work', priority: 'high' }, 'POST /jobs: priority is a string'),
  jobs({ type: 'work', priority: 1.5 }, 'POST /jobs: priority 1.5'),
  jobs('{"type":"work","priority":1e300}', 'POST /jobs: priority 1e300'),
  jobs('{"type":"work","priority":NaN}', 'POST /jobs: priority NaN (not JSON)'),
  jobs({ type: 'work', delay: -1 }, 'POST /jobs: negative delay'),
  jobs({ type: 'work', delay: 1e12 }, 'POST /jobs: delay 1e12'),
  jobs('{"type":"work","delay":1e999}', 'POST /jobs: delay 1e999 (Infinity)'),
  jobs({ type: 'work', delay: '5' }, 'POST /jobs: delay as a string'),
  jobs({ type: 'work', colour: 'red' }, 'POST /jobs: unknown field'),
  jobs({ type: 'work', idempotency_key: '' }, 'POST /jobs: empty idempotency_key'),
  jobs({ type: 'work', idempotency_key: 'k'.repeat(300) }, 'POST /jobs: 300-char idempotency_key'),
  jobs(`{"type":"work","payload":${nested(20_000)}}`, 'POST /jobs: payload nested 20,000 deep'),
  jobs(`{"type":"work","payload":${nested(64)}}`, 'POST /jobs: payload nested 64 deep (body 65)'),
  jobs('{"type":"work","type":"nope"}', 'POST /jobs: duplicate key, last one unknown'),
  { name: 'POST /jobs: Content-Type text/plain', method: 'POST', path: '/jobs', body: json({ type: 'work' }), type: 'text/plain', status: 415 },
  { name: 'POST /jobs: form-urlencoded (a cross-site form)', method: 'POST', path: '/jobs', body: 'type=work', type: 'application/x-www-form-urlencoded', status: 415 },
  { name: 'POST /jobs: multipart/form-data', method: 'POST', path: '/jobs', body: '--x\r\n\r\nwork\r\n--x--', type: 'multipart/form-data; boundary=x', status: 415 },
  { name: 'POST /jobs: no Content-Type', method: 'POST', path: '/jobs', body: json({ type: 'work' }), type: null, status: 415 },
  { name: 'POST /jobs: body over 64 KB', method: 'POST', path: '/jobs', body: json({ type: 'work', payload: 'x'.repeat(70_000) }), status: 413 },
  { name: 'PUT /jobs: unknown method', method: 'PUT', path: '/jobs', body: json({ type: 'work' }), status: 405 },
  { name: 'DELETE /jobs', method: 'DELETE', path: '/jobs', status: 405 },
  { name: 'PATCH /jobs/1', method: 'PATCH', path: '/jobs/1', body: '{}', status: 405 },
  // Node's HTTP parser refuses a method it does not know before the host sees it.
  { name: 'BREW /jobs: invented method', method: 'BREW', path: '/jobs', status: 400 },
  { name: 'GET /jobs/abc', method: 'GET', path: '/jobs/abc', status: 400 },
  { name: 'GET /jobs/-1', method: 'GET', path: '/jobs/-1', status: 400 },
  { name: 'GET /jobs/0', method: 'GET', path: '/jobs/0', status: 400 },
  { name: 'GET /jobs/1.5', method: 'GET', path: '/jobs/1.5', status: 400 },
  { name: 'GET /jobs/<30-digit id>', method: 'GET', path: `/jobs/${'9'.repeat(30)}`, status: 400 },
  { name: 'GET /jobs/<2,000-char id>', method: 'GET', path: `/jobs/${'a'.repeat(2000)}`, status: 400 },
  { name: 'GET /jobs/999999: no such job', method: 'GET', path: '/jobs/999999', status: 404 },
  { name: 'GET /jobs?state=bogus', method: 'GET', path: '/jobs?state=bogus', status: 400 },
  { name: 'GET /jobs?limit=-1', method: 'GET', path: '/jobs?limit=-1', status: 400 },
  { name: 'GET /jobs?limit=100000', method: 'GET', path: '/jobs?limit=100000', status: 400 },
  { name: 'GET /jobs?after=NaN', method: 'GET', path: '/jobs?after=NaN', status: 400 },
  { name: 'GET /jobs?colour=red: unknown parameter', method: 'GET', path: '/jobs?colour=red', status: 400 },
  { name: 'GET /logs?after=-5', method: 'GET', path: '/logs?after=-5', status: 400 },
  { name: 'GET /logs?limit=abc', method: 'GET', path: '/logs?limit=abc', status: 400 },
  { name: 'POST /dead/retry {}', method: 'POST', path: '/dead/retry', body: '{}', status: 400 },
  { name: 'POST /dead/retry job_id "1"', method: 'POST', path: '/dead/retry', body: json({ job_id: '1' }), status: 400 },
  { name: 'POST /dead/retry job_id and all', method: 'POST', path: '/dead/retry', body: json({ job_id: 1, all: true }), status: 400 },
  { name: 'POST /dead/retry all: false', method: 'POST', path: '/dead/retry', body: json({ all: false }), status: 400 },
  { name: 'POST /dead/retry job_id -3', method: 'POST', path: '/dead/retry', body: json({ job_id: -3 }), status: 400 },
  { name: 'POST /dead/retry: a job that is not dead', method: 'POST', path: '/dead/retry', body: json({ job_id: 123456 }), status: 404 },
  { name: 'DELETE /dead/abc', method: 'DELETE', path: '/dead/abc', status: 400 },
  { name: 'DELETE /dead/999999: not dead', method: 'DELETE', path: '/dead/999999', status: 404 },
  { name: 'POST /chaos {}', method: 'POST', path: '/chaos', body: '{}', status: 400 },
  { name: 'POST /chaos action explode', method: 'POST', path: '/chaos', body: json({ action: 'explode' }), status: 400 },
  { name: 'POST /chaos kill worker 0', method: 'POST', path: '/chaos', body: json({ action: 'kill', worker: 0 }), status: 400 },
  { name: 'POST /chaos kill worker 99 (run has 1)', method: 'POST', path: '/chaos', body: json({ action: 'kill', worker: 99 }), status: 400 },
  { name: 'POST /chaos slow factor -1', method: 'POST', path: '/chaos', body: json({ action: 'slow', worker: 1, factor: -1 }), status: 400 },
  { name: 'POST /chaos outage of an unknown type', method: 'POST', path: '/chaos', body: json({ action: 'outage', type: 'nope', seconds: 5 }), status: 400 },
  { name: 'POST /chaos lock_contention 1e9 s', method: 'POST', path: '/chaos', body: json({ action: 'lock_contention', seconds: 1e9 }), status: 400 },
  { name: 'POST /chaos kill with an extra field', method: 'POST', path: '/chaos', body: json({ action: 'kill', worker: 1, now: true }), status: 400 },
  // (A path without an extension is a UI route and gets the app's page.)
  { name: 'GET /no-such-file.js', method: 'GET', path: '/no-such-file.js', status: 404 },
  { name: 'GET /../../package.json (climbing out)', method: 'GET', path: '/../../package.json', status: 404 },
  { name: 'GET /api/ws without Upgrade', method: 'GET', path: '/api/ws', status: 426 },
  { name: 'POST /jobs, Host evil.example (DNS rebinding)', method: 'POST', path: '/jobs', body: json({ type: 'work' }), headers: { Host: 'evil.example' }, status: 403 },
  { name: 'POST /jobs, Origin of another site', method: 'POST', path: '/jobs', body: json({ type: 'work' }), headers: { Origin: 'http://evil.example' }, status: 403 },
];

const call = (method: string, params: unknown, id: unknown = 1): string => json({ id, method, params });

export const WS_CASES: WsCase[] = [
  { name: 'not JSON', frame: '{"id":1,"method":', code: 'bad_message' },
  { name: 'binary frame', frame: Buffer.from([1, 2, 3]), code: 'bad_message' },
  { name: 'JSON array frame', frame: '[1,2]', code: 'bad_message' },
  { name: 'JSON string frame', frame: '"listRuns"', code: 'bad_message' },
  { name: 'no id', frame: json({ method: 'listRuns' }), code: 'bad_message' },
  { name: 'no method', frame: json({ id: 1 }), code: 'bad_message' },
  { name: 'method is a number', frame: json({ id: 1, method: 7 }), code: 'bad_message' },
  { name: 'empty method', frame: json({ id: 1, method: '' }), code: 'bad_message' },
  { name: '1,000-char method', frame: json({ id: 1, method: 'm'.repeat(1000) }), code: 'bad_message' },
  { name: 'id is an object', frame: json({ id: { a: 1 }, method: 'listRuns' }), code: 'bad_message' },
  { name: '200-char id', frame: json({ id: 'i'.repeat(200), method: 'listRuns' }), code: 'bad_message' },
  { name: 'unknown top-level field', frame: json({ id: 1, method: 'listRuns', params: {}, extra: 1 }), code: 'bad_message' },
  { name: 'unknown method dropTables', frame: call('dropTables', {}), code: 'unknown_method' },
  { name: 'method __proto__', frame: call('__proto__', {}), code: 'unknown_method' },
  { name: 'params is an array', frame: call('listRuns', [1]), code: 'bad_params' },
  { name: 'params is a string', frame: call('getRun', 'RUN'), code: 'bad_params' },
  { name: 'listRuns with an unknown param', frame: call('listRuns', { all: true }), code: 'bad_params' },
  { name: 'runInstant: neither scenario nor builtinKey', frame: call('runInstant', {}), code: 'bad_params' },
  { name: 'runInstant: both scenario and builtinKey', frame: call('runInstant', { scenario: {}, builtinKey: 'overload' }), code: 'bad_params' },
  { name: 'runInstant: unknown builtinKey', frame: call('runInstant', { builtinKey: 'nope' }), code: 'bad_params' },
  { name: 'runInstant: empty builtinKey', frame: call('runInstant', { builtinKey: '' }), code: 'bad_params' },
  { name: 'runInstant: invalid scenario (workers.count -1)', frame: call('runInstant', { scenario: { workers: { count: -1 } } }), code: 'invalid_scenario' },
  { name: 'runInstant: scenario with an unknown key', frame: call('runInstant', { scenario: { wrokers: 3 } }), code: 'invalid_scenario' },
  { name: 'runInstant: seed -1', frame: call('runInstant', { builtinKey: 'overload', seed: -1 }), code: 'bad_params' },
  { name: 'runInstant: seed 1.5', frame: call('runInstant', { builtinKey: 'overload', seed: 1.5 }), code: 'bad_params' },
  { name: 'runInstant: seed 1e20', frame: call('runInstant', { builtinKey: 'overload', seed: 1e20 }), code: 'bad_params' },
  { name: 'runInstant: store "partial"', frame: call('runInstant', { builtinKey: 'overload', store: 'partial' }), code: 'bad_params' },
  {
    name: 'runInstant: 2,000,000 jobs (over the 1M cap)',
    frame: call('runInstant', { scenario: { producers: [{ count: 2_000_000, arrival: { kind: 'all-at-once' } }] } }),
    code: 'bad_params',
  },
  { name: 'runInstant: scenario nested 20,000 deep', frame: `{"id":1,"method":"runInstant","params":{"scenario":{"name":${nested(20_000, '"x"')}}}}`, code: 'bad_params' },
  { name: 'startLive while a run is active', frame: call('startLive', { builtinKey: 'overload' }), code: 'run_active' },
  { name: 'startLive: workers 0', frame: call('startLive', { builtinKey: 'overload', workers: 0 }), code: 'bad_params' },
  { name: 'startLive: workers 65 (over the cap)', frame: call('startLive', { builtinKey: 'overload', workers: 65 }), code: 'bad_params' },
  { name: 'startLive: scenario with 200 workers', frame: call('startLive', { scenario: { workers: { count: 200 } } }), code: 'bad_params' },
  { name: 'startLive: timeScale null', frame: call('startLive', { builtinKey: 'overload', timeScale: null }), code: 'bad_params' },
  { name: 'startLive: timeScale -1', frame: call('startLive', { builtinKey: 'overload', timeScale: -1 }), code: 'bad_params' },
  { name: 'stopRun: unknown run', frame: call('stopRun', { runId: 'no-such-run' }), code: 'not_found' },
  { name: 'stopRun: how "explode"', frame: call('stopRun', { runId: 'RUN', how: 'explode' }), code: 'bad_params' },
  { name: 'getRun: empty id', frame: call('getRun', { id: '' }), code: 'bad_params' },
  { name: 'getRun: 500-char id', frame: call('getRun', { id: 'r'.repeat(500) }), code: 'bad_params' },
  { name: 'getRun: unknown id', frame: call('getRun', { id: 'no-such-run' }), code: 'not_found' },
  { name: 'getRun: id is a number', frame: call('getRun', { id: 5 }), code: 'bad_params' },
  { name: 'getJob: jobId "1"', frame: call('getJob', { runId: 'RUN', jobId: '1' }), code: 'bad_params' },
  { name: 'getJob: jobId and seq', frame: call('getJob', { runId: 'RUN', jobId: 1, seq: 1 }), code: 'bad_params' },
  { name: 'getJob: jobId -1', frame: call('getJob', { runId: 'RUN', jobId: -1 }), code: 'bad_params' },
  { name: 'getJob: no such job', frame: call('getJob', { runId: 'RUN', seq: 424242 }), code: 'not_found' },
  { name: 'listEvents: limit 0', frame: call('listEvents', { runId: 'RUN', limit: 0 }), code: 'bad_params' },
  { name: 'listEvents: limit 1e6', frame: call('listEvents', { runId: 'RUN', limit: 1e6 }), code: 'bad_params' },
  { name: 'listEvents: afterSeq -1', frame: call('listEvents', { runId: 'RUN', afterSeq: -1 }), code: 'bad_params' },
  { name: 'retryDead: neither jobId nor all', frame: call('retryDead', { runId: 'RUN' }), code: 'bad_params' },
  { name: 'retryDead: a job that is not dead', frame: call('retryDead', { runId: 'RUN', jobId: 424242 }), code: 'not_dead' },
  { name: 'forgetDead: jobId 1.5', frame: call('forgetDead', { runId: 'RUN', jobId: 1.5 }), code: 'bad_params' },
  { name: 'getOverloadSeries: no runId', frame: call('getOverloadSeries', {}), code: 'bad_params' },
  { name: 'getOverloadSeries: unknown run', frame: call('getOverloadSeries', { runId: 'no-such-run' }), code: 'not_found' },
  { name: 'chaos: unknown action', frame: call('chaos', { action: 'explode' }), code: 'bad_params' },
  { name: 'chaos: kill worker 99', frame: call('chaos', { action: 'kill', worker: 99 }), code: 'bad_params' },
  { name: 'chaos: hang seconds "NaN" (a string)', frame: call('chaos', { action: 'hang', worker: 1, seconds: 'NaN' }), code: 'bad_params' },
  { name: 'exportReport: format "exe"', frame: call('exportReport', { runId: 'RUN', format: 'exe' }), code: 'bad_params' },
  { name: 'validateScenario: text over 1,000,000 chars', frame: call('validateScenario', { text: ' '.repeat(1_000_001) }), code: 'bad_params' },
  { name: 'validateScenario: format "xml"', frame: call('validateScenario', { text: 'seed: 1', format: 'xml' }), code: 'bad_params' },
  { name: 'subscribeEvents: no subscription name', frame: call('subscribeEvents', { runId: 'RUN' }), code: 'bad_params' },
  { name: 'subscribeEvents: unknown run', frame: call('subscribeEvents', { subscription: 's1', runId: 'no-such-run' }), code: 'not_found' },
  { name: 'subscribeEvents: params nested 100 deep', frame: call('subscribeEvents', { subscription: 's2', runId: JSON.parse(nested(100)) }), code: 'bad_params' },
  { name: 'unsubscribeEvents: empty subscription', frame: call('unsubscribeEvents', { subscription: '' }), code: 'bad_params' },
];
