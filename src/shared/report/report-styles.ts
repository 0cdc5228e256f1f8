// The report's one stylesheet, inlined (the file must work offline and under
// a CSP that allows inline styles only). Print rules: every section starts
// on a new page, charts scale to the page width instead of being clipped,
// and the state colours print as they show.
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #111; --muted: #555; --rule: #d4d4d8; --panel: #f6f6f7; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink); background: #fff; }
main { max-width: 980px; margin: 0 auto; padding: 24px 28px 48px; }
header.report-head { border-bottom: 2px solid var(--ink); padding-bottom: 12px; margin-bottom: 8px; }
h1 { font-size: 26px; margin: 0 0 6px; }
h2 { font-size: 20px; margin: 28px 0 10px; border-bottom: 1px solid var(--rule); padding-bottom: 4px; }
h3 { font-size: 13px; margin: 0 0 6px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.run-facts { display: flex; flex-wrap: wrap; gap: 4px 22px; margin: 0; color: var(--muted); }
.run-facts div { display: flex; gap: 6px; } .run-facts dt { font-weight: 600; } .run-facts dd { margin: 0; color: var(--ink); }
.metrics { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(290px, 100%), 1fr)); gap: 12px; }
.metric-group { background: var(--panel); border: 1px solid var(--rule); border-radius: 6px; padding: 10px 12px; break-inside: avoid; min-width: 0; }
.metric-group dl { margin: 0; display: grid; grid-template-columns: 1fr 1fr; gap: 6px 12px; }
.metric dt { font-size: 12px; color: var(--muted); } .metric dd { margin: 0; font-size: 20px; font-weight: 600; font-variant-numeric: tabular-nums; }
.chart-block { break-inside: avoid; margin: 8px 0 18px; }
svg.chart { display: block; width: 100%; height: auto; max-width: 900px; font-size: 12px; }
svg.chart text { fill: var(--ink); }
svg.chart .axis line { stroke: #333; } svg.chart .axis .grid { stroke: #e4e4e7; }
svg.chart .axis-label { fill: var(--muted); }
svg.chart .empty { fill: var(--muted); font-size: 14px; }
svg.chart .edge line, svg.chart .edge path { stroke: #444; }
svg.chart .edge-count { font-size: 12px; font-weight: 600; paint-order: stroke; stroke: #fff; stroke-width: 4px; stroke-linejoin: round; }
svg.chart .node text { font-size: 13px; font-weight: 600; } svg.chart .node .node-count { font-size: 16px; }
svg.chart .node circle { fill: #fff; stroke: #444; stroke-width: 1.5; } svg.chart .node-count-small { font-size: 12px; font-weight: 600; }
svg.chart .mark line { stroke: #111; stroke-dasharray: 2 2; }
svg.chart .mark text { font-size: 11px; font-weight: 600; paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
svg.chart .lane { stroke: #e4e4e7; } svg.chart .lane-name { font-size: 11px; }
svg.chart .marker { font-size: 13px; font-weight: 700; }
.legend { list-style: none; display: flex; flex-wrap: wrap; gap: 4px 16px; padding: 0; margin: 6px 0 0; font-size: 13px; }
.legend li { display: flex; align-items: center; gap: 6px; }
.swatch { display: inline-block; width: 14px; height: 12px; border-radius: 2px; }
.note { color: var(--muted); font-size: 13px; margin: 6px 0; }
.lesson { border-left: 4px solid #0072b2; background: var(--panel); padding: 4px 14px 8px; margin: 14px 0; break-inside: avoid; }
.lesson h2 { border: 0; margin: 8px 0 4px; font-size: 18px; } .lesson p { margin: 4px 0; }
svg.chart .fault-label { font-size: 11px; font-weight: 600; }
.empty-state { background: var(--panel); border: 1px dashed var(--rule); padding: 12px; border-radius: 6px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--rule); padding: 6px 8px; }
th { background: var(--panel); } td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.error { font-family: ui-monospace, "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; }
tr { break-inside: avoid; }
pre.scenario { background: var(--panel); border: 1px solid var(--rule); border-radius: 6px; padding: 12px; font-size: 12.5px;
  white-space: pre-wrap; overflow-wrap: anywhere; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--rule); padding-top: 8px; }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  body { font-size: 12px; }
  main { max-width: none; padding: 0; }
  section.page { break-before: page; }
  /* A heading never ends a page without its chart. */
  section { break-inside: avoid; }
  section#dead-letters, section#scenario { break-inside: auto; }
  h2 { margin-top: 0; break-after: avoid; }
  svg.chart { max-width: 100%; }
  .metric dd { font-size: 16px; }
  /* Two columns whatever the paper: fixed minimum widths overflowed Letter and A4 alike. */
  .metrics { grid-template-columns: repeat(2, minmax(0, 1fr)); }
}
`;
