import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../src/main/engine/store/open-database.ts';
import { closeAll, tempStore } from './store-helpers.ts';

afterEach(closeAll);

describe('runs', () => {
  it('creates a running run owned by this process and finishes it', () => {
    const { store } = tempStore('r1');
    const run = store.getRun('r1')!;
    expect(run).toMatchObject({ id: 'r1', num: 1, scenario: 'store test', mode: 'live', seed: 42, status: 'running', storeLevel: 'full', ownerPid: process.pid, finishedAt: null });
    expect(Number.isNaN(Date.parse(run.createdAt))).toBe(false);
    store.finishRun('r1', 'completed', { jobs: { total: 3 } }, 12.5);
    expect(store.getRun('r1')).toMatchObject({ status: 'completed', summaryJson: '{"jobs":{"total":3}}', simTime: 12.5, error: null });
    store.createRun({ id: 'r2', scenario: 's', scenarioJson: '{}', mode: 'instant', seed: 1, storeLevel: 'none', createdAt: '2999-01-01T00:00:00.000Z' });
    expect(store.listRuns().map((r) => [r.id, r.num])).toEqual([['r2', 2], ['r1', 1]]);
    store.finishRun('r2', 'failed', null, 0, 'worker pool died');
    expect(store.getRun('r2')).toMatchObject({ status: 'failed', error: 'worker pool died', summaryJson: null });
  });

  it('refuses a duplicate id and an unknown run', () => {
    const { store } = tempStore('r1');
    expect(() => store.createRun({ id: 'r1', scenario: 's', scenarioJson: '{}', mode: 'live', seed: 1 })).toThrow(/already exists/);
    expect(() => store.finishRun('nope', 'completed', null, 0)).toThrow(/no run with id nope/);
    expect(store.getRun('nope')).toBeUndefined();
  });

  it('stays running for a reopen while its owner lives', () => {
    const { file, db } = tempStore('r1');
    db.close();
    const again = openDatabase(file);
    expect(again.prepare("SELECT status FROM runs WHERE id = 'r1'").pluck().get()).toBe('running');
    again.close();
  });
});
