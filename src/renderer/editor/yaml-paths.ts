// Reading and writing one key of the scenario's YAML without losing the
// user's comments or layout, and finding the line an issue path points at.
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';

export type PathSegment = string | number;

/** "producers.0.count" -> ["producers", 0, "count"]. */
export function splitPath(path: string): PathSegment[] {
  return path.split('.').filter((s) => s !== '').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

export interface ParsedYaml {
  doc: Document;
  lines: LineCounter;
  ok: boolean;
}

export function parseYaml(text: string): ParsedYaml {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  return { doc, lines, ok: doc.errors.length === 0 };
}

export function readAt(parsed: ParsedYaml, path: string): unknown {
  const value = parsed.doc.getIn(splitPath(path));
  return isNode(value) ? value.toJSON() : value;
}

/** The text with one key set (created when missing); null when the text does not parse. */
export function writeAt(text: string, path: string, value: unknown): string | null {
  const parsed = parseYaml(text);
  if (!parsed.ok) return null;
  parsed.doc.setIn(splitPath(path), value);
  return parsed.doc.toString({ lineWidth: 0 });
}

/** 1-based line of the deepest existing node on the path (an unknown key points at its parent). */
export function lineOf(parsed: ParsedYaml, path: string): number | null {
  const lineIn = /^line (\d+)$/.exec(path);
  if (lineIn) return Number(lineIn[1]);
  const segments = splitPath(path);
  for (let n = segments.length; n >= 0; n--) {
    const node = n === 0 ? parsed.doc.contents : parsed.doc.getIn(segments.slice(0, n), true);
    if (isNode(node) && node.range) return parsed.lines.linePos(node.range[0]).line;
  }
  return null;
}
