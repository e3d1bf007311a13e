/**
 * The YAML a calibration pastes into a scenario: a `functions:` section (runtime, memory, handler duration,
 * init duration, and a timeout when the logs show handlers longer than the default 3 s), followed by a comment
 * block with what was observed (cold-start share, rates, top tenants) and a commented-out `traffic:` section
 * at the observed rates. Distributions are written in the scenario format: `{ lognormal: { median, p99 } }`
 * when the lognormal fits, `{ empirical: { p0, p1, ..., p100 } }` otherwise, a plain duration when every value
 * was the same.
 *
 * The whole fragment is one yaml Document: values are set and comments attached through its API, and every
 * comment line is made one line by {@link escapeControl}, so nothing from the logs (a tenant id, a log group,
 * a runtime version, a file name) can become a setting.
 */
import { Document, type Node, stringify } from 'yaml';
import type { DurationSummary, FunctionCalibration } from './analyze.js';
import { formatCount, otherSizes, plural, formatPValue, formatRate, formatShare, formatSpan, formatTime, scenarioMs, scenarioRate } from './format.js';
import { NO_TENANT } from './group.js';
import { NAME_CHARS, escapeControl, excerpt } from './excerpt.js';

/** The first line of every fragment calibrate writes; `--out` replaces only a file that starts with it. */
export const FRAGMENT_MARKER = '# tenancy-sim calibrate fragment (format 1)';

/** Options of {@link scenarioFragment}. */
export interface FragmentOptions {
  /** Tenants listed per function in the comment block. Default: 20. */
  top?: number;
  /** Files the reports came from, named in the first comment. Default: none named. */
  files?: readonly string[];
}

/** Memory sizes a scenario accepts (MB). */
const MEMORY_MB = { min: 128, max: 10_240 } as const;
/** The scenario's default handler timeout (ms) and Lambda's largest (ms). */
const DEFAULT_TIMEOUT_MS = 3_000;
const MAX_TIMEOUT_MS = 900_000;

/** A comment's text (after `#`), on one line. */
const comment = (text: string) => ` ${escapeControl(text)}`;

/** ms as the fragment rounds them (what {@link scenarioMs} prints, read back). */
const rounded = (ms: number) => Number(scenarioMs(ms).slice(0, -2));

/**
 * A function name the scenario format accepts (1 to 64 of letters, digits, `_`, `-`): others become `_`.
 * @example scenarioFunctionName('my.fn') // 'my_fn'
 */
export function scenarioFunctionName(name: string): string {
  const clean = name.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
  return clean === '' ? 'fn' : clean;
}

/** The distribution value of a summary: a duration string or a one-key map, as the scenario format reads it. */
export function distributionValue(s: DurationSummary): string | Record<string, Record<string, string>> {
  if (s.form === 'constant') return scenarioMs(s.minMs);
  if (s.form === 'lognormal' && s.fit !== null) {
    const median = rounded(s.fit.medianMs);
    const p99 = rounded(s.fit.p99Ms);
    // Rounding can leave nothing to fit (a tiny sigma); the percentiles then say the same thing.
    if (median > 0 && p99 > median) return { lognormal: { median: scenarioMs(median), p99: scenarioMs(p99) } };
  }
  return { empirical: Object.fromEntries(s.percentilesMs.map(([p, ms]) => [`p${p}`, scenarioMs(ms)])) };
}

/** The comment beside a distribution: the verdict and the numbers behind it. */
function distributionComment(s: DurationSummary): string {
  if (s.fit === null) return s.verdict;
  const numbers = `KS D ${s.fit.ksD.toFixed(3)}, p ${formatPValue(s.fit.pValue)}, n ${formatCount(s.n)}`;
  if (s.form === 'lognormal') return `lognormal fits (${numbers})`;
  return `lognormal is a poor fit (${numbers}); it would be { lognormal: { median: ${scenarioMs(s.fit.medianMs)}, p99: ${scenarioMs(s.fit.p99Ms)} } }`;
}

function memoryOf(f: FunctionCalibration): { memoryMb: number; note: string } {
  const [mostMb] = f.memorySizesMb[0];
  const memoryMb = Math.min(MEMORY_MB.max, Math.max(MEMORY_MB.min, Math.round(mostMb)));
  const others = otherSizes(f.memorySizesMb, (mb, n) => `${mb} MB (${plural(n, 'report')})`);
  const parts = [`Memory Size in the logs; Max Memory Used p99 ${Number(f.maxMemoryUsedP99Mb.toFixed(1))} MB`];
  if (memoryMb !== mostMb) parts.push(`logged ${mostMb} MB is outside ${MEMORY_MB.min} to ${MEMORY_MB.max}`);
  if (others !== '') parts.push(`also logged: ${others}`);
  return { memoryMb, note: parts.join('; ') };
}

