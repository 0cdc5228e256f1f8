// Turns zod issues into the one-line messages a user reads:
// `workers.count: expected an integer >= 1, got -2`.
// zod's own messages name zod concepts ("expected int, received number") and
// know nothing about our keys, so we rebuild each message from the issue's
// data, looking at the schema (walked along the issue's path) where the issue
// alone does not say enough: whether a number must be an integer, which keys
// an object allows, which kinds a union accepts.
import { z } from 'zod';
import { scenarioSchema } from './schema.ts';

export interface ScenarioIssue {
  path: string;
  message: string;
}

type ZodIssue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

/** "path: message"; "(root)" stands for the whole document. */
export function formatIssue(i: ScenarioIssue): string {
  return `${i.path === '' ? '(root)' : i.path}: ${i.message}`;
}

/** `producers[0].arrival.kind`; keys that would be ambiguous after a dot are quoted: `jobTypes["send email"]`. */
export function formatPath(path: Path): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$-]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/** How a value the user wrote is shown after "got": short, and never a dump of a whole object. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    return value.length > 60 ? `${JSON.stringify(value.slice(0, 57))}...` : JSON.stringify(value);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

/** The candidate a typo most likely meant, or undefined when none is close enough to be a good guess. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  // maxAttempts, max_attempts and MaxAttempts are the same intent: compare without case and separators.
  const norm = (s: string) => s.toLowerCase().replace(/[-_\s]/g, '');
  const w = norm(word);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(w, norm(c));
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  const allowed = Math.max(1, Math.floor(Math.max(w.length, 1) / 3));
  return bestDistance <= allowed ? best : undefined;
}

/** Optimal string alignment distance: Levenshtein plus adjacent swaps, since "workres" is one slip, not two. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

// ---- walking the schema along an issue's path ----

/** Strips the wrappers that do not change what a value must look like. */
function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  while (s instanceof z.ZodDefault || s instanceof z.ZodPrefault || s instanceof z.ZodOptional || s instanceof z.ZodNullable) {
    s = s.unwrap() as z.ZodType;
  }
  return s;
}

function unionKinds(union: z.ZodDiscriminatedUnion): { discriminator: string; kinds: unknown[] } {
  const discriminator = union.def.discriminator;
  const kinds: unknown[] = [];
  for (const option of union.options) {
    const tag = option instanceof z.ZodObject ? option.shape[discriminator] : undefined;
    if (tag instanceof z.ZodLiteral) kinds.push(...tag.values);
  }
  return { discriminator, kinds };
}

/** The option of a discriminated union that the user's value selects with its `kind`. */
function pickOption(union: z.ZodDiscriminatedUnion, value: unknown): z.ZodType | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const tag = (value as Record<string, unknown>)[union.def.discriminator];
  for (const option of union.options) {
    if (!(option instanceof z.ZodObject)) continue;
    const literal = option.shape[union.def.discriminator];
    if (literal instanceof z.ZodLiteral && literal.values.has(tag as never)) return option;
  }
  return undefined;
}

/** value[key], or undefined when value is not an object or list. */
function childOf(value: unknown, key: PropertyKey): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
}

/** The (unwrapped) schema that governs `path`, choosing union options by the user's own data; undefined if unknown. */
function schemaAt(root: z.ZodType, input: unknown, path: Path): z.ZodType | undefined {
  let schema: z.ZodType | undefined = unwrap(root);
  let value = input;
  for (const key of path) {
    if (schema instanceof z.ZodDiscriminatedUnion) schema = pickOption(schema, value);
    if (schema === undefined) return undefined;
    value = childOf(value, key);
    if (schema instanceof z.ZodObject) schema = schema.shape[key as string] as z.ZodType | undefined;
    else if (schema instanceof z.ZodArray) schema = schema.element as z.ZodType;
    else if (schema instanceof z.ZodRecord) schema = schema.valueType as z.ZodType;
    else return undefined;
    if (schema !== undefined) schema = unwrap(schema);
  }
  if (schema instanceof z.ZodDiscriminatedUnion) return pickOption(schema, value) ?? schema;
  return schema;
}

function isIntegerSchema(schema: z.ZodType | undefined): boolean {
  return schema instanceof z.ZodNumber && schema.isInt;
}

// ---- messages ----

const TYPE_WORDS: Record<string, string> = {
  number: 'a number', int: 'an integer', string: 'a string', boolean: 'true or false',
  object: 'an object', record: 'an object', array: 'a list', null: 'null',
};

function listValues(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? v : describeValue(v))).join(', ');
}

function got(input: unknown): string {
  return `got ${describeValue(input)}`;
}

function boundMessage(issue: Extract<ZodIssue, { code: 'too_small' | 'too_big' }>, schema: z.ZodType | undefined): string {
  const small = issue.code === 'too_small';
  const bound = Number(small ? issue.minimum : issue.maximum);
  switch (issue.origin) {
    case 'array':
    case 'set': {
      const items = `${bound} item${bound === 1 ? '' : 's'}`;
      const actual = Array.isArray(issue.input) ? `got ${issue.input.length}` : got(issue.input);
      return `expected ${small ? 'at least' : 'at most'} ${items}, ${actual}`;
    }
    case 'string':
      if (small && bound === 1) return `expected a non-empty string, ${got(issue.input)}`;
      return `expected ${small ? 'at least' : 'at most'} ${bound} characters, ${got(issue.input)}`;
    default: {
      const what = issue.origin === 'int' || isIntegerSchema(schema) ? 'an integer' : 'a number';
      const op = (small ? '>' : '<') + (issue.inclusive ? '=' : '');
      return `expected ${what} ${op} ${bound}, ${got(issue.input)}`;
    }
  }
}

