// Turns a schema's verdict on incoming params (a LabApi call, an HTTP body)
// into one message a person can act on, naming the field:
// `priority: expected an integer, got "high"`. The wording is the scenario
// validator's, so a user meets one voice whether a file or a request is wrong.
import type { z } from 'zod';
import { MAX_NESTING_DEPTH, tooDeepAt, tooDeepMessage } from '../input/nesting-depth.ts';
import { issuesFromZod } from '../scenario/errors.ts';
import { LabApiError, LAB_METHODS, type LabMethod, type LabParsedParams } from './lab-api.ts';

export type Checked<T> = { ok: true; data: T } | { ok: false; field: string; message: string };

/**
 * `root` names the whole value in a message when the problem is the value
 * itself ("body", "params"). Values nested deeper than `maxDepth` are refused
 * before the schema walks them (a schema is recursive: 20,000 levels would
 * overflow the stack).
 */
export function checkAgainst<S extends z.ZodType>(schema: S, input: unknown, root: string, maxDepth = MAX_NESTING_DEPTH): Checked<z.output<S>> {
  const deep = tooDeepAt(input, maxDepth);
  if (deep !== null) return { ok: false, field: deep === '' ? root : deep, message: tooDeepMessage(deep, root, MAX_NESTING_DEPTH) };
  const parsed = schema.safeParse(input, { reportInput: true });
  if (parsed.success) return { ok: true, data: parsed.data };
  const issues = issuesFromZod(parsed.error.issues, input, schema);
  const first = issues[0];
  if (!first) return { ok: false, field: root, message: `${root}: invalid` };
  const field = first.path === '' ? root : first.path;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more: ${issues.slice(1).map((i) => i.path || root).join(', ')})` : '';
  return { ok: false, field, message: `${field}: ${first.message}${more}` };
}

/** A method's params, defaults filled in; throws bad_params naming the first bad field. */
export function checkParams<M extends LabMethod>(method: M, params: unknown): LabParsedParams<M> {
  const checked = checkAgainst(LAB_METHODS[method].params, params ?? {}, 'params');
  if (!checked.ok) throw new LabApiError({ code: 'bad_params', field: checked.field, message: `${method}: ${checked.message}` });
  return checked.data as LabParsedParams<M>;
}
