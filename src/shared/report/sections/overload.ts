// The report's "Overload" section (issue 13): the verdict with the goodputs
// that decided it, and what the downstream services did, each number a
// <data> element carrying the summary's exact value as the metrics do.
import type { RunSummary } from '../../metrics/run-summary.ts';
import { refusedSentence, verdictSentence, VERDICT_LABEL } from '../../overload/verdict-text.ts';
import { escapeHtml } from '../escape.ts';
import { formatInt, formatNumber, formatPercent } from '../format.ts';

function cell(label: string, path: string, value: number, text: string): string {
  return `<div class="metric"><dt>${escapeHtml(label)}</dt><dd><data value="${value}" data-metric="${escapeHtml(path)}">${text}</data></dd></div>`;
}

/** Empty when the run has no services and no trigger: nothing to say. */
export function overloadSection(summary: RunSummary): string {
  const v = summary.verdict;
  const d = summary.downstream;
  if (!d && (!v || v.kind === 'none')) return '';
  const groups: string[] = [];
  if (v) {
    const cells = [`<div class="metric"><dt>verdict</dt><dd><span class="verdict-${v.kind}" data-verdict="${v.kind}">${VERDICT_LABEL[v.kind]}</span></dd></div>`];
    if (v.goodput_before !== null) cells.push(cell('goodput before the trigger', 'verdict.goodput_before', v.goodput_before, `${formatNumber(v.goodput_before)} jobs/s`));
    if (v.goodput_after !== null) cells.push(cell('goodput at the end of the load', 'verdict.goodput_after', v.goodput_after, `${formatNumber(v.goodput_after)} jobs/s`));
    groups.push(`<div class="metric-group"><h3>Verdict</h3><dl>${cells.join('')}</dl></div>`);
  }
  if (d) {
    groups.push(`<div class="metric-group"><h3>Downstream (all services)</h3><dl>`
      + cell('calls', 'downstream.calls', d.calls, formatInt(d.calls))
      + cell('calls per job', 'downstream.amplification', d.amplification, formatNumber(d.amplification))
      + cell('wasted (caller gave up)', 'downstream.wasted', d.wasted, formatInt(d.wasted))
      + cell('utilization', 'downstream.utilization', d.utilization, formatPercent(d.utilization))
      + '</dl></div>');
    for (const [name, s] of Object.entries(d.services)) {
      const at = `downstream.services.${name}`;
      groups.push(`<div class="metric-group"><h3>Service ${escapeHtml(name)}</h3><dl>`
        + cell('calls', `${at}.calls`, s.calls, formatInt(s.calls))
        + cell('calls per job', `${at}.amplification`, s.amplification, formatNumber(s.amplification))
        + cell('wasted', `${at}.wasted`, s.wasted, formatInt(s.wasted))
        + cell('utilization', `${at}.utilization`, s.utilization, formatPercent(s.utilization))
        + cell('longest queue', `${at}.max_queue`, s.max_queue, formatInt(s.max_queue))
        + cell('last call ended', `${at}.last_call_s`, s.last_call_s, `${formatNumber(s.last_call_s)} s`)
        + '</dl></div>');
    }
  }
  const notes = [v ? verdictSentence(v) : null, d ? refusedSentence(d) : null].filter((x): x is string => x !== null);
  return `<div class="metrics">${groups.join('')}</div>${notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('')}`
    + (v ? `<p class="note">Rule: ${escapeHtml(v.rule)} (README.md "The verdict").</p>` : '');
}
