// Text into HTML, and JSON into a <script type="application/json"> tag. A
// scenario name or an error message is user text: "<script>" in one must
// stay text, in the page and in the embedded JSON alike.

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Safe in element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * JSON that cannot end its <script> element early: "<" (as in "</script>" or
 * "<!--"), ">" and "&" become \u escapes, which JSON.parse reads back as the
 * same characters. U+2028/2029 are escaped for old JavaScript parsers.
 */
export function jsonForScriptTag(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
