// Chart legends as HTML: a swatch, a glyph and a word, so no series is told
// apart by colour alone (UI.md), and the words stay selectable text in a PDF.
import { escapeHtml } from '../escape.ts';

export interface LegendItem {
  color: string;
  label: string;
  glyph?: string;
  /** A hatched or outlined swatch for series drawn that way. */
  style?: 'solid' | 'outline' | 'mark';
}

export function legend(items: readonly LegendItem[]): string {
  const li = items.map((item) => {
    const style = item.style ?? 'solid';
    const swatch = style === 'outline'
      ? `border:2px solid ${item.color}`
      : `background:${item.color}${style === 'mark' ? ';border-right:3px solid #111' : ''}`;
    const glyph = item.glyph ? `<span class="glyph" aria-hidden="true">${escapeHtml(item.glyph)}</span> ` : '';
    return `<li><span class="swatch" style="${swatch}"></span>${glyph}${escapeHtml(item.label)}</li>`;
  });
  return `<ul class="legend">${li.join('')}</ul>`;
}
