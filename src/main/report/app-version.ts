// The app version a report is stamped with: package.json's, read once. From
// the sources (tsx) package.json is three folders up; a bundle that moved
// this file elsewhere falls back to what npm says, then to "unknown".
import { readFileSync } from 'node:fs';

let cached: string | undefined;

export function appVersion(): string {
  if (cached !== undefined) return cached;
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { name?: string; version?: string };
    cached = pkg.name === 'queue-lab' && pkg.version ? pkg.version : undefined;
  } catch {
    cached = undefined;
  }
  cached ??= process.env.npm_package_version ?? 'unknown';
  return cached;
}
