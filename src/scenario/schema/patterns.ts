/**
 * The arrival patterns beyond the core three: Artillery-style `phases`, a `diurnal` cycle, on/off `bursts`,
 * and `trace` replay. Values are converted to the model's units (ms, events per ms).
 */
import { z } from 'zod';
import type { PhaseConfig } from '../../model/config.js';
import type { TraceSpec } from '../../traces/types.js';
import { describeValue } from '../errors.js';
import { bool, clock, duration, int, num, oneOf, perSecond, rate, seconds, text } from './fields.js';

/** One Artillery phase: `duration` with `arrivalRate` (and optional `rampTo`) or `arrivalCount`, or a `pause`. */
const Phase = z
  .strictObject({
    name: text().optional().describe('A label, as in Artillery.'),
    duration: seconds({ minInclusive: false }).optional().describe('Length of the phase: seconds (Artillery) or a duration such as 5m.'),
    arrivalRate: perSecond().optional().describe('Arrivals per second at the start of the phase (a number, as in Artillery, or a rate such as 300/min).'),
    rampTo: perSecond().optional().describe('Rate reached at the end of the phase, ramping linearly from arrivalRate.'),
    arrivalCount: int(0).optional().describe('Arrivals spread evenly over the phase.'),
    pause: seconds({ minInclusive: false }).optional().describe('A phase without arrivals, this long.'),
  })
  .check((payload) => {
    const v = payload.value;
    const has = (k: keyof typeof v) => v[k] !== undefined;
    const fail = (message: string): void => void payload.issues.push({ code: 'custom', input: v, message });
    if (has('pause')) {
      const extra = (['duration', 'arrivalRate', 'rampTo', 'arrivalCount'] as const).filter(has);
      if (extra.length) fail(`a pause phase has only pause (and name), got also ${extra.join(', ')}`);
      return;
    }
    if (!has('duration')) return fail('expected a phase with duration (and arrivalRate or arrivalCount), or a pause');
    if (has('arrivalRate') === has('arrivalCount')) return fail('expected exactly one of arrivalRate and arrivalCount in a phase');
    if (has('rampTo') && !has('arrivalRate')) fail('rampTo goes with arrivalRate, not arrivalCount');
  })
  .transform((v): PhaseConfig => {
    const name = v.name ?? null;
    if (v.pause !== undefined) return { name, durationMs: v.pause, fromPerMs: 0, toPerMs: 0 };
    const durationMs = v.duration ?? 0;
    if (v.arrivalCount !== undefined) {
      const r = v.arrivalCount / durationMs;
      return { name, durationMs, fromPerMs: r, toPerMs: r };
    }
    const from = v.arrivalRate ?? 0;
    return { name, durationMs, fromPerMs: from, toPerMs: v.rampTo ?? from };
  });

/** `phases`: Artillery's load phases, run in series from the entry's start. */
export const PhasesSchema = z
  .array(Phase, { error: (iss) => `expected a list of phases, got ${describeValue(iss.input)}` })
  .min(1, { error: 'expected at least one phase' })
  .describe("Artillery-style load phases in series (duration, arrivalRate, rampTo, arrivalCount, pause, name).");

/** `diurnal`: a daily cycle. */
export const DiurnalSchema = z
  .strictObject({
    peakRate: rate().describe('Rate at the peak hour, e.g. 80/s.'),
    troughRate: rate({ allowZero: true }).describe('Rate twelve hours from the peak, e.g. 5/s (0/s allowed).'),
    peakHour: clock().describe('Hour of the peak: a number of hours (14) or a time ("14:30"); time 0 is Monday 00:00.'),
    weekendFactor: num(0).optional().describe('Rate multiplier on Saturday and Sunday. Default: 1.'),
  })
  .describe('A daily cycle: a cosine from troughRate to peakRate at peakHour and back, as a non-homogeneous Poisson process.');

/** `bursts`: on/off traffic. */
export const BurstsSchema = z
  .strictObject({
    baseRate: rate({ allowZero: true }).describe('Rate between bursts, e.g. 2/s (0/s allowed).'),
    burstRate: rate().describe('Rate during a burst, e.g. 200/s.'),
    meanTimeBetween: duration({ minInclusive: false }).describe('Mean time from the end of a burst to the start of the next (exponential).'),
    meanLength: duration({ minInclusive: false }).describe('Mean length of a burst (exponential).'),
  })
  .describe('On/off traffic: a two-state Markov-modulated Poisson process.');

const Window = z
  .strictObject({
    fromMinute: int(0, 100_000).describe("First minute replayed, by the trace header's minute numbers."),
    toMinute: int(1, 100_000).describe('Minute after the last one replayed.'),
  })
  .refine((w) => w.toMinute > w.fromMinute, { error: 'expected toMinute after fromMinute' });

/** `trace`: replay a trace file. */
export const TraceSchema = z
  .strictObject({
    format: oneOf(['csv', 'azure2019', 'azure2021']).describe('csv (generic), azure2019 (per-minute counts) or azure2021 (one row per invocation).'),
    file: text().describe("The trace file, relative to the scenario's folder; for azure2019 the invocation counts."),
    durationsFile: text().optional().describe('azure2019: the duration percentiles file. Default: none (durations from the function).'),
    memoryFile: text().optional().describe('azure2019: the memory percentiles file. Default: none.'),
    tenantFrom: oneOf(['app', 'owner', 'function']).optional().describe('Azure formats: which hash is the tenant (owner: azure2019 only). Default: app.'),
    spread: oneOf(['uniform', 'poisson']).optional().describe("azure2019: how a minute's count is placed in it. Default: uniform."),
    window: Window.optional().describe('azure2019: the minutes to replay; time 0 is the start of fromMinute.'),
    columns: z
      .strictObject({ time: text().optional(), function: text().optional(), tenant: text().optional(), duration: text().optional() })
      .optional()
      .describe('csv: column names. Defaults: timestamp, function, tenant, duration.'),
    timeUnit: oneOf(['auto', 'epoch-ms', 'epoch-s', 'iso8601', 'offset-s']).optional().describe('csv: how timestamps are written. Default: auto.'),
    durationUnit: oneOf(['ms', 's']).optional().describe('csv: unit of the duration column. Default: ms.'),
    sort: bool().optional().describe('csv: sort rows by time instead of rejecting unsorted ones. Default: false.'),
    splitFunctions: bool().optional().describe("Give each trace function its own copy of the entry's function, <function>-<n>, with the trace's memory size (azure2019 memoryFile). Default: false."),
  })
  .transform((v): TraceSpec & { splitFunctions: boolean } => {
    const spec: TraceSpec & { splitFunctions: boolean } = { format: v.format, file: v.file, splitFunctions: v.splitFunctions ?? false };
    for (const k of ['durationsFile', 'memoryFile', 'tenantFrom', 'spread', 'window', 'columns', 'timeUnit', 'durationUnit', 'sort'] as const) {
      if (v[k] !== undefined) (spec as unknown as Record<string, unknown>)[k] = v[k];
    }
    return spec;
  })
  .describe('Replay invocations from a trace file.');
