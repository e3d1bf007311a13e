/**
 * Reading one line: REPORT lines, INIT_START lines, JSON platform events (tenant at the top level or in the
 * record), export wrappers (timestamp columns, JSON rows, CSV records), and the reasons malformed lines get.
 */
import { describe, expect, test } from 'vitest';
import { classifyMessage, functionOfLogGroup, parseReportLine, runtimeIdOf } from '../../src/calibrate/index.js';
import { CsvRecordAssembler, csvHeader, parseCsvRecord } from '../../src/calibrate/csv.js';
import { parseTimestamp } from '../../src/calibrate/timestamps.js';

const REPORT =
  'REPORT RequestId: 3604209a-e9a3-11e6-939a-754dd98c7be3\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 18 MB\tInit Duration: 183.23 ms';

describe('REPORT lines', () => {
  test('read every field; Init Duration marks a cold start', () => {
    expect(parseReportLine(REPORT)).toEqual({
      durationMs: 12.34,
      billedDurationMs: 13,
      memorySizeMb: 128,
      maxMemoryUsedMb: 18,
      initDurationMs: 183.23,
      status: 'success',
    });
    const warm = parseReportLine(REPORT.replace('\tInit Duration: 183.23 ms', '\t'));
    expect(warm).not.toHaveProperty('initDurationMs');
  });

  test('Status, spaces instead of tabs, and SnapStart restore fields', () => {
    const line = 'REPORT RequestId: r1 Duration: 3000.00 ms Billed Duration: 3000 ms Memory Size: 256 MB Max Memory Used: 42 MB Restore Duration: 300.12 ms Billed Restore Duration: 120 ms Status: timeout';
    expect(parseReportLine(line)).toEqual({ durationMs: 3000, billedDurationMs: 3000, memorySizeMb: 256, maxMemoryUsedMb: 42, status: 'timeout' });
  });

  test.each([
    ['REPORT RequestId: r\tDuration: abc ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 1 MB', '`Duration` is `abc`, not a number'],
    ['REPORT RequestId: r\tDuration: 12.3 ms\tBilled Duration: 13 ms', 'REPORT line without `Memory Size`, `Max Memory Used`'],
    ['REPORT RequestId: r\tDuration: 12 s\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 1 MB', '`Duration: 12` has unit s, expected ms'],
    ['REPORT RequestId: r\tDuration: 12\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 1 MB', '`Duration: 12` has no unit, expected ms'],
    ['REPORT RequestId: r\tDuration: 1 ms\tBilled Duration: 1 ms\tMemory Size: 0 MB\tMax Memory Used: 1 MB', '`Memory Size` must be above 0 MB'],
    [`REPORT RequestId: r\tDuration: ${'9'.repeat(400)} ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 1 MB`, `\`Duration\` is \`${'9'.repeat(60)}...\`, too large a number`],
  ])('%s is malformed', (line, error) => {
    expect(parseReportLine(line)).toEqual({ error });
  });
});