function expectedType(expected: string, schema: z.ZodType | undefined): string {
  if (expected === 'number' && isIntegerSchema(schema)) return 'an integer';
  if (expected === 'object' && schema instanceof z.ZodDiscriminatedUnion) {
    const { discriminator, kinds } = unionKinds(schema);
    return `an object with ${discriminator} one of ${listValues(kinds)}`;
  }
  return TYPE_WORDS[expected] ?? expected;
}

function messageFor(issue: ZodIssue, root: z.ZodType, input: unknown): string {
  const schema = () => schemaAt(root, input, issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = expectedType(issue.expected, schema());
      // For NaN and Infinity zod names what it received ("NaN", "Infinity"); an absent input means a missing key.
      const received = (issue as { received?: string }).received;
      if (issue.input === undefined && received === undefined) return `required, missing (expected ${expected})`;
      return `expected ${expected}, got ${received ?? describeValue(issue.input)}`;
    }
    case 'too_small':
    case 'too_big':
      return boundMessage(issue, schema());
    case 'invalid_value':
      if (issue.input === undefined) return `required, missing (expected one of ${listValues(issue.values)})`;
      if (issue.values.length === 1) return `expected ${describeValue(issue.values[0])}, ${got(issue.input)}`;
      return `expected one of ${listValues(issue.values)}, ${got(issue.input)}`;
    case 'invalid_union': {
      if (issue.discriminator !== undefined) {
        // The issue's path already ends at the discriminator; its input is the whole object.
        const tag = childOf(issue.input, issue.discriminator);
        const options = 'options' in issue && issue.options ? issue.options : [];
        if (tag === undefined) return `required, missing (expected one of ${listValues(options)})`;
        return `expected one of ${listValues(options)}, ${got(tag)}`;
      }
      return `does not match any allowed form, ${got(issue.input)}`;
    }
    case 'invalid_key': {
      const inner = issue.issues[0];
      const detail = inner ? messageFor({ ...inner, path: [] } as ZodIssue, root, input) : issue.message;
      return `invalid name: ${detail}`;
    }
    case 'not_multiple_of':
      return `expected a multiple of ${issue.divisor}, ${got(issue.input)}`;
    case 'invalid_format':
      return `expected a string in ${issue.format} format, ${got(issue.input)}`;
    default:
      return issue.message;
  }
}

function unknownKeyIssues(issue: Extract<ZodIssue, { code: 'unrecognized_keys' }>, root: z.ZodType, input: unknown): ScenarioIssue[] {
  const parent = schemaAt(root, input, issue.path);
  const allowed = parent instanceof z.ZodObject ? Object.keys(parent.shape) : [];
  return issue.keys.map((key) => {
    const guess = closest(key, allowed);
    const hint = guess !== undefined
      ? ` (did you mean "${guess}"?)`
      : allowed.length > 0 ? ` (allowed: ${allowed.join(', ')})` : '';
    return { path: formatPath([...issue.path, key]), message: `unknown key${hint}` };
  });
}

/**
 * zod may report two bounds on one value (the safe-integer range and our own
 * max) or "not an integer" beside a bound that already says "an integer";
 * keep only the tightest statement so each mistake reads once.
 */
function dropRedundant(issues: readonly ZodIssue[]): ZodIssue[] {
  const key = (i: ZodIssue) => JSON.stringify(i.path.map(String));
  return issues.filter((issue) => {
    const same = issues.filter((o) => o !== issue && key(o) === key(issue));
    if (issue.code === 'invalid_type' && issue.expected === 'int') {
      return !same.some((o) => o.code === 'too_small' || o.code === 'too_big');
    }
    if (issue.code === 'too_big') {
      return !same.some((o) => o.code === 'too_big' && Number(o.maximum) < Number(issue.maximum));
    }
    if (issue.code === 'too_small') {
      return !same.some((o) => o.code === 'too_small' && Number(o.minimum) > Number(issue.minimum));
    }
    return true;
  });
}

/**
 * Where a path sits in the user's file: the index of each key among its
 * parent's keys (YAML and JSON keep key order). Keys the user did not write
 * (missing required ones) sort after those that are there.
 */
function filePosition(input: unknown, path: Path): number[] {
  const out: number[] = [];
  let value = input;
  for (const key of path) {
    if (Array.isArray(value)) out.push(typeof key === 'number' ? key : value.length);
    else if (value !== null && typeof value === 'object') {
      const keys = Object.keys(value);
      const at = keys.indexOf(String(key));
      out.push(at < 0 ? keys.length : at);
    } else out.push(0);
    value = childOf(value, key);
  }
  return out;
}

function comparePositions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/**
 * Every zod issue as ScenarioIssues, in the order of the user's file (zod's
 * own order puts an object's unknown keys after all of its nested issues).
 * `input` is the data that was parsed: the schema walk uses it to know which
 * union option (which `kind`) a nested issue belongs to.
 */
export function issuesFromZod(issues: readonly ZodIssue[], input: unknown, root: z.ZodType = scenarioSchema): ScenarioIssue[] {
  const out: { at: number[]; issue: ScenarioIssue }[] = [];
  for (const issue of dropRedundant(issues)) {
    if (issue.code === 'unrecognized_keys') {
      unknownKeyIssues(issue, root, input).forEach((one, k) => {
        out.push({ at: filePosition(input, [...issue.path, issue.keys[k]!]), issue: one });
      });
    } else {
      out.push({ at: filePosition(input, issue.path), issue: { path: formatPath(issue.path), message: messageFor(issue, root, input) } });
    }
  }
  // Array.prototype.sort is stable, so issues at one spot keep zod's order.
  return out.sort((a, b) => comparePositions(a.at, b.at)).map((o) => o.issue);
}
