/**
 * sweep.csv in tidy form: one row per point x variant x metric, with a column per swept parameter, then
 * variant, metric, mean, ciLow, ciHigh (empty with one replication) and n.
 */
import { stringify } from 'csv-stringify/sync';
import { plainNumber } from '../text/numbers.js';
import type { SweepDocument } from './document.js';


/** A swept value in a cell: strings as they are, numbers and booleans as such, anything else as JSON. */
function cell(v: unknown): unknown {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : JSON.stringify(v);
}

/** The text of sweep.csv for `doc`. */
export function sweepCsv(doc: SweepDocument): string {
  const rows: unknown[][] = [[...doc.parameters.map((p) => p.key), 'variant', 'metric', 'mean', 'ciLow', 'ciHigh', 'n']];
  for (const p of doc.points) {
    const values = p.values.map(cell);
    for (const v of p.variants) {
      for (const m of doc.metrics) {
        const e = v.metrics[m.name];
        if (e !== undefined) rows.push([...values, v.name, m.name, e.mean, e.ciLow ?? '', e.ciHigh ?? '', e.n]);
      }
    }
  }
  return stringify(rows, { escape_formulas: true, cast: { number: plainNumber, boolean: (b) => String(b) } });
}
