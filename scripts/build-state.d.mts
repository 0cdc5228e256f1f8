// Types for scripts/build-state.mjs, for the TypeScript that reads it (tests, benches).
import type { BuildPart } from './build.mjs';
export const ROOT: string;
export const PARTS: Record<BuildPart, { label: string; out: string; stamp: string; inputs: string[] }>;
export const ENTRIES: { cli: string; worker: string; sweepWorker: string };
export function staleReason(name: BuildPart): string | null;
