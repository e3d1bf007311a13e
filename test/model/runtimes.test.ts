// Default init durations from the lambda-perf table (data/lambda-perf-init-2025-11.csv).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSampler } from '../../src/engine/distributions.js';
import { normalQuantile } from '../../src/engine/normal.js';
import { RUNTIME_INIT_ROWS } from '../../src/model/runtime-init-table.js';
import { defaultInitDuration, knownRuntimes, resolveRuntimeAlias } from '../../src/model/runtimes.js';

/** Rows of the committed CSV, keyed `runtime|package|arch|memory`. */
function csvRows(): Map<string, { median: number; p90: number }> {
  const text = readFileSync(new URL('../../data/lambda-perf-init-2025-11.csv', import.meta.url), 'utf8');
  const rows = new Map<string, { median: number; p90: number }>();
  for (const line of text.trim().split('\n').slice(1)) {
    const f = line.split(',');
    rows.set(f.slice(0, 4).join('|'), { median: Number(f[7]), p90: Number(f[8]) });
  }
  return rows;
}

/** Median and p90 (ms) a spec describes. */
function quantiles(spec: ReturnType<typeof defaultInitDuration>): { median: number; p90: number } {
  if (spec?.type === 'constant') return { median: spec.value, p90: spec.value };
  if (spec?.type !== 'lognormal') throw new Error(`unexpected spec ${JSON.stringify(spec)}`);
  return { median: Math.exp(spec.mu), p90: Math.exp(spec.mu + spec.sigma * normalQuantile(0.9)) };
}

describe('defaultInitDuration', () => {
  it('python3.13 zip x86_64 at 128 MB has the CSV median (102.0 ms) and p90 (129.1 ms)', () => {
    const csv = csvRows().get('python3.13|zip|x86_64|128');
    expect(csv).toEqual({ median: 102, p90: 129.1 });
    const q = quantiles(defaultInitDuration('python3.13', 'x86_64', 'zip', 128));
    expect(q.median).toBeCloseTo(102, 9);
    expect(q.p90).toBeCloseTo(129.1, 9);
  });

  it('the generated table holds every CSV row, unchanged', () => {
    const csv = csvRows();
    expect(RUNTIME_INIT_ROWS).toHaveLength(csv.size);
    for (const [rt, pkg, arch, mem, , , median, p90] of RUNTIME_INIT_ROWS) {
      expect(csv.get(`${rt}|${pkg}|${arch}|${mem}`)).toEqual({ median, p90 });
    }
  });

  it('accepts the aliases go and rust', () => {
    expect(resolveRuntimeAlias('go')).toBe('go (prov.al2023)');
    expect(defaultInitDuration('go', 'x86_64', 'zip', 512)).toEqual(defaultInitDuration('go (prov.al2023)', 'x86_64', 'zip', 512));
    expect(defaultInitDuration('rust', 'arm64', 'image', 128)).toEqual(defaultInitDuration('rust (prov.al2023)', 'arm64', 'image', 128));
    expect(quantiles(defaultInitDuration('rust', 'x86_64', 'zip', 128)).median).toBeCloseTo(15.5, 9);
  });

  it('uses the nearest measured memory; ties go to the smaller; above 1,024 MB uses 1,024', () => {
    const median = (mb: number) => quantiles(defaultInitDuration('python3.13', 'arm64', 'zip', mb)).median;
    // python3.13 zip arm64 medians: 128 -> 86.1, 256 -> 83.9, 512 -> 89.7, 1024 -> 90.3
    expect(median(100)).toBeCloseTo(86.1, 9);
    expect(median(191)).toBeCloseTo(86.1, 9);
    expect(median(192)).toBeCloseTo(86.1, 9); // tie 128 / 256
    expect(median(193)).toBeCloseTo(83.9, 9);
    expect(median(384)).toBeCloseTo(83.9, 9); // tie 256 / 512
    expect(median(768)).toBeCloseTo(89.7, 9); // tie 512 / 1024
    expect(median(769)).toBeCloseTo(90.3, 9);
    expect(median(10_240)).toBeCloseTo(90.3, 9);
  });

  it('returns undefined for unknown runtimes and unmeasured combinations', () => {
    expect(defaultInitDuration('cobol', 'x86_64', 'zip', 128)).toBeUndefined();
    expect(defaultInitDuration('Python3.13', 'x86_64', 'zip', 128)).toBeUndefined();
    expect(defaultInitDuration('quarkus (prov.al2)', 'arm64', 'zip', 128)).toBeUndefined();
  });

  it('rejects a memory size that is not a positive number', () => {
    expect(() => defaultInitDuration('python3.13', 'x86_64', 'zip', Number.NaN)).toThrow(RangeError);
    expect(() => defaultInitDuration('python3.13', 'x86_64', 'zip', 0)).toThrow(RangeError);
  });

  it('gives a valid distribution with the row median for every table entry', () => {
    for (const [rt, pkg, arch, mem, , , median] of RUNTIME_INIT_ROWS) {
      const spec = defaultInitDuration(rt, arch, pkg, mem);
      expect(spec, `${rt} ${pkg} ${arch} ${mem}`).toBeDefined();
      expect(() => createSampler(spec!)).not.toThrow();
      expect(quantiles(spec).median).toBeCloseTo(median, 9);
    }
  });
});

describe('knownRuntimes', () => {
  it('lists the display names and the aliases, sorted and unique', () => {
    const names = knownRuntimes();
    expect(names).toEqual([...new Set(names)].sort());
    for (const n of ['python3.13', 'nodejs22.x', 'java21', 'go (prov.al2023)', 'go', 'rust']) expect(names).toContain(n);
    expect(names).toHaveLength(40 + 2);
  });
});
