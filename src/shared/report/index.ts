// The exported run report, as pure functions: the CLI (src/main/report) and
// the app's Export button feed them a RunTimeline and what the store knows.
export { buildReportData, laneWindowOf, LANE_EXCERPT_ATTEMPTS, LANE_WINDOW_ATTEMPTS, MAX_LANES, MAX_POINTS } from './build-report-data.ts';
export { renderReportHtml, REPORT_CSP, RESULTS_SCRIPT_ID } from './render-report.ts';
export { escapeHtml, jsonForScriptTag } from './escape.ts';
export { METRIC_GROUPS, valueAt } from './sections/metrics.ts';
export * from './types.ts';
