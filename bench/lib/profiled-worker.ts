// Our worker entry (src/main/workers/worker-main.ts) under the V8 CPU
// profiler, for `npm run bench:drain -- --cpu-prof DIR` (see cpu-profile.ts).
// worker-main ends with process.exit, which writes the profile.
import './cpu-profile.ts';

await import('../../src/main/workers/worker-main.ts');
