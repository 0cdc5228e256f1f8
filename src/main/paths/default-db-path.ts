// Where the lab database lives when --db is not given: the user's data
// folder, as desktop apps on each platform keep it. QUEUE_LAB_DB overrides.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDbPath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.QUEUE_LAB_DB) return env.QUEUE_LAB_DB;
  return join(dataDir(env, platform), 'lab.db');
}

export function dataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = env.HOME ?? homedir();
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Queue Lab');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Queue Lab');
  return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'queue-lab');
}
