/**
 * Stopping a load: an aborted signal stops the reading before the next chunk, and loadTrace rejects with
 * TraceInterrupted (not a TraceError: nothing is wrong with the file).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadTrace, TraceInterrupted, type TraceSpec } from '../../src/traces/index.js';
import { tempDir } from './helpers.js';

const FORMATS = [
  { spec: { format: 'csv', timeUnit: 'offset-s' }, header: 'timestamp,function,tenant,duration', row: (i: number) => `${i},api,t${i % 50},5` },
  { spec: { format: 'azure2021' }, header: 'app,func,end_timestamp,duration', row: (i: number) => `app${i % 50},f${i % 7},${i + 1},0.5` },
  { spec: { format: 'azure2019' }, header: 'HashOwner,HashApp,HashFunction,Trigger,1,2,3', row: (i: number) => `o${i % 9},a${i % 50},f${i},http,1,0,2` },
] as const;

/** Writes a trace of about 8 MB (8 chunks) in `format`; returns its folder. */
function bigTrace(f: (typeof FORMATS)[number]): string {
  const dir = tempDir();
  const lines: string[] = [f.header];
  for (let i = 0, size = 0; size < 8 << 20; i++) size += lines[lines.push(f.row(i)) - 1].length + 1;
  writeFileSync(join(dir, 'big.csv'), `${lines.join('\n')}\n`);
  return dir;
}

/** What `load` settles with: its value, or the error it rejects with. */
async function settled(load: Promise<unknown>): Promise<unknown> {
  return load.then(
    (value) => value,
    (err: unknown) => err,
  );
}

describe('an aborted load stops between chunks', () => {
  test.each(FORMATS)('$spec.format: aborted after the first chunk of an 8 MB trace, it rejects without reading on', async (f) => {
    const dir = bigTrace(f);
    const stop = new AbortController();
    const chunks: number[] = [];
    const outcome = await settled(
      loadTrace({ ...f.spec, file: 'big.csv' } as TraceSpec, dir, {
        signal: stop.signal,
        onProgress: (file, bytesRead, bytes) => {
          expect([file, bytes]).toEqual(['big.csv', expect.any(Number)]);
          chunks.push(bytesRead);
          stop.abort();
        },
      }),
    );
    expect(outcome).toBeInstanceOf(TraceInterrupted);
    expect(chunks).toEqual([1 << 20]);
  });

  test('a signal aborted before the load starts reads nothing', async () => {
    const dir = bigTrace(FORMATS[1]);
    let chunks = 0;
    const outcome = await settled(loadTrace({ format: 'azure2021', file: 'big.csv' }, dir, { signal: AbortSignal.abort(), onProgress: () => void chunks++ }));
    expect(outcome).toBeInstanceOf(TraceInterrupted);
    expect(chunks).toBe(0);
  });

  test('without an abort, progress is told after every chunk, up to the whole size', async () => {
    const dir = bigTrace(FORMATS[1]);
    const seen: [number, number][] = [];
    const trace = await loadTrace({ format: 'azure2021', file: 'big.csv' }, dir, { onProgress: (_file, read, bytes) => void seen.push([read, bytes]) });
    expect(trace.arrivals).toBeGreaterThan(100_000);
    expect(seen.length).toBeGreaterThanOrEqual(8);
    expect(seen[seen.length - 1][0]).toBe(seen[0][1]);
  });
});
