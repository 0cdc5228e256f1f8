// The dead-letter table grouped by the error that killed each job: one row
// per distinct last error, largest first, so a poison message shows as one
// line with its count rather than a thousand identical rows.
import { escapeHtml } from '../escape.ts';
import { formatInt, formatNumber } from '../format.ts';
import type { DeadLetters } from '../types.ts';

function plural(n: number, word: string): string {
  return `${formatInt(n)} ${word}${n === 1 ? '' : 's'}`;
}

export function deadLettersSection(dead: DeadLetters): string {
  if (dead.total === 0) {
    return '<p class="empty-state" id="dead-letters-empty">No dead letters: every job that finished succeeded or was cancelled, so no job exhausted its attempts.</p>';
  }
  const rows = dead.groups.map((g) => '<tr>'
    + `<td class="error">${escapeHtml(g.error)}</td>`
    + `<td>${escapeHtml(g.reason)}</td>`
    + `<td class="num"><data value="${g.count}" data-dead-count>${formatInt(g.count)}</data></td>`
    + `<td>${escapeHtml(g.queues.join(', '))} / ${escapeHtml(g.types.join(', '))}</td>`
    + `<td class="num">${formatNumber(g.firstDiedAt)}–${formatNumber(g.lastDiedAt)} s</td>`
    + `<td>${escapeHtml(g.exampleJobs.map((j) => `#${j}`).join(', '))}</td>`
    + '</tr>').join('');
  const more = dead.moreGroups > 0 ? `<p class="note">${formatInt(dead.moreGroups)} smaller groups are not listed.</p>` : '';
  return `<p><data value="${dead.total}" data-metric="dead_letters.total">${formatInt(dead.total)}</data> jobs are in the dead-letter table, `
    + `in ${plural(dead.groups.length + dead.moreGroups, 'group')} by their last error.</p>`
    + '<table class="dead-letters"><thead><tr><th scope="col">last error</th><th scope="col">reason</th><th scope="col">jobs</th>'
    + '<th scope="col">queue / type</th><th scope="col">died at</th><th scope="col">first jobs</th></tr></thead>'
    + `<tbody>${rows}</tbody></table>${more}`;
}
