/**
 * The report's entry point: from a run's typed results (in memory after `run --report`, or read from a
 * results folder by `report <dir>`) to the content of report.md and report.html. Pure apart from rendering
 * charts (asynchronous, in memory): the CLI reads and writes the files.
 */
import type { RunResults } from '../results/index.js';
import { reportBlocks } from './document.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { reportModel } from './model.js';

/** The report files a results folder can get. */
export const REPORT_FILES = ['report.md', 'report.html'] as const;
/** One of {@link REPORT_FILES}. */
export type ReportFile = (typeof REPORT_FILES)[number];

/** Options of {@link buildReports}. */
export interface BuildReportOptions {
  /** Name of the variant the others are compared with. Default: the first variant of the run. */
  baseline?: string;
  /** Which files to make. Default: both. */
  formats?: readonly ReportFile[];
  /** The results are a merge of tenant shards (run --shard, merge): their peaks are upper bounds, which the
   *  report says at its top. Default: false. */
  mergedShards?: boolean;
}

/**
 * Makes report.md and report.html (or those `options.formats` names) from a run's results. Deterministic:
 * the same results give the same bytes (no dates, no machine names), whether from memory or from a folder.
 * @throws ReportInputError for an unknown `options.baseline`.
 * @example const { 'report.md': md } = await buildReports(runScenario(loaded).results);
 */
export async function buildReports(results: RunResults, options: BuildReportOptions = {}): Promise<Partial<Record<ReportFile, string>>> {
  const blocks = reportBlocks(reportModel(results, options.baseline));
  if (options.mergedShards === true) {
    blocks.splice(1, 0, {
      kind: 'note',
      text: ['Merged from tenant shards (', { code: 'run --shard' }, ', ', { code: 'merge' }, '; see ', { code: 'merged.json' }, "): every figure is the run's but peak concurrency and peak environments, here, in the limits and in the charts, which are upper bounds (the sums of the shards' peaks)."],
    });
  }
  const formats = options.formats ?? REPORT_FILES;
  const out: Partial<Record<ReportFile, string>> = {};
  if (formats.includes('report.md')) out['report.md'] = renderMarkdown(blocks);
  if (formats.includes('report.html')) out['report.html'] = await renderHtml(blocks);
  return out;
}
