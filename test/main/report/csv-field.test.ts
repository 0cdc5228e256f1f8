import { describe, expect, it } from 'vitest';
import { csvField } from '../../../src/main/report/csv-export.ts';

describe('csvField', () => {
  it('quotes only what needs it, doubling quotes (RFC 4180)', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(1.5)).toBe('1.5');
    expect(csvField('plain')).toBe('plain');
    expect(csvField('1 s x 2^2 = 4 s, full jitter -> 2.71 s')).toBe('"1 s x 2^2 = 4 s, full jitter -> 2.71 s"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });
});
