/**
 * The fragment is YAML built through the yaml library's Document: names, tenant ids, log groups, runtime
 * versions, statuses and file names from the logs can only ever be values or one-line comments, never
 * settings of their own. Replay a failure of the property with the seed it prints:
 *   FUZZ_SEED=<seed> npx vitest run test/calibrate/fragment-yaml.test.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { parseDocument } from 'yaml';
import { type FunctionCalibration, analyzeFunction, scenarioFragment } from '../../src/calibrate/index.js';
import { FunctionReports } from '../../src/calibrate/group.js';
import { EXIT_OK } from '../../src/cli/io.js';
import { calibrate, fragmentOf, removeTempDirs, tempDir } from './helpers.js';

afterAll(removeTempDirs);

const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
const RUNS = 400;

/** The fragment parsed: no errors or warnings, and its top-level value. */
function parsed(fragment: string): Record<string, unknown> {
  const doc = parseDocument(fragment);
  expect(doc.errors.map(String)).toEqual([]);
  expect(doc.warnings.map(String)).toEqual([]);
  return doc.toJS() as Record<string, unknown>;
}

/** Every line is blank, a comment, or part of the `functions:` block. */
function expectOnlyFunctionsLive(fragment: string): void {
  for (const line of fragment.split(/\r\n|\r|\n/)) {
    expect(line === '' || line.startsWith('#') || line === 'functions:' || line.startsWith('  '), JSON.stringify(line)).toBe(true);
  }
}

const metrics = { durationMs: 5, billedDurationMs: 5, memorySizeMB: 128, maxMemoryUsedMB: 5 };
const event = (extra: Record<string, unknown>) =>
  JSON.stringify({ time: '2025-11-20T10:00:00Z', type: 'platform.report', record: { requestId: 'r', metrics }, ...extra });

describe('names from the logs stay inside their values and comments', () => {
  test('a tenant id with a newline and YAML after it: the fragment has functions and nothing else', async () => {
    const dir = tempDir();
    const lines = [event({ tenantId: 'a\nfunctions: {evil: 1}' }), event({ tenantId: 'b\nplatform: { keepAlive: 1s }\nbilling: { freeTier: true }' })];
    writeFileSync(join(dir, 'tenants.jsonl'), `${lines.join('\n')}\n`);
    const r = await calibrate(['tenants.jsonl'], {}, dir);
    expect(r.code).toBe(EXIT_OK);
    const fragment = fragmentOf(r.stdout);
    expect(parsed(fragment)).toEqual({ functions: { fn: expect.objectContaining({ runtime: 'nodejs22.x' }) } });
    expect(fragment).not.toMatch(/^(functions: \{evil|platform:|billing:)/m);
    expectOnlyFunctionsLive(fragment);
  });

  test('a log group, a runtime version and a file name with YAML in them add no settings', async () => {
    const dir = tempDir();
    const group = '/aws/lambda/x\nplatform: { keepAlive: 1s }\nbilling: { freeTier: true }';
    const init = JSON.stringify({ type: 'platform.initStart', record: { functionName: 'y', runtimeVersion: 'x\n#: "\nbilling: { freeTier: true }' } });
    const rows = [JSON.stringify({ timestamp: 1763632800000, message: event({}), logGroupName: group }), init, event({})];
    const name = 'in\nplatform: { keepAlive: 1s }.jsonl';
    writeFileSync(join(dir, name), `${rows.join('\n')}\n`);
    const r = await calibrate([name], {}, dir);
    expect(r.code).toBe(EXIT_OK);
    const fragment = fragmentOf(r.stdout);
    const value = parsed(fragment);
    expect(Object.keys(value)).toEqual(['functions']);
    expect(Object.keys(value.functions as object)).toEqual(['x_platform____keepAlive__1s___billing____freeTier__true__', 'y']);
    expectOnlyFunctionsLive(fragment);
  });
});

/** Text made to break YAML: line breaks of every kind, indicators, quotes, controls, lone surrogates. */
const hostile = fc
  .array(
    fc.oneof(
      fc.constantFrom('\n', '\r', '\r\n', '\u0085', '\u2028', '\u2029', '#', ' #', ': ', ':', '"', "'", '\\', '{', '}', '[', ']', ',', '&a', '*a', '!x', '|', '>', '%', '@', '`', '- ', '? ', '---', '...', '\t', ' ', '\u0000', '\u001b[31m', '\u007f', '\u009b', '\ufeff', '\ud800', '\udfff'),
      fc.string({ unit: 'binary', maxLength: 6 }),
      fc.constantFrom('functions: {evil: 1}', 'platform: { keepAlive: 1s }', 'billing: { freeTier: true }', 'acme'),
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(''));

const aFunction = fc.record({
  name: hostile,
  tenants: fc.array(hostile, { maxLength: 3 }),
  runtimeVersion: fc.option(fc.oneof(hostile, hostile.map((s) => `nodejs:${s}.v1`)), { nil: undefined }),
  status: hostile,
  cold: fc.boolean(),
});

function calibrationOf(f: { name: string; tenants: string[]; runtimeVersion?: string; status: string; cold: boolean }, runtimeOption?: string): FunctionCalibration {
  const reports = new FunctionReports();
  const ids = f.tenants.length === 0 ? [undefined] : f.tenants;
  ids.forEach((tenantId, i) => {
    for (const durationMs of [3, 5, 8]) {
      reports.add({ durationMs, billedDurationMs: 8, memorySizeMb: 256, maxMemoryUsedMb: 40, status: f.status, tenantId, timeMs: 1_763_632_800_000 + i * 1000 + durationMs, initDurationMs: f.cold ? 100 + durationMs : undefined });
    }
  });
  if (f.runtimeVersion !== undefined) reports.addRuntime(f.runtimeVersion);
  return analyzeFunction(f.name, reports, runtimeOption);
}

describe('property', () => {
  test(`for ${RUNS} sets of arbitrary names, tenant ids, runtimes, statuses and files, the fragment parses to exactly its functions`, () => {
    fc.assert(
      fc.property(fc.array(aFunction, { minLength: 1, maxLength: 3 }), fc.option(hostile, { nil: undefined }), fc.array(hostile, { maxLength: 2 }), (specs, runtimeOption, files) => {
        const functions = specs.map((s) => calibrationOf(s, runtimeOption));
        const fragment = scenarioFragment(functions, { files });
        const value = parsed(fragment);
        expect(Object.keys(value)).toEqual(['functions']);
        const written = Object.entries(value.functions as Record<string, Record<string, unknown>>);
        expect(written).toHaveLength(functions.length);
        written.forEach(([key, settings], i) => {
          expect(key).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
          expect(settings.runtime).toBe(functions[i].runtime.id);
          expect(settings.memoryMb).toBe(256);
          expect(Object.keys(settings)).toEqual(functions[i].initDuration === null ? ['runtime', 'memoryMb', 'duration'] : ['runtime', 'memoryMb', 'duration', 'initDuration']);
        });
        expectOnlyFunctionsLive(fragment);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
