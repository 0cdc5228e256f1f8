// Imported first by a bench child process: when BENCH_CPU_PROF_DIR is set,
// runs the V8 CPU profiler through node:inspector and writes
// DIR/<name>-<pid>.cpuprofile when the process exits (Chrome DevTools and
// speedscope open it). Node refuses --cpu-prof in NODE_OPTIONS, and
// NodeWorkerHost's execArgv is fixed, hence this.
import { Session } from 'node:inspector';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const dir = process.env.BENCH_CPU_PROF_DIR;
if (dir) {
  const name = basename(process.argv[1] ?? 'process').replace(/\.[cm]?[jt]s$/, '');
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 200 });
  session.post('Profiler.start');
  process.on('exit', () => {
    // A session on the same thread answers synchronously, so this runs before the process ends.
    session.post('Profiler.stop', (error, result) => {
      if (error) return;
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${name}-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