describe('classifyMessage', () => {
  test('a plain REPORT line has no time', () => {
    const e = classifyMessage(REPORT);
    expect(e.kind).toBe('report');
    expect(e.kind === 'report' && e.report.timeMs).toBeUndefined();
  });

  test.each([
    ['console / S3 export: timestamp<TAB>message', `2025-11-20T10:00:00.123Z\t${REPORT}`, Date.UTC(2025, 10, 20, 10, 0, 0, 123)],
    ['aws logs tail: timestamp, stream, message', `2025-11-20T10:00:00.123000+00:00 2025/11/20/[$LATEST]0a1b ${REPORT}`, Date.UTC(2025, 10, 20, 10, 0, 0, 123)],
    ['Logs Insights time', `2025-11-20 10:00:00.5 ${REPORT}`, Date.UTC(2025, 10, 20, 10, 0, 0, 500)],
    ['Unix ms', `1763632800123 ${REPORT}`, 1763632800123],
  ])('%s', (_, line, timeMs) => {
    const e = classifyMessage(line);
    expect(e.kind === 'report' && e.report.timeMs).toBe(timeMs);
  });

  test('a JSON export row: message, timestamp, log group and stream', () => {
    const row = { logStreamName: 's1', timestamp: 1763632800000, message: `${REPORT}\n`, logGroupName: '/aws/lambda/payments' };
    const e = classifyMessage(JSON.stringify(row));
    expect(e).toMatchObject({ kind: 'report', report: { durationMs: 12.34, timeMs: 1763632800000 }, context: { logGroup: '/aws/lambda/payments', logStream: 's1' } });
  });

  test('a Logs Insights row as JSON: @message, @timestamp, @log', () => {
    const row = { '@timestamp': '2025-11-20 10:00:00.000', '@message': REPORT, '@log': '123456789012:/aws/lambda/orders' };
    expect(classifyMessage(JSON.stringify(row))).toMatchObject({ kind: 'report', report: { timeMs: Date.UTC(2025, 10, 20, 10) }, context: { logGroup: '123456789012:/aws/lambda/orders' } });
  });

  test('platform.report with the tenant at the top level or in the record; its own time wins', () => {
    const metrics = { durationMs: 12.3, billedDurationMs: 13, memorySizeMB: 128, maxMemoryUsedMB: 18, initDurationMs: 183.2 };
    const top = { time: '2025-11-20T10:00:00.000Z', type: 'platform.report', record: { requestId: 'r', metrics, status: 'success' }, tenantId: 'acme' };
    const inRecord = { ...top, tenantId: undefined, record: { ...top.record, tenantId: 'globex' } };
    expect(classifyMessage(JSON.stringify(top))).toMatchObject({ kind: 'report', report: { tenantId: 'acme', initDurationMs: 183.2, timeMs: Date.UTC(2025, 10, 20, 10) } });
    expect(classifyMessage(`2025-11-20T11:00:00Z ${JSON.stringify(inRecord)}`)).toMatchObject({ kind: 'report', report: { tenantId: 'globex', timeMs: Date.UTC(2025, 10, 20, 10) } });
  });

  test('init lines and events give the runtime and function name; other platform events are named', () => {
    const initStart = { time: 't', type: 'platform.initStart', record: { initializationType: 'on-demand', phase: 'init', functionName: 'my-fn', functionVersion: '$LATEST', runtimeVersion: 'nodejs:22.v48' } };
    expect(classifyMessage(JSON.stringify(initStart))).toMatchObject({ kind: 'initStart', functionName: 'my-fn', runtimeVersion: 'nodejs:22.v48' });
    expect(classifyMessage('INIT_START Runtime Version: python:3.13.v16\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:ab')).toMatchObject({ kind: 'initStart', runtimeVersion: 'python:3.13.v16' });
    expect(classifyMessage('{"time":"t","type":"platform.start","record":{"requestId":"r"}}')).toEqual({ kind: 'platform', eventType: 'platform.start' });
  });

  test.each([
    ['START RequestId: r Version: $LATEST'],
    ['END RequestId: r'],
    ['2025-11-20T10:00:00.100Z\tr\tINFO\tcreated order {"id": 1}'],
    ['{"timestamp":"2025-11-20T10:00:00Z","level":"INFO","message":"hello","requestId":"r"}'],
    ['{'],
  ])('%s is other', (line) => {
    expect(classifyMessage(line)).toEqual({ kind: 'other' });
  });

  test('malformed JSON events and pretty-printed exports say why', () => {
    expect(classifyMessage('{"type":"platform.report","record":{"metr')).toMatchObject({ kind: 'malformed', reason: expect.stringMatching(/^invalid JSON: /) });
    expect(classifyMessage('{"type":"platform.report","time":"t"}')).toEqual({ kind: 'malformed', reason: 'platform.report without a `record` object' });
    expect(classifyMessage('{"type":"platform.report","record":{"tenantId":7,"metrics":{"durationMs":1,"billedDurationMs":1,"memorySizeMB":128,"maxMemoryUsedMB":1}}}')).toEqual({
      kind: 'malformed',
      reason: 'tenantId must be a non-empty string, got 7',
    });
    expect(classifyMessage(`            "message": "${REPORT.replaceAll('\t', '\\t')}\\n",`)).toMatchObject({ kind: 'malformed', reason: expect.stringContaining("jq -c '.events[]'") });
  });

  test('blank lines are blank', () => {
    expect(classifyMessage(' \t')).toEqual({ kind: 'blank' });
  });
});

describe('CSV records', () => {
  test('quoted fields with commas, doubled quotes and line ends', () => {
    expect(parseCsvRecord('a,"b ""c"", d",e')).toEqual(['a', 'b "c", d', 'e']);
    expect(parseCsvRecord('a,"open')).toBeNull();
    const asm = new CsvRecordAssembler();
    expect(asm.push('t,"REPORT x', 2)).toBeNull();
    expect(asm.push('",stream', 3)).toEqual({ text: 't,"REPORT x\n",stream', line: 2 });
    expect(asm.push('t,plain,s', 4)).toEqual({ text: 't,plain,s', line: 4 });
  });

  test('a Logs Insights header is recognized, other first lines are not', () => {
    expect(csvHeader('@timestamp,@message,@logStream,@log')).toEqual({ message: 1, timestamp: 0, logStream: 2, logGroup: 3, count: 4 });
    expect(csvHeader(REPORT)).toBeNull();
    expect(csvHeader('hello, world')).toBeNull();
  });
});

describe('names and times', () => {
  test.each([
    ['nodejs:22.v48', 'nodejs22.x'],
    ['python:3.13.v16', 'python3.13'],
    ['java:21.v31', 'java21'],
    ['java:8.al2.v12', 'java8.al2'],
    ['dotnet:8.v40', 'dotnet8'],
    ['provided:al2023.v90', 'provided.al2023'],
    ['something else', undefined],
  ])('runtime version %s is %s', (version, id) => {
    expect(runtimeIdOf(version)).toBe(id);
  });

  test.each([
    ['/aws/lambda/orders', 'orders'],
    ['123456789012:/aws/lambda/orders', 'orders'],
    ['/custom/group/api', 'api'],
    ['/', undefined],
  ])('log group %s is function %s', (group, name) => {
    expect(functionOfLogGroup(group)).toBe(name);
  });

  test('timestamps', () => {
    expect(parseTimestamp('2025-11-20T10:00:00Z')).toBe(Date.UTC(2025, 10, 20, 10));
    expect(parseTimestamp('2025-11-20T12:00:00.250+0200')).toBe(Date.UTC(2025, 10, 20, 10, 0, 0, 250));
    expect(parseTimestamp('yesterday')).toBeUndefined();
  });
});
