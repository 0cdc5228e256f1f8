// The Compare tab's sentence for the retry-storm twins, from real instant
// runs: it must say what jitter cuts (the peaks, above all once the outage
// ends) and, honestly, what it costs here (more retries, a longer drain),
// and explain the throughput gap as the longer run it is.
import { describe, expect, it } from 'vitest';
import { findBuiltin } from '../../../src/shared/library/index.ts';
import { runPeaks } from '../../../src/shared/metrics/run-peaks.ts';
import { RunTimeline } from '../../../src/shared/timeline/index.ts';
import { compareConclusion, type ConcludedRun } from '../../../src/renderer/views/compare/conclusion.ts';
import { diffScenarios } from '../../../src/renderer/views/compare/scenario-diff.ts';
import { runForEvents } from '../../shared/timeline/instant-events.ts';
import type { ScenarioInput } from '../../../src/shared/scenario/schema.ts';

function concluded(input: ScenarioInput): ConcludedRun {
  const { events, summary } = runForEvents(input);
  const timeline = new RunTimeline();
  timeline.add(events);
  return { summary, peaks: runPeaks(timeline) };
}

describe('compareConclusion', () => {
  const noJitter = findBuiltin('retry-storm-no-jitter')!.scenario;
  const fullJitter = findBuiltin('retry-storm-full-jitter')!.scenario;
  const a = concluded(noJitter);
  const b = concluded(fullJitter);

  it('says the peaks are what full jitter cuts, with the numbers, and what it costs', () => {
    const [sentence] = compareConclusion([a, b], diffScenarios([noJitter, fullJitter]));
    expect(sentence).toMatch(/^B \(retry\.jitter full instead of none\) against A: /);
    expect(sentence).toContain(`lower peak retries after the faults end (400 retries/s \u2192 ${Math.round(b.peaks!.peakRetriesAfterFaults!)} retries/s`);
    expect(sentence).toMatch(/^[^,]+: lower peak retries in one second \(400 retries\/s \u2192 3\d\d retries\/s, \u22121\d %\)/);
    expect(sentence).toMatch(/, but higher p95 time in system .*, more retries \(5,200 \u2192 6,189, \+19 %\)/);
    expect(sentence).toMatch(/longer drain time \(43\.4 s \u2192 74\.0 s/);
    expect(sentence).toMatch(/Both finished 1,200 jobs: B's throughput is lower \(\u221231 %\) only because its run was 30\.\d s longer/);
    // The throughput row is explained, not listed as a loss.
    expect(sentence).not.toMatch(/throughput \(/);
  });

  it('reads the other way round when the twins are swapped', () => {
    const [sentence] = compareConclusion([b, a], diffScenarios([fullJitter, noJitter]));
    expect(sentence).toMatch(/^B \(retry\.jitter none instead of full\) against A: .*fewer retries .*, but higher peak retries in one second .*\(80 retries\/s \u2192 400 retries\/s/);
  });

  it('says so when nothing moved', () => {
    expect(compareConclusion([a, a], [])[0]).toBe('B against A: no measure moved by 5 % or more: the change made no visible difference here.');
  });
});
