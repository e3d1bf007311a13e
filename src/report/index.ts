/**
 * Reports: a run's typed results rendered as report.md and report.html (build.ts), and Vega-Lite charts as
 * inline SVG (svg.ts), which the sweep's page uses too.
 */
export { buildReports, REPORT_FILES, type BuildReportOptions, type ReportFile } from './build.js';
export { ReportInputError } from './model.js';
export { renderSvg } from './svg.js';
