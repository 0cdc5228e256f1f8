// README.md (its scenario reference) is written by hand; this test keeps it honest.
// It walks the zod schema, finds every object (each union option on its own)
// and checks that the doc has a heading for it whose table lists exactly that
// object's keys, with "required" and the defaults matching the schema.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { scenarioSchema } from '../../../src/shared/scenario/schema.ts';
import { validateScenario, parseScenarioText } from '../../../src/shared/scenario/validate.ts';
import { formatIssue } from '../../../src/shared/scenario/errors.ts';

const doc = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

interface DocObject {
  path: string; // '' for the top level, else like `producers[].arrival`
  kind?: string; // the union option's discriminator value
  shape: Record<string, z.ZodType>;
}

function unwrap(s: z.ZodType): z.ZodType {
  while (s instanceof z.ZodDefault || s instanceof z.ZodPrefault || s instanceof z.ZodOptional) s = s.unwrap() as z.ZodType;
  return s;
}

function collect(schema: z.ZodType, path: string, out: DocObject[], kind?: string): DocObject[] {
  const s = unwrap(schema);
  const child = (key: string) => (path === '' ? key : `${path}${key.startsWith('[') ? '' : '.'}${key}`);
  if (s instanceof z.ZodObject) {
    const shape = s.shape as Record<string, z.ZodType>;
    out.push(kind === undefined ? { path, shape } : { path, kind, shape });
    for (const [key, value] of Object.entries(shape)) collect(value, child(key), out);
  } else if (s instanceof z.ZodArray) collect(s.element as z.ZodType, child('[]'), out);
  else if (s instanceof z.ZodRecord) collect(s.valueType as z.ZodType, child('<name>'), out);
  else if (s instanceof z.ZodDiscriminatedUnion) {
    for (const option of s.options as readonly z.ZodType[]) {
      const tag = (option as z.ZodObject).shape[s.def.discriminator] as z.ZodLiteral;
      collect(option, path, out, String([...tag.values][0]));
    }
  }
  return out;
}

/** The lines under the one heading that names this object, up to the next heading. */
function sectionFor(o: DocObject): string[] {
  const lines = doc.split('\n');
  const names = (line: string) =>
    o.path === ''
      ? /^#+ Top level$/.test(line)
      : line.includes(`\`${o.path}\``) && (o.kind === undefined ? !line.includes(' kind `') : line.endsWith(`kind \`${o.kind}\``));
  const starts = lines.flatMap((line, i) => (/^#{2,4} /.test(line) && names(line) ? [i] : []));
  expect(starts, `one heading for ${o.path || 'top level'}${o.kind ? ` kind ${o.kind}` : ''}`).toHaveLength(1);
  const rest = lines.slice(starts[0]! + 1);
  const end = rest.findIndex((line) => /^#{1,4} /.test(line));
  return end < 0 ? rest : rest.slice(0, end);
}

/** key -> default cell, from the rows of the section's table. */
function tableRows(section: string[]): Map<string, string> {
  const rows = new Map<string, string>();
  for (const line of section) {
    const m = /^\| `([^`]+)` \|[^|]*\|([^|]*)\|/.exec(line);
    if (m) rows.set(m[1]!, m[2]!.trim());
  }
  return rows;
}

const objects = collect(scenarioSchema, '', []);

describe('README.md (its scenario reference)', () => {
  it('covers every object of the schema', () => {
    expect(objects.length).toBeGreaterThan(25);
  });

  for (const o of objects) {
    it(`documents exactly the keys of ${o.path || 'the top level'}${o.kind ? ` kind ${o.kind}` : ''}`, () => {
      const rows = tableRows(sectionFor(o));
      expect([...rows.keys()].sort()).toEqual(Object.keys(o.shape).sort());
      for (const [key, field] of Object.entries(o.shape)) {
        const cell = rows.get(key)!;
        const required = !(field instanceof z.ZodDefault || field instanceof z.ZodPrefault || field instanceof z.ZodOptional);
        if (required) expect(cell, `${key} is required`).toBe('required');
        else expect(cell, `${key} has a default or is optional`).not.toBe('required');
        if (field instanceof z.ZodDefault) {
          const value: unknown = field.def.defaultValue;
          if (value === null || typeof value !== 'object') expect(cell, `default of ${key}`).toContain(`\`${String(value)}\``);
        }
      }
    });
  }

  it('its examples are valid scenarios', () => {
    const yamlBlocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(yamlBlocks.length).toBeGreaterThanOrEqual(2);
    for (const block of yamlBlocks) {
      const r = parseScenarioText(block, 'yaml');
      expect(r.ok ? [] : r.issues.map(formatIssue)).toEqual([]);
    }
  });

  it('its sample error messages are the ones the validator prints', () => {
    const sample = /```\n(workers\.count:[\s\S]*?)```/.exec(doc)![1]!.trim().split('\n');
    const r = validateScenario({ workers: { count: -2 } });
    expect(r.ok ? [] : r.issues.map(formatIssue)).toEqual([sample[0]]);
    const text = 'producers:\n  - { arrival: { kind: poison } }\n';
    const r2 = parseScenarioText(text, 'yaml');
    expect(r2.ok ? [] : r2.issues.map(formatIssue)).toEqual([sample[1]]);
    const r3 = validateScenario({ workres: {} });
    expect(r3.ok ? [] : r3.issues.map(formatIssue)).toEqual([sample[2]]);
    const r4 = validateScenario({ jobTypes: { email: {}, sms: {} }, producers: [{ jobType: 'email' }, { jobType: 'emial' }] });
    expect(r4.ok ? [] : r4.issues.map(formatIssue)).toEqual([sample[3]]);
    const r5 = parseScenarioText('seed: 1\nname: x\nseed: 2\n', 'yaml');
    expect(r5.ok ? [] : r5.issues.map(formatIssue)).toEqual([sample[4]]);
  });
});
