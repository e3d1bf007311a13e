/**
 * The report's entry point: from the files of a results folder to the content of report.md and report.html.
 * Pure apart from rendering charts (asynchronous, in memory): the CLI reads and writes the files.
 */
import { reportData, type ReportDataOptions, type ReportInputFile } from './report-data.js';
import { reportBlocks } from './report-document.js';
import { renderHtml } from './report-html.js';
import { renderMarkdown } from './report-md.js';
import { reportModel } from './report-model.js';

export { REPORT_INPUT_FILES, ReportInputError, type ReportDataOptions, type ReportInputFile } from './report-data.js';

/** The report files a results folder can get. */
export const REPORT_FILES = ['report.md', 'report.html'] as const;
/** One of {@link REPORT_FILES}. */
export type ReportFile = (typeof REPORT_FILES)[number];

/** Options of {@link buildReports}. */
export interface BuildReportOptions extends ReportDataOptions {
  /** Which files to make. Default: both. */
  formats?: readonly ReportFile[];
}

/**
 * Makes report.md and report.html (or those `options.formats` names) from a results folder's files (name
 * -> content; extra files such as summary.csv are ignored). Deterministic: the same files give the same
 * bytes (no dates, no machine names).
 * @throws ReportInputError when the files cannot make a report (see {@link reportData}).
 * @example const { 'report.md': md } = await buildReports(runScenario(loaded).files);
 */
export async function buildReports(files: Partial<Record<ReportInputFile, string>> | Record<string, string>, options: BuildReportOptions = {}): Promise<Partial<Record<ReportFile, string>>> {
  const blocks = reportBlocks(reportModel(reportData(files, options)));
  const formats = options.formats ?? REPORT_FILES;
  const out: Partial<Record<ReportFile, string>> = {};
  if (formats.includes('report.md')) out['report.md'] = renderMarkdown(blocks);
  if (formats.includes('report.html')) out['report.html'] = await renderHtml(blocks);
  return out;
}
