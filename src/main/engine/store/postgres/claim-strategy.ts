// How a claim on PostgreSQL locks the rows it takes (claim.ts): the lesson of
// the claim-race experiment. Its own module so the CLI can check --claim
// without loading the PostgreSQL client.

/** skipLocked: pass over rows others are taking (workers claim side by side). forUpdate: wait on them (workers queue). */
export type ClaimStrategy = 'skipLocked' | 'forUpdate';
export const CLAIM_STRATEGIES: readonly ClaimStrategy[] = ['skipLocked', 'forUpdate'];
