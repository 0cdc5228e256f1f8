import { describe, expect, it } from 'vitest';
import { lineOf, parseYaml, readAt, splitPath, writeAt } from '../../../src/renderer/editor/yaml-paths.ts';

const TEXT = `# my scenario
name: demo
workers:
  count: 3 # three, like the seed
producers:
  - count: 100
    arrival: { kind: poisson, rate: 2 }
`;

describe('yaml-paths', () => {
  it('splits issue paths into keys and array indexes', () => {
    expect(splitPath('producers.0.arrival.rate')).toEqual(['producers', 0, 'arrival', 'rate']);
  });

  it('reads a key by its issue path', () => {
    const parsed = parseYaml(TEXT);
    expect(readAt(parsed, 'workers.count')).toBe(3);
    expect(readAt(parsed, 'producers.0.arrival.rate')).toBe(2);
    expect(readAt(parsed, 'retry.maxAttempts')).toBeUndefined();
  });

  it('writes one key and keeps the comments', () => {
    const next = writeAt(TEXT, 'workers.count', 6)!;
    expect(next).toContain('# my scenario');
    expect(next).toContain('count: 6 # three, like the seed');
    expect(readAt(parseYaml(next), 'producers.0.count')).toBe(100);
  });

  it('creates a missing key', () => {
    const next = writeAt(TEXT, 'retry.backoff.kind', 'linear')!;
    expect(readAt(parseYaml(next), 'retry.backoff.kind')).toBe('linear');
  });

  it('refuses to write into text that does not parse', () => {
    expect(writeAt('workers: [1, 2', 'workers.count', 2)).toBeNull();
  });

  it('finds the line of an issue, or of the nearest parent for an unknown key', () => {
    const parsed = parseYaml(TEXT);
    expect(lineOf(parsed, 'workers.count')).toBe(4);
    expect(lineOf(parsed, 'producers.0.arrival.rate')).toBe(7);
    expect(lineOf(parsed, 'workers.cuont')).toBe(4); // the workers map starts on the line of count
    expect(lineOf(parsed, 'line 12')).toBe(12);
  });
});
