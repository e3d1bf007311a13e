/**
 * Limits on what a trace may name: the reading stops at the first row that brings the trace's distinct
 * tenants (or functions) past the limit the caller gives, located at that row, before the rest of the file is
 * read. (The scenario's real limits are tested through prepareScenario.)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadTrace, type TraceSpec } from '../../src/traces/index.js';
import { tempDir, traceError } from './helpers.js';

/** Ways to name a new tenant on every row, per format and tenant source, with the column it is in. */
const TENANT_CASES = [
  { spec: { format: 'csv', timeUnit: 'offset-s' }, header: 'timestamp,function,tenant', row: (i: number) => `${i},api,t${i}`, column: 10, what: 'column `tenant`' },
  { spec: { format: 'azure2021' }, header: 'app,func,end_timestamp,duration', row: (i: number) => `app${i},f,${i + 1},0.5`, column: 1, what: 'apps' },
  { spec: { format: 'azure2021', tenantFrom: 'function' }, header: 'app,func,end_timestamp,duration', row: (i: number) => `app,f${i},${i + 1},0.5`, column: 1, what: 'app,func pairs' },
  { spec: { format: 'azure2019' }, header: 'HashOwner,HashApp,HashFunction,Trigger,1,2', row: (i: number) => `o,a${i},f,http,1,2`, column: 3, what: 'HashApp' },
  { spec: { format: 'azure2019', tenantFrom: 'owner' }, header: 'HashOwner,HashApp,HashFunction,Trigger,1,2', row: (i: number) => `o${i},a${i},f,http,1,2`, column: 1, what: 'HashOwner' },
  { spec: { format: 'azure2019', tenantFrom: 'function' }, header: 'HashOwner,HashApp,HashFunction,Trigger,1,2', row: (i: number) => `o,a,f${i},http,1,2`, column: 5, what: 'HashApp,HashFunction pairs' },
] as const;

/** Writes `rows` rows of `row` after `header`, then a broken line (never reached when the reading stops). */
function trace(header: string, row: (i: number) => string, rows: number): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'many.csv'), `${header}\n${Array.from({ length: rows }, (_, i) => row(i)).join('\n')}\nbroken\n`);
  return dir;
}

describe('a trace naming more tenants than allowed', () => {
  test.each(TENANT_CASES)('$spec.format ($what): stops at the row of the 1,001st of 100,000 tenants, in the first chunk', async (c) => {
    const dir = trace(c.header, c.row, 100_000);
    let chunks = 0;
    const err = await traceError(loadTrace({ ...c.spec, file: 'many.csv' } as TraceSpec, dir, { maxTenants: 1000, onProgress: () => void chunks++ }));
    expect(err.problems).toEqual([
      { file: 'many.csv', line: 1002, column: c.column, message: `this row brings the trace's distinct tenants (${c.what}) to 1,001, more than the 1,000 a scenario can hold; reading stopped here` },
    ]);
    expect(err.more).toBe(0);
    expect(chunks).toBe(0); // stopped inside the first 1 MiB chunk of a file of about 2 MB
  });

  test('exactly the limit is accepted', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ok.csv'), `app,func,end_timestamp,duration\n${Array.from({ length: 1000 }, (_, i) => `app${i},f,${i + 1},0.5`).join('\n')}\n`);
    const t = await loadTrace({ format: 'azure2021', file: 'ok.csv' }, dir, { maxTenants: 1000, maxFunctions: 1000 });
    expect([t.tenants.length, t.functions.length]).toEqual([1000, 1000]);
    const over = await traceError(loadTrace({ format: 'azure2021', file: 'ok.csv' }, dir, { maxTenants: 999 }));
    expect(over.problems.map((p) => p.line)).toEqual([1001]);
  });
});

describe('a trace naming more functions than allowed', () => {
  test.each([
    { spec: { format: 'csv', timeUnit: 'offset-s' }, header: 'timestamp,function', row: (i: number) => `${i},fn${i}`, column: 5, what: 'column `function`' },
    { spec: { format: 'azure2021' }, header: 'app,func,end_timestamp,duration', row: (i: number) => `app,f${i},${i + 1},0.5`, column: 1, what: 'app,func pairs' },
    { spec: { format: 'azure2019' }, header: 'HashOwner,HashApp,HashFunction,Trigger,1,2', row: (i: number) => `o,a,f${i},http,1,2`, column: 5, what: 'HashApp,HashFunction pairs' },
  ] as const)('$spec.format: stops at the row of the 101st function', async (c) => {
    const dir = trace(c.header, c.row, 100_000);
    const err = await traceError(loadTrace({ ...c.spec, file: 'many.csv' } as TraceSpec, dir, { maxFunctions: 100 }));
    expect(err.problems).toEqual([
      { file: 'many.csv', line: 102, column: c.column, message: `this row brings the trace's distinct functions (${c.what}) to 101, more than the 100 a scenario can hold; reading stopped here` },
    ]);
  });
});
