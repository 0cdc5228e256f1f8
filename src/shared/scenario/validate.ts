// The one entry point from text or data to a runnable Scenario. Nothing here
// throws on bad input: a user's file is expected to be wrong sometimes, and
// the caller shows the issues and runs nothing.
import { LineCounter, parseDocument } from 'yaml';
import { tooDeepAt, tooDeepReason } from '../input/nesting-depth.ts';
import { scenarioSchema, type ProducerSpec, type Scenario } from './schema.ts';
import { issuesFromZod, type ScenarioIssue } from './errors.ts';
import { crossCheckScenario } from './cross-checks.ts';

export type ValidationResult = { ok: true; scenario: Scenario } | { ok: false; issues: ScenarioIssue[] };

/** Schema first, then the rules across keys; every issue of the failing stage at once. */
export function validateScenario(data: unknown): ValidationResult {
  // An empty YAML document is null: a blank file is the default scenario.
  const input = data === null || data === undefined ? {} : data;
  // The same nesting limit as a request body: the schema below walks the data recursively.
  const deep = tooDeepAt(input);
  if (deep !== null) return { ok: false, issues: [{ path: deep === '' ? '(file)' : deep, message: tooDeepReason() }] };
  const parsed = scenarioSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) return { ok: false, issues: issuesFromZod(parsed.error.issues, input) };
  const issues = crossCheckScenario(parsed.data, input);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, scenario: parsed.data };
}

/** Parses then validates. Syntax errors come back as issues with path "line N". */
export function parseScenarioText(text: string, format: 'yaml' | 'json'): ValidationResult {
  // Editors on Windows like to write a byte order mark; neither parser wants it.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return validateScenario({});
  const read = format === 'json' ? readJson(body) : readYaml(body);
  return read.ok ? validateScenario(read.data) : { ok: false, issues: read.issues };
}

/** The job type a producer's jobs get: its own, or the only one there is (the schema passes only then). */
export function resolveJobType(s: Scenario, p: ProducerSpec): string {
  if (p.jobType !== undefined) return p.jobType;
  const names = Object.keys(s.jobTypes);
  if (names.length !== 1) throw new Error(`producer has no jobType and the scenario has ${names.length} job types`);
  return names[0]!;
}

type Read = { ok: true; data: unknown } | { ok: false; issues: ScenarioIssue[] };

function atLine(line: number, col: number, message: string): ScenarioIssue {
  return { path: `line ${line}`, message: `${message} (column ${col})` };
}

function readYaml(text: string): Read {
  const lines = new LineCounter();
  // YAML 1.2 core schema: `yes`/`no` stay strings; duplicate keys are errors, not "last one wins".
  const doc = parseDocument(text, { version: '1.2', uniqueKeys: true, prettyErrors: false, lineCounter: lines });
  // Warnings (an unknown !!tag, say) would otherwise change a value silently, so they fail the file too.
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) {
    return {
      ok: false,
      issues: problems.map((e) => {
        const { line, col } = lines.linePos(e.pos[0]);
        // The YAML reader is recursive: a file nested thousands deep overflows it before our own limit can look.
        const message = /call stack/i.test(e.message) ? tooDeepReason() : e.message;
        return atLine(line, col, message);
      }),
    };
  }
  try {
    return { ok: true, data: doc.toJS() };
  } catch (e) {
    // toJS throws for an alias to a missing anchor or an alias explosion; neither has a position here.
    return { ok: false, issues: [{ path: '(file)', message: e instanceof Error ? e.message : String(e) }] };
  }
}

function readJson(text: string): Read {
  try {
    return { ok: true, data: JSON.parse(text) as unknown };
  } catch (e) {
    const raw = e instanceof Error ? e.message : String(e);
    // V8 sometimes names the offset ("at position 9", newer versions add "(line 2 column 7)")
    // and sometimes quotes a snippet instead; drop all of it and locate the error ourselves
    // so every message gets a line, whatever the Node version.
    const message = raw
      .replace(/, (?:\.\.\.)?"[\s\S]*" is not valid JSON$/, '')
      .replace(/\s+in JSON at position \d+[\s\S]*$/, '')
      .replace(/\s+at position \d+[\s\S]*$/, '')
      .trim();
    const offset = jsonErrorOffset(text);
    if (offset < 0) return { ok: false, issues: [{ path: '(file)', message }] };
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const col = offset - before.lastIndexOf('\n');
    return { ok: false, issues: [atLine(line, col, message)] };
  }
}

/** Offset of the first character that makes `text` invalid JSON (RFC 8259), or -1 if none is found. */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw new JsonStop(i);
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const expect = (c: string) => {
    ws();
    if (text[i] !== c) fail();
    i++;
  };
  const string = () => {
    if (text[i] !== '"') fail();
    i++;
    for (;;) {
      const c = text[i];
      if (c === undefined || c < ' ') fail();
      if (c === '"') return void i++;
      if (c === '\\') {
        const esc = text[i + 1];
        if (esc === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail();
          i += 6;
        } else if (esc !== undefined && '"\\/bfnrt'.includes(esc)) i += 2;
        else {
          i++; // point at the bad escape, not at the backslash
          fail();
        }
      } else i++;
    }
  };
  const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) return void i++;
      for (;;) {
        if (c === '{') {
          ws();
          string();
          expect(':');
        }
        value();
        ws();
        if (text[i] === ',') i++;
        else return expect(close);
      }
    }
    if (c === '"') return string();
    for (const word of ['true', 'false', 'null']) if (text.startsWith(word, i)) return void (i += word.length);
    number.lastIndex = i;
    if (number.exec(text) === null) fail();
    i = number.lastIndex;
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
    return -1;
  } catch (e) {
    if (e instanceof JsonStop) return Math.min(e.offset, text.length);
    return -1; // nesting deep enough to exhaust the stack: report without a line
  }
}

class JsonStop {
  constructor(readonly offset: number) {}
}
