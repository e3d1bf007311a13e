/**
 * The files of a results folder, as strings: summary.json, summary.csv, functions.csv, tenants.csv,
 * groups.csv, timeseries.csv and config.json. Pure: the CLI decides where they go.
 */
import type { ScenarioConfig } from '../model/config.js';
import { cells, type ColumnSpec, type Derived, FUNCTIONS_CSV, GROUP_COLUMNS, header, type RowOf, SUMMARY_CSV, TENANT_COLUMNS, TIMESERIES_COLUMNS } from './columns.js';
import { csvChunks } from './csv.js';
import { type FileContent, type RunResults, type VariantRun } from './types.js';

/** The files a run writes, in the order they are listed. */
export const RESULT_FILES = ['summary.json', 'summary.csv', 'functions.csv', 'tenants.csv', 'groups.csv', 'timeseries.csv', 'config.json'] as const;
/** One of {@link RESULT_FILES}. */
export type ResultFile = (typeof RESULT_FILES)[number];

/** A table of derived columns: header, then a row per item. */
function* derivedRows<T>(columns: readonly Derived<T>[], items: Iterable<T>): Generator<unknown[]> {
  yield columns.map(([name]) => name);
  for (const x of items) yield columns.map(([, value]) => value(x));
}

/** A table of typed rows: header, then each row's cells (a generator: large tables are never held as rows of text). */
function* typedRows<S extends ColumnSpec>(spec: S, rows: Iterable<RowOf<S>>): Generator<unknown[]> {
  yield header(spec);
  for (const r of rows) yield cells(spec, r);
}

/**
 * config.json: each variant's configuration as it ran, every default filled in (times in ms, rates per ms,
 * sizes in MB), so that a results folder says what produced it. Trace data is summarised, not copied.
 */
export function configJson(configs: readonly { name: string; config: ScenarioConfig }[]): string {
  const variants = configs.map(({ name, config }) => ({
    name,
    config: {
      ...config,
      traffic: config.traffic.map((t) => {
        if (t.pattern.type !== 'trace') return t;
        const { data, ...trace } = t.pattern.trace;
        const loaded = data === null ? null : { file: data.file, arrivals: data.arrivals, tenants: data.tenants.length, functions: data.functions.length, endMs: data.endMs };
        return { ...t, pattern: { ...t.pattern, trace: { ...trace, data: loaded } } };
      }),
    },
  }));
  return `${JSON.stringify({ variants }, null, 2)}\n`;
}

/** A CSV file's content, made chunk by chunk each time it is read. */
const chunks = (rows: () => Iterable<unknown[]>): FileContent => ({ [Symbol.iterator]: () => csvChunks(rows())[Symbol.iterator]() });

/**
 * Every file of a results folder: name -> content. The JSON files are text; the CSV files are chunks made as
 * they are written (tenants.csv of a million tenants in five variants is never one string).
 */
export function renderFiles(results: RunResults, runs: readonly VariantRun[]): Record<ResultFile, FileContent> {
  const s = results.summary;
  return {
    'summary.json': `${JSON.stringify(s, null, 2)}\n`,
    'summary.csv': chunks(() => derivedRows(SUMMARY_CSV, s.variants)),
    'functions.csv': chunks(() => derivedRows(FUNCTIONS_CSV, s.variants.flatMap((v) => v.functions.map((f) => ({ ...f, variant: v.name }))))),
    'tenants.csv': chunks(() => typedRows(TENANT_COLUMNS, results.tenants ?? [])),
    'groups.csv': chunks(() => typedRows(GROUP_COLUMNS, results.groups ?? [])),
    'timeseries.csv': chunks(() => typedRows(TIMESERIES_COLUMNS, results.timeseries ?? [])),
    'config.json': configJson(runs.map((r) => ({ name: r.summary.name, config: r.config }))),
  };
}
