/**
 * Lambda's text log lines: `REPORT RequestId: ... Duration: 12.34 ms ...` after every invocation and
 * `INIT_START Runtime Version: nodejs:22.v48 ...` before every init. Fields are tab-separated as Lambda writes
 * them; exports that turned the tabs into spaces are read too.
 */
import { excerpt } from './excerpt.js';
import type { InvocationReport } from './types.js';

/** The text that starts a report. */
export const REPORT_MARKER = 'REPORT RequestId:';
/** The text that starts an init line. */
export const INIT_START_MARKER = 'INIT_START';

type NumericField = 'Duration' | 'Billed Duration' | 'Memory Size' | 'Max Memory Used' | 'Init Duration';

/** Unit each numeric field must carry. */
const UNIT: Readonly<Record<NumericField, 'ms' | 'MB'>> = {
  Duration: 'ms',
  'Billed Duration': 'ms',
  'Memory Size': 'MB',
  'Max Memory Used': 'MB',
  'Init Duration': 'ms',
};

const REQUIRED: readonly NumericField[] = ['Duration', 'Billed Duration', 'Memory Size', 'Max Memory Used'];

// Longer names first, so `Billed Duration` is never read as `Duration`; restore fields (SnapStart) are matched
// only to be skipped.
const FIELD_RE =
  /(?<=^|\s)(Billed Restore Duration|Restore Duration|Billed Duration|Init Duration|Max Memory Used|Memory Size|Duration):[ \t]*(\S*)(?: ([A-Za-z]{1,3})\b)?/g;
const STATUS_RE = /(?<=^|\s)Status:[ \t]*(\S+)/;
const NUMBER_RE = /^\d+(?:\.\d+)?$/;
const RUNTIME_RE = /Runtime Version:[ \t]*(\S+)/;

/**
 * The report in `message` (text from `REPORT RequestId:` on), or why it cannot be read. Every one of
 * Duration, Billed Duration, Memory Size and Max Memory Used is required with its unit; Init Duration marks a
 * cold start.
 * @example parseReportLine('REPORT RequestId: r1\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 18 MB')
 * // { durationMs: 12.34, billedDurationMs: 13, memorySizeMb: 128, maxMemoryUsedMb: 18, status: 'success' }
 */
export function parseReportLine(message: string): InvocationReport | { error: string } {
  const values = new Map<NumericField, number>();
  for (const m of message.matchAll(FIELD_RE)) {
    const name = m[1] as NumericField | 'Restore Duration' | 'Billed Restore Duration';
    if (name === 'Restore Duration' || name === 'Billed Restore Duration' || values.has(name)) continue;
    const [, , text, unit] = m;
    if (!NUMBER_RE.test(text)) return { error: `\`${name}\` is ${text === '' ? 'empty' : `\`${excerpt(text)}\`, not a number`}` };
    if (unit !== UNIT[name]) return { error: `\`${name}: ${excerpt(text)}\` has ${unit ? `unit ${unit}` : 'no unit'}, expected ${UNIT[name]}` };
    const value = Number(text);
    if (!Number.isFinite(value)) return { error: `\`${name}\` is \`${excerpt(text)}\`, too large a number` };
    values.set(name, value);
  }
  const missing = REQUIRED.filter((f) => !values.has(f));
  if (missing.length > 0) return { error: `REPORT line without ${missing.map((f) => `\`${f}\``).join(', ')}` };
  if (!(values.get('Memory Size')! > 0)) return { error: '`Memory Size` must be above 0 MB' };
  const report: InvocationReport = {
    durationMs: values.get('Duration')!,
    billedDurationMs: values.get('Billed Duration')!,
    memorySizeMb: values.get('Memory Size')!,
    maxMemoryUsedMb: values.get('Max Memory Used')!,
    status: STATUS_RE.exec(message)?.[1] ?? 'success',
  };
  if (values.has('Init Duration')) report.initDurationMs = values.get('Init Duration');
  return report;
}

/**
 * The runtime version of an `INIT_START` line (`nodejs:22.v48`), or undefined when it names none.
 * @example parseInitStartLine('INIT_START Runtime Version: python:3.13.v16\tRuntime Version ARN: arn:...') // 'python:3.13.v16'
 */
export function parseInitStartLine(message: string): string | undefined {
  return RUNTIME_RE.exec(message)?.[1];
}
