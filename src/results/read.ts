/**
 * Reading a results folder back into typed results: summary.json (required: it makes a folder a results
 * folder) and the optional tenants.csv, groups.csv and timeseries.csv, each checked. Pure: the caller reads
 * the files. Columns are found by name, so added columns do no harm; a missing column or a cell that is not
 * a number is a problem with its file and line.
 */
import { parse } from 'csv-parse/sync';
import type { z } from 'zod';
import { type ColumnSpec, GROUP_COLUMNS, type RowOf, TENANT_COLUMNS, TIMESERIES_COLUMNS } from './columns.js';
import { unescapeFormula } from './csv.js';
import { SensitivitySchema, SummarySchema } from './read-summary.js';
import type { RunResults, SummaryDocument } from './types.js';

/** The files of a results folder that make its typed results, in the order they are checked. */
export const RESULT_INPUT_FILES = ['summary.json', 'tenants.csv', 'groups.csv', 'timeseries.csv', 'sensitivity.json'] as const;
/** One of {@link RESULT_INPUT_FILES}. */
export type ResultInputFile = (typeof RESULT_INPUT_FILES)[number];

/** The files cannot make results; `problems` lists what is wrong, each naming its file. */
export class ResultsInputError extends Error {
  override name = 'ResultsInputError';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** Problems shown per file; the count of the rest follows. */
const MAX_PROBLEMS = 20;

/** `variants[0].costUsdExact.total` from a zod issue path. */
function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s === '' ? String(k) : `${s}.${String(k)}`), '');
}

/** Parses and checks a JSON file; the value, or the problems found, each as `file: path: message`. */
export function parseJsonFile<T>(file: string, text: string, schema: z.ZodType<T>): { ok: true; value: T } | { ok: false; problems: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, problems: [`${file}: not valid JSON (${(e as Error).message})`] };
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, problems: parsed.error.issues.slice(0, MAX_PROBLEMS).map((i) => `${file}: ${pathText(i.path) || '(top level)'}: ${i.message}`) };
}

/** Parses `text` (the content of `file`) into rows typed by `spec`; the rows, or the problems (`file:line: message`). */
export function parseTable<S extends ColumnSpec>(file: string, text: string, spec: S): { ok: true; rows: RowOf<S>[] } | { ok: false; problems: string[] } {
  let records: string[][];
  try {
    records = parse(text, { skip_empty_lines: true, relax_column_count: false, bom: true }) as string[][];
  } catch (e) {
    return { ok: false, problems: [`${file}: not a readable CSV file (${(e as Error).message})`] };
  }
  if (records.length === 0) return { ok: false, problems: [`${file}: empty: expected a header line`] };
  const head = records[0];
  const names = Object.keys(spec);
  const missing = names.filter((n) => !head.includes(n));
  if (missing.length > 0) return { ok: false, problems: [`${file}:1: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`] };
  const index = names.map((n) => head.indexOf(n));
  const problems: string[] = [];
  let more = 0;
  const rows: RowOf<S>[] = [];
  for (let r = 1; r < records.length; r++) {
    const row: Record<string, string | number | null> = {};
    names.forEach((n, c) => {
      const cell = records[r][index[c]];
      if (spec[n] === 'text') {
        row[n] = unescapeFormula(cell);
        return;
      }
      if (spec[n] === 'optional' && cell === '') {
        row[n] = null;
        return;
      }
      const x = cell.trim() === '' ? NaN : Number(cell);
      if (Number.isFinite(x) && x >= 0) row[n] = x;
      else if (problems.length < MAX_PROBLEMS) problems.push(`${file}:${r + 1}: ${n}: expected a number >= 0, got ${JSON.stringify(cell.slice(0, 40))}`);
      else more++;
    });
    rows.push(row as RowOf<S>);
  }
  if (more > 0) problems.push(`${file}: ... and ${more} more`);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}

/** Parses one optional table, collecting its problems; null when the file is absent or bad. */
function optionalTable<S extends ColumnSpec>(file: ResultInputFile, text: string | undefined, spec: S, problems: string[]): RowOf<S>[] | null {
  if (text === undefined) return null;
  const r = parseTable(file, text, spec);
  if (r.ok) return r.rows;
  problems.push(...r.problems);
  return null;
}

/**
 * The typed results of a results folder's files (file name -> content; a missing file is absent).
 * @throws ResultsInputError listing every problem found: summary.json missing or malformed (or of another
 * format), a malformed optional file, duplicate variant names.
 */
export function readResults(files: Partial<Record<ResultInputFile, string>>): RunResults {
  if (files['summary.json'] === undefined) throw new ResultsInputError(['summary.json is missing, so this is not a results folder of tenancy-sim run']);
  const problems: string[] = [];
  const summary = parseJsonFile<SummaryDocument>('summary.json', files['summary.json'], SummarySchema);
  if (!summary.ok) problems.push(...summary.problems);
  const tenants = optionalTable('tenants.csv', files['tenants.csv'], TENANT_COLUMNS, problems);
  const groups = optionalTable('groups.csv', files['groups.csv'], GROUP_COLUMNS, problems);
  const timeseries = optionalTable('timeseries.csv', files['timeseries.csv'], TIMESERIES_COLUMNS, problems);
  if (summary.ok) {
    const names = summary.value.variants.map((v) => v.name);
    const twice = names.filter((n, i) => names.indexOf(n) !== i);
    if (twice.length > 0) problems.push(`summary.json: variants: the name ${JSON.stringify(twice[0])} appears more than once`);
  }
  let sensitivity = null;
  if (files['sensitivity.json'] !== undefined) {
    const read = parseJsonFile('sensitivity.json', files['sensitivity.json'], SensitivitySchema);
    if (!read.ok) problems.push(...read.problems);
    else if (summary.ok && read.value.variants.join('\n') !== summary.value.variants.map((v) => v.name).join('\n')) {
      problems.push(`sensitivity.json: variants: expected the variants of summary.json (${summary.value.variants.map((v) => JSON.stringify(v.name)).join(', ')}), in that order`);
    } else sensitivity = read.value;
  }
  if (problems.length > 0 || !summary.ok) throw new ResultsInputError(problems);
  return { summary: summary.value, tenants, groups, timeseries, sensitivity };
}