/** Adds one function's settings under `functions` in `doc`. */
function addFunction(doc: Document, key: string, f: FunctionCalibration): void {
  const { memoryMb, note } = memoryOf(f);
  const settings: Record<string, unknown> = { runtime: f.runtime.id, memoryMb };
  const longestMs = f.duration.maxMs;
  if (longestMs > DEFAULT_TIMEOUT_MS) settings.timeout = `${Math.min(MAX_TIMEOUT_MS, Math.ceil(longestMs / 1000) * 1000) / 1000}s`;
  doc.setIn(['functions', key], doc.createNode(settings));
  const map = doc.getIn(['functions', key]) as { get(k: string, keep: true): Node; set(k: string, v: unknown): void };
  const source = { logs: 'from the logs', option: 'from --runtime', default: 'a stand-in' }[f.runtime.source];
  map.get('runtime', true).comment = comment(`${source}${f.runtime.note ? `: ${excerpt(f.runtime.note, NAME_CHARS)}` : ''}`);
  map.get('memoryMb', true).comment = comment(note);
  if (settings.timeout !== undefined) map.get('timeout', true).comment = comment(`the longest logged duration was ${scenarioMs(f.duration.maxMs)}: set your configured timeout`);
  map.set('duration', doc.createNode(distributionValue(f.duration), { flow: true }));
  map.get('duration', true).comment = comment(distributionComment(f.duration));
  if (f.initDuration !== null) {
    map.set('initDuration', doc.createNode(distributionValue(f.initDuration), { flow: true }));
    map.get('initDuration', true).comment = comment(distributionComment(f.initDuration));
  } else {
    // no init in the logs: the scenario falls back to the runtime's default, a hello-world function's
    const runtime = map.get('runtime', true);
    runtime.comment = `${runtime.comment ?? ''}; ${escapeControl('no init durations in the logs: the scenario will use this runtime\'s hello-world init (lambda-perf), faster than a real function with dependencies; calibrate logs with cold starts or set initDuration')}`;
  }
}

/** Comment lines: what was observed per function and tenant. */
function observedLines(functions: readonly FunctionCalibration[], keys: readonly string[], top: number): string[] {
  const lines = ['Observed in the logs:'];
  functions.forEach((f, i) => {
    const t = f.timing;
    const when = t === null ? 'no timestamps' : `${formatTime(t.firstMs)} to ${formatTime(t.lastMs)} (${formatSpan(t.spanMs)})`;
    const rate = t?.ratePerSecond == null ? '' : `, ${formatRate(t.ratePerSecond)}`;
    lines.push(`  ${keys[i]}: ${plural(f.invocations, 'invocation')}, ${plural(f.coldStarts, 'cold start')} (${formatShare(f.coldStartShare)}), ${when}${rate}`);
    if (f.tenants.length === 0) return;
    const shown = f.tenants.slice(0, top);
    lines.push(`    tenants${f.tenants.length > shown.length ? ` (top ${shown.length} of ${formatCount(f.tenants.length)} by invocations)` : ''}:`);
    for (const tenant of shown) {
      const tRate = tenant.ratePerSecond === null ? '' : `, ${formatRate(tenant.ratePerSecond)}`;
      lines.push(`      ${excerpt(tenant.tenantId, NAME_CHARS)}: ${plural(tenant.invocations, 'invocation')} (${formatShare(tenant.share)}), ${plural(tenant.coldStarts, 'cold start')} (${formatShare(tenant.coldStartShare)})${tRate}`);
    }
    if (f.tenants.length > shown.length) lines.push(`      ... and ${plural(f.tenants.length - shown.length, 'more tenant')}`);
  });
  return lines;
}

/** Comment lines: the traffic (and tenant count) at the observed rates, as YAML to uncomment. */
function trafficLines(functions: readonly FunctionCalibration[], keys: readonly string[]): string[] {
  const traffic = functions.flatMap((f, i) => (f.timing?.ratePerSecond == null ? [] : [{ function: keys[i], poisson: { rate: scenarioRate(f.timing.ratePerSecond) } }]));
  if (traffic.length === 0) return ['', 'No timestamps in the logs, so no arrival rate: describe `traffic:` yourself.'];
  const tenantIds = new Set(functions.flatMap((f) => f.tenants.map((t) => t.tenantId)).filter((id) => id !== NO_TENANT));
  const doc = new Document(tenantIds.size > 0 ? { tenants: { count: tenantIds.size }, traffic } : { traffic });
  for (let i = 0; i < traffic.length; i++) (doc.getIn(['traffic', i, 'poisson']) as { flow: boolean }).flow = true;
  if (tenantIds.size > 0) (doc.getIn(['tenants']) as { flow: boolean }).flow = true;
  const intro = tenantIds.size > 0
    ? 'Poisson arrivals at the observed rates, over the tenants seen (the scenario draws them by its `popularity`, uniform unless set):'
    : 'Poisson arrivals at the observed rates:';
  return ['', intro, ...stringify(doc, { lineWidth: 0 }).trimEnd().split('\n')];
}

/**
 * The YAML fragment of `functions` (in order): a `functions:` section followed by comments; it validates
 * when pasted into a scenario that has `name` and `traffic`.
 */
export function scenarioFragment(functions: readonly FunctionCalibration[], options: FragmentOptions = {}): string {
  const top = options.top ?? 20;
  const doc = new Document({ functions: {} });
  const keys: string[] = [];
  for (const f of functions) {
    let key = scenarioFunctionName(f.name);
    for (let n = 2; keys.includes(key); n++) key = `${scenarioFunctionName(f.name).slice(0, 60)}-${n}`;
    keys.push(key);
    addFunction(doc, key, f);
  }
  const reports = functions.reduce((s, f) => s + f.invocations, 0);
  const from = options.files && options.files.length > 0 ? ` from ${options.files.map((f) => excerpt(f, NAME_CHARS)).join(', ')}` : '';
  const header = [FRAGMENT_MARKER.slice(2), `Fitted to ${formatCount(reports)} invocation reports${from}.`, 'Paste into a scenario; the comments after the functions say what was observed.'];
  doc.commentBefore = header.map(comment).join('\n');
  const renamed = functions.map((f, i) => [f.name, keys[i]]).filter(([a, b]) => a !== b);
  const notes = renamed.map(([a, b]) => `function \`${excerpt(a, NAME_CHARS)}\` is written as \`${b}\` (scenario names are letters, digits, _ and -)`);
  const lines = [...notes, ...observedLines(functions, keys, top), ...trafficLines(functions, keys)];
  // A comment line of one space is written as a bare `#`.
  doc.comment = lines.map((l) => (l === '' ? ' ' : comment(l))).join('\n');
  return doc.toString({ lineWidth: 0 });
}
