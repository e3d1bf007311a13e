/**
 * The CSV files of a results folder that the report reads: tenants.csv, groups.csv and timeseries.csv. Columns
 * are found by name, so added columns do no harm; a missing column or a cell that is not a number is a
 * problem with its file and line.
 */
import { parse } from 'csv-parse/sync';

/** One row of tenants.csv, as far as the report needs it. */
export interface TenantRow {
  variant: string;
  tenant: string;
  group: string;
  invocations: number;
  coldStarts: number;
  /** The tenant's share of the variant's exact cost, USD. */
  totalUsdExact: number;
}

/** One row of groups.csv. */
export interface GroupRow {
  variant: string;
  group: string;
  tenants: number;
  activeTenants: number;
  invocations: number;
  coldStarts: number;
  totalUsdExact: number;
}

/** One row (one minute of one variant) of timeseries.csv. */
export interface TimeseriesRow {
  variant: string;
  startMs: number;
  arrivals: number;
  peakConcurrency: number;
  peakEnvironments: number;
}

/** Column name -> kind, for one table. */
type Columns<T> = { [K in keyof T]: 'text' | 'number' };

const TENANT_COLUMNS: Columns<TenantRow> = {
  variant: 'text', tenant: 'text', group: 'text', invocations: 'number', coldStarts: 'number', totalUsdExact: 'number',
};
const GROUP_COLUMNS: Columns<GroupRow> = {
  variant: 'text', group: 'text', tenants: 'number', activeTenants: 'number', invocations: 'number', coldStarts: 'number', totalUsdExact: 'number',
};
const TIMESERIES_COLUMNS: Columns<TimeseriesRow> = {
  variant: 'text', startMs: 'number', arrivals: 'number', peakConcurrency: 'number', peakEnvironments: 'number',
};

/** Formula characters csv-stringify's `escape_formulas` protects with a leading `'` (see outputs.ts). */
const FORMULA_START = /^'[-=+@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** A text cell as it was before csv-stringify escaped a leading formula character. */
export const unescapeFormula = (cell: string): string => (FORMULA_START.test(cell) ? cell.slice(1) : cell);

/** Problems shown per file; the count of the rest follows. */
const MAX_PROBLEMS = 20;

/**
 * Parses `text` (the content of `file`) into typed rows. Returns the rows, or the problems (`file:line:
 * message`, at most 20 and a count of the rest).
 */
function parseTable<T>(file: string, text: string, columns: Columns<T>): { ok: true; rows: T[] } | { ok: false; problems: string[] } {
  let records: string[][];
  try {
    records = parse(text, { skip_empty_lines: true, relax_column_count: false, bom: true }) as string[][];
  } catch (e) {
    return { ok: false, problems: [`${file}: not a readable CSV file (${(e as Error).message})`] };
  }
  if (records.length === 0) return { ok: false, problems: [`${file}: empty: expected a header line`] };
  const header = records[0];
  const names = Object.keys(columns) as (keyof T & string)[];
  const missing = names.filter((n) => !header.includes(n));
  if (missing.length > 0) return { ok: false, problems: [`${file}:1: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`] };
  const index = names.map((n) => header.indexOf(n));
  const problems: string[] = [];
  let more = 0;
  const rows: T[] = [];
  for (let r = 1; r < records.length; r++) {
    const row = {} as Record<string, string | number>;
    names.forEach((n, c) => {
      const cell = records[r][index[c]];
      if (columns[n] === 'text') {
        row[n] = unescapeFormula(cell);
        return;
      }
      const x = cell.trim() === '' ? NaN : Number(cell);
      if (Number.isFinite(x) && x >= 0) row[n] = x;
      else if (problems.length < MAX_PROBLEMS) problems.push(`${file}:${r + 1}: ${n}: expected a number >= 0, got ${JSON.stringify(cell)}`);
      else more++;
    });
    rows.push(row as T);
  }
  if (more > 0) problems.push(`${file}: ... and ${more} more`);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}

/** Parses tenants.csv. */
export const parseTenantsCsv = (text: string) => parseTable<TenantRow>('tenants.csv', text, TENANT_COLUMNS);
/** Parses groups.csv. */
export const parseGroupsCsv = (text: string) => parseTable<GroupRow>('groups.csv', text, GROUP_COLUMNS);
/** Parses timeseries.csv. */
export const parseTimeseriesCsv = (text: string) => parseTable<TimeseriesRow>('timeseries.csv', text, TIMESERIES_COLUMNS);
