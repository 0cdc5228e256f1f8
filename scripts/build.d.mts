// Types for scripts/build.mjs, for the TypeScript that calls it (test setup, benches).
export type BuildPart = 'node' | 'renderer';
/** The banner that gives an ES module bundle the require() bundled CommonJS calls. */
export const REQUIRE_SHIM: string;
export function buildNode(options?: { quiet?: boolean }): Promise<void>;
export function buildRenderer(options?: { quiet?: boolean }): Promise<void>;
export function buildToolsMissing(names: BuildPart[]): Promise<string | null>;
export function buildParts(names?: BuildPart[], options?: { ifStale?: boolean; quiet?: boolean; log?: (line: string) => void }): Promise<void>;
