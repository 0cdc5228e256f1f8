// How deep user JSON may nest: one rule for every door a user's data comes
// in by (a REST body, a LabApi call over WebSocket or IPC, a scenario file).
// Without it, a 20,000-level array that fits easily in 64 KB parses fine
// (JSON.parse is not recursive) and then blows the stack of whatever walks
// it next (JSON.stringify, a schema, the YAML reader), which the user sees
// as a 500. No legitimate payload or scenario comes near 64 levels.
//
// The walk is iterative, so it cannot overflow on the input it refuses.

/** Objects and arrays nested deeper than this are refused. */
export const MAX_NESTING_DEPTH = 64;

/**
 * Where `value` first nests deeper than `max` levels ({} or [] is one level,
 * a scalar none), as a field path ("payload[0][0]", "" for the value
 * itself), or null when it stays within the limit.
 */
export function tooDeepAt(value: unknown, max = MAX_NESTING_DEPTH): string | null {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value, depth: 0, path: '' }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (item.value === null || typeof item.value !== 'object') continue;
    const depth = item.depth + 1;
    if (depth > max) return item.path;
    // Only the first few steps are named: the path of a 20,000-level array would be the whole message.
    const named = depth <= 3;
    if (Array.isArray(item.value)) {
      item.value.forEach((child, i) => stack.push({ value: child, depth, path: named ? `${item.path}[${i}]` : item.path }));
    } else {
      for (const [key, child] of Object.entries(item.value)) {
        stack.push({ value: child, depth, path: named ? (item.path === '' ? key : `${item.path}.${key}`) : item.path });
      }
    }
  }
  return null;
}

/** What is wrong with a value `tooDeepAt` refused, without its field. */
export function tooDeepReason(max = MAX_NESTING_DEPTH): string {
  return `nested deeper than ${max} levels (objects and arrays); flatten it`;
}

/** The message for a value `tooDeepAt` refused: "payload[0]: nested deeper than 64 levels ...". */
export function tooDeepMessage(path: string, root: string, max = MAX_NESTING_DEPTH): string {
  return `${path === '' ? root : path}: ${tooDeepReason(max)}`;
}
