#!/usr/bin/env node
/**
 * Prints the arrival rate over time of one variant of a run, from its timeseries.csv, as a Markdown table
 * with a bar per row: the pictures of the scenario reference are made with it.
 *
 *   node scripts/rate-table.mjs results/diurnal-week/timeseries.csv --variant isolated --bucket 180 --rows 56
 *
 * --bucket: minutes per row (default 60); --rows: at most this many rows (default 48); --variant: default the
 * first in the file.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const file = args.find((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
if (!file) {
  console.error('usage: node scripts/rate-table.mjs <timeseries.csv> [--variant name] [--bucket minutes] [--rows n]');
  process.exit(2);
}
const rows = parse(readFileSync(file, 'utf8'), { columns: true });
const variant = option('variant', rows[0]?.variant);
const bucket = Number(option('bucket', 60));
const maxRows = Number(option('rows', 48));
const mine = rows.filter((r) => r.variant === variant);
const buckets = [];
for (const r of mine) {
  const b = Math.floor(Number(r.minute) / bucket);
  buckets[b] ??= { arrivals: 0, cold: 0, throttles: 0, peak: 0 };
  buckets[b].arrivals += Number(r.arrivals);
  buckets[b].cold += Number(r.coldStarts);
  buckets[b].throttles += Number(r.throttles);
  buckets[b].peak = Math.max(buckets[b].peak, Number(r.peakConcurrency));
}
const shown = buckets.slice(0, maxRows);
const top = Math.max(...shown.map((b) => b?.arrivals ?? 0));
const clock = (minute) => {
  const day = Math.floor(minute / 1440);
  const m = minute % 1440;
  const hhmm = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return day > 0 || buckets.length * bucket > 1440 ? `d${day} ${hhmm}` : hhmm;
};
console.log(`| from | arrivals/s | cold starts | throttles | peak concurrency | rate |`);
console.log(`|---|--:|--:|--:|--:|---|`);
shown.forEach((b, i) => {
  const v = b ?? { arrivals: 0, cold: 0, throttles: 0, peak: 0 };
  const bar = '█'.repeat(top > 0 ? Math.round((v.arrivals / top) * 30) : 0);
  console.log(`| ${clock(i * bucket)} | ${(v.arrivals / (bucket * 60)).toFixed(2)} | ${v.cold} | ${v.throttles} | ${v.peak} | ${bar} |`);
});
if (buckets.length > maxRows) console.log(`\n(${buckets.length - maxRows} more rows of ${bucket} minutes not shown)`);
