import { describe, expect, it } from 'vitest';
import { formatInt, formatNumber, formatSeconds, formatTick } from '../../../src/shared/report/format.ts';
import { escapeHtml, jsonForScriptTag } from '../../../src/shared/report/escape.ts';

describe('report number formats', () => {
  it('prints integers in full with separators, measures to three digits', () => {
    expect(formatInt(1234567)).toBe('1,234,567');
    expect(formatInt(-1000)).toBe('-1,000');
    expect(formatInt(999)).toBe('999');
    expect(formatNumber(0.31476)).toBe('0.315');
    expect(formatNumber(2.097)).toBe('2.1');
    expect(formatNumber(123.456)).toBe('123.5');
    expect(formatNumber(12345.6)).toBe('12,346');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(0.00002)).toBe('2.00e-5');
    expect(formatNumber(NaN)).toBe('–');
    expect(formatSeconds(1.4784)).toBe('1.48 s');
    expect(formatTick(0.5, 0.1)).toBe('0.5');
    expect(formatTick(20, 10)).toBe('20');
  });

  it('escapes HTML and script-closing JSON', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const json = jsonForScriptTag({ s: '</script><!-- & \u2028' });
    expect(json).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(json)).toEqual({ s: '</script><!-- & \u2028' });
  });
});
