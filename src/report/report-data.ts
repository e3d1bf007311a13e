/**
 * What a report is made from: the files of a results folder (written by `tenancy-sim run`), parsed and
 * checked. summary.json is required (it is what makes a folder a results folder); the CSV files and
 * config.json are optional, and the sections that need a missing one say so instead of appearing.
 * Pure: the caller reads the files.
 */
import {
  ConfigSchema, parseJsonFile, type ReportSummary, type ReportVariantConfig, SummarySchema,
} from './report-data-json.js';
import {
  type GroupRow, parseGroupsCsv, parseTenantsCsv, parseTimeseriesCsv, type TenantRow, type TimeseriesRow,
} from './report-data-csv.js';

export type { ReportCostLines, ReportFunction, ReportFunctionConfig, ReportSummary, ReportVariant, ReportVariantConfig } from './report-data-json.js';
export type { GroupRow, TenantRow, TimeseriesRow } from './report-data-csv.js';

/** The files of a results folder the report reads, in the order they are checked. */
export const REPORT_INPUT_FILES = ['summary.json', 'config.json', 'tenants.csv', 'groups.csv', 'timeseries.csv'] as const;
/** One of {@link REPORT_INPUT_FILES}. */
export type ReportInputFile = (typeof REPORT_INPUT_FILES)[number];

/** Everything a report is made from. Variants are in report order: the baseline first. */
export interface ReportData {
  summary: ReportSummary;
  /** Variant name -> its configuration from config.json; null without config.json. */
  configs: Map<string, ReportVariantConfig> | null;
  /** Rows of tenants.csv, groups.csv and timeseries.csv; null when the file is missing. */
  tenants: TenantRow[] | null;
  groups: GroupRow[] | null;
  timeseries: TimeseriesRow[] | null;
}

/** Options of {@link reportData}. */
export interface ReportDataOptions {
  /** Name of the variant the others are compared with. Default: the first variant of summary.json. */
  baseline?: string;
}

/** The files cannot make a report; `problems` lists what is wrong, each naming its file. */
export class ReportInputError extends Error {
  override name = 'ReportInputError';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** Moves the baseline variant to the front; @throws ReportInputError when there is no such variant. */
function withBaseline(summary: ReportSummary, baseline: string | undefined): ReportSummary {
  if (baseline === undefined) return summary;
  const i = summary.variants.findIndex((v) => v.name === baseline);
  if (i < 0) {
    throw new ReportInputError([`no variant named ${JSON.stringify(baseline)} to compare with; the variants are ${summary.variants.map((v) => v.name).join(', ')}`]);
  }
  return { ...summary, variants: [summary.variants[i], ...summary.variants.filter((_, j) => j !== i)] };
}

/** Parses one optional CSV file, collecting its problems. */
function optionalTable<T>(text: string | undefined, parser: (t: string) => { ok: true; rows: T[] } | { ok: false; problems: string[] }, problems: string[]): T[] | null {
  if (text === undefined) return null;
  const r = parser(text);
  if (r.ok) return r.rows;
  problems.push(...r.problems);
  return null;
}

/**
 * Parses and checks the files of a results folder (file name -> content; a missing file is absent).
 * @throws ReportInputError listing every problem found: summary.json missing or malformed, a malformed
 * optional file, duplicate variant names, or an unknown `options.baseline`.
 */
export function reportData(files: Partial<Record<ReportInputFile, string>>, options: ReportDataOptions = {}): ReportData {
  if (files['summary.json'] === undefined) throw new ReportInputError(['summary.json is missing, so this is not a results folder of tenancy-sim run']);
  const problems: string[] = [];
  const summary = parseJsonFile('summary.json', files['summary.json'], SummarySchema);
  if (!summary.ok) problems.push(...summary.problems);
  let configs: Map<string, ReportVariantConfig> | null = null;
  if (files['config.json'] !== undefined) {
    const config = parseJsonFile('config.json', files['config.json'], ConfigSchema);
    if (config.ok) configs = new Map(config.value.variants.map((v) => [v.name, v.config]));
    else problems.push(...config.problems);
  }
  const tenants = optionalTable(files['tenants.csv'], parseTenantsCsv, problems);
  const groups = optionalTable(files['groups.csv'], parseGroupsCsv, problems);
  const timeseries = optionalTable(files['timeseries.csv'], parseTimeseriesCsv, problems);
  if (summary.ok) {
    const names = summary.value.variants.map((v) => v.name);
    const twice = names.filter((n, i) => names.indexOf(n) !== i);
    if (twice.length > 0) problems.push(`summary.json: variants: the name ${JSON.stringify(twice[0])} appears more than once`);
  }
  if (problems.length > 0 || !summary.ok) throw new ReportInputError(problems);
  return { summary: withBaseline(summary.value, options.baseline), configs, tenants, groups, timeseries };
}
