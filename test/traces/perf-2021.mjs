#!/usr/bin/env node
// Load-time check for the Azure 2021 parser on a trace the size of the real one (not part of `npm test`):
// writes a synthetic 2,000,000-row file in the 2021 layout (424 functions of 119 apps, Zipf-like skew,
// unsorted end times over 14 days) to /tmp once, then times loadTrace (wall and CPU: the machine may be shared)
// and reports the peak RSS.
//   npm run build && node test/traces/perf-2021.mjs [rows]
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTrace } from '../../dist/traces/index.js';

const rows = Number(process.argv[2] ?? 2_000_000);
const file = join(tmpdir(), `azure2021-synthetic-${rows}.csv`);

/** Writes the synthetic file: rows in log order (by end time, jittered), so starts are not sorted. */
async function generate() {
  const hash = (s) => createHash('sha256').update(s).digest('hex');
  const apps = Array.from({ length: 119 }, (_, i) => hash(`app${i}`));
  const fns = Array.from({ length: 424 }, (_, i) => `${apps[i % apps.length]},${hash(`fn${i}`)}`);
  let x = 1;
  const rnd = () => (x = (x * 48271) % 2147483647) / 2147483647;
  const out = createWriteStream(file);
  out.write('app,func,end_timestamp,duration\n');
  let buf = '';
  for (let i = 0; i < rows; i++) {
    const f = fns[Math.floor(rnd() ** 3 * fns.length)];
    const end = (i / rows) * 1_209_600 + rnd() * 50;
    const duration = Math.min(Math.round(rnd() * rnd() * 10_000) / 1000, end);
    buf += `${f},${end},${duration}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

if (!existsSync(file)) await generate();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const trace = await loadTrace({ format: 'azure2021', file }, '/');
const loadMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
let n = 0;
const c = trace.cursor(() => 0);
while (c.next()) n++;
console.log(
  `${file}: ${trace.arrivals} arrivals (${n} replayed), ${trace.functions.length} functions, ${trace.tenants.length} tenants; ` +
    `load ${(loadMs / 1000).toFixed(2)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s), peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
);
