// The app version a report is stamped with: package.json's, read once
// (found from the sources and from the build alike); failing that, what npm
// says, then "unknown".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appRoot } from '../paths/built-code.ts';

let cached: string | undefined;

export function appVersion(): string {
  if (cached !== undefined) return cached;
  try {
    const pkg = JSON.parse(readFileSync(join(appRoot(), 'package.json'), 'utf8')) as { name?: string; version?: string };
    cached = pkg.name === 'queue-lab' && pkg.version ? pkg.version : undefined;
  } catch {
    cached = undefined;
  }
  cached ??= process.env.npm_package_version ?? 'unknown';
  return cached;
}
