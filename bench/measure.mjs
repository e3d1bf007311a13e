#!/usr/bin/env node
// Times one variant of one scenario with the built simulator (full metrics on) and prints one JSON line:
// { invocations, events, ms, peakRssMb }. Used by bench/run.mjs, one process per measurement.
//   node bench/measure.mjs <scenario> <variant> [1]   1: in one thread (no arrival worker, see prefetch.ts)
import { readFileSync } from 'node:fs';
import { loadScenario, renderFiles, runResults, simulate, variantRun } from '../dist/index.js';

const [file, variantName, threads] = process.argv.slice(2);
const loaded = loadScenario(readFileSync(file, 'utf8'), file, { variants: [variantName] });
if (!loaded.ok) {
  console.error(loaded.errors);
  process.exit(2);
}
const v = loaded.scenario.variants[0];
const t0 = performance.now();
const record = simulate(v.config, v.name, { prefetch: threads === '1' ? false : 'large' });
const run = variantRun(v.config, record);
renderFiles(runResults([run]), [run]); // summaries and CSVs are part of the job
const ms = performance.now() - t0;
const invocations = record.functions.reduce((s, f) => s + f.invocations, 0);
console.log(JSON.stringify({ invocations, events: record.eventsProcessed, ms, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
