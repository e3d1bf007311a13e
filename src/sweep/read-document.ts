/**
 * sweep.json as `merge` reads it from a shard's folder: untrusted, so checked with zod against the type the
 * sweep writes (`z.ZodType<SweepDocument>`: the compiler holds the schema to the type), every size bounded
 * by the limits the sweep itself enforces, and the fields consistent with each other: one seed and one
 * value per replication, a point count that is the grid's, each point's index in the grid (and in the
 * shard) with the grid's values, each point's variants those of the sweep in order. Other fields are
 * ignored. A list or map is checked item by item and the check stops after {@link MAX_PROBLEMS} bad items,
 * so a huge broken file gives a few messages, not millions.
 */
import { z } from 'zod';
import { LIMITS } from '../model/platform.js';
import { parseJsonFile } from '../results/read.js';
import { describeValue } from '../scenario/errors.js';
import { MAX_VARIANTS } from '../scenario/limits.js';
import { int, oneOf, safeName } from '../scenario/schema/fields.js';
import { MAX_REPLICATIONS, SWEEP_PATH_PATTERN } from '../scenario/schema/sweep.js';
import { listNames } from '../text/suggest.js';
import { CONFIDENCE } from './confidence.js';
import { type MetricEstimate, type SweepDocument, SWEEP_FORMAT } from './document.js';
import { METRICS, type MetricUnit } from './metrics.js';
import { MAX_BREAKPOINT_RULES, MAX_PARAMETERS, MAX_POINTS, sweptValueProblem } from './spec.js';

/** Bad items of one list (or map) reported before its check stops. */
const MAX_PROBLEMS = 20;

/** Longest scenario name taken: `results/<name>-sweep` stays a valid folder name. */
export const MAX_SCENARIO_NAME = 200;

const got = (iss: { input?: unknown }) => `got ${describeValue(iss.input)}`;

/** `v` as JSON for a message, cut after 100 characters. */
function shown(v: unknown): string {
  const text = JSON.stringify(v) ?? 'nothing';
  return text.length > 100 ? `${text.slice(0, 100)}...` : text;
}

/** Copies the issues of a failed item to `issues`, under `path`. */
function report(issues: z.core.$ZodRawIssue[], path: PropertyKey[], error: z.ZodError): void {
  for (const issue of error.issues.slice(0, MAX_PROBLEMS)) issues.push({ code: 'custom', input: undefined, message: issue.message, path: [...path, ...issue.path] });
}

type Problem = [path: PropertyKey[], message: string];

/** `schema`, then the `problems` of its value, found once the value has none of the schema's own. */
function consistent<T>(schema: z.ZodType<T>, problems: (value: T) => Problem[]): z.ZodType<T> {
  return schema.transform((value, ctx) => {
    const found = problems(value).slice(0, MAX_PROBLEMS);
    for (const [path, message] of found) ctx.issues.push({ code: 'custom', input: undefined, path, message });
    return found.length > 0 ? z.NEVER : value;
  });
}

/**
 * A list of `what` of at most `max` items (at least `min`), each `item`. Its length is checked first, then
 * the items one by one, until {@link MAX_PROBLEMS} are bad.
 */
function list<T>(item: z.ZodType<T>, what: string, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}): z.ZodType<T[]> {
  return z
    .array(z.unknown(), { error: (iss) => `expected a list of ${what}, ${got(iss)}` })
    .check((ctx) => {
      const n = ctx.value.length;
      if (n < min || n > max) ctx.issues.push({ code: 'custom', input: ctx.value, message: n < min ? `expected at least ${min} ${what}, got ${n}` : `expected at most ${max.toLocaleString('en-US')} ${what}, got ${n.toLocaleString('en-US')}`, abort: true });
    })
    .transform((items, ctx) => {
      const out: T[] = [];
      let bad = 0;
      for (const [i, x] of items.entries()) {
        const r = item.safeParse(x);
        if (r.success) out.push(r.data);
        else if ((report(ctx.issues, [i], r.error), ++bad) === MAX_PROBLEMS) break;
      }
      return bad > 0 ? z.NEVER : out;
    });
}

/** A map of at most `max` entries, each key `key` and each value `value`, checked as {@link list} is. */
function map<T>(key: z.ZodType<string>, value: z.ZodType<T>, what: string, max: number): z.ZodType<Record<string, T>> {
  return z
    .record(z.string(), z.unknown(), { error: (iss) => `expected a map of ${what}, ${got(iss)}` })
    .check((ctx) => {
      const n = Object.keys(ctx.value).length;
      if (n > max) ctx.issues.push({ code: 'custom', input: ctx.value, message: `expected at most ${max} ${what}, got ${n.toLocaleString('en-US')}`, abort: true });
    })
    .transform((entries, ctx) => {
      const out: Record<string, T> = {};
      let bad = 0;
      for (const [k, x] of Object.entries(entries)) {
        const name = key.safeParse(k);
        const r = value.safeParse(x);
        if (!name.success) report(ctx.issues, [k], name.error);
        else if (!r.success) report(ctx.issues, [k], r.error);
        else Object.defineProperty(out, name.data, { value: r.data, enumerable: true, writable: true, configurable: true }); // `__proto__` too stays a key
        if (!(name.success && r.success) && ++bad === MAX_PROBLEMS) break;
      }
      return bad > 0 ? z.NEVER : out;
    });
}

const finite = z.number({ error: (iss) => `expected a finite number, ${got(iss)}` });
const count = z.number({ error: (iss) => `expected a number >= 0, ${got(iss)}` }).min(0, { error: (iss) => `expected a number >= 0, ${got(iss)}` });
const text = z.string({ error: (iss) => `expected a string, ${got(iss)}` });
const whole = (min: number) => int(min, Number.MAX_SAFE_INTEGER);

/** A swept value: any JSON value within the sweep's bounds on depth and length. */
const SweptValue = z.unknown().check((ctx) => {
  const problem = sweptValueProblem(ctx.value);
  if (problem !== null) ctx.issues.push({ code: 'custom', input: ctx.value, message: problem });
});

const METRIC_NAMES = METRICS.map((m) => m.name) as [string, ...string[]];
const metricError = (iss: { input?: unknown }) => `expected a metric of sweep.csv such as monthlyCostUsd, ${got(iss)}`;
const MetricName = z.string({ error: metricError }).refine((s) => METRIC_NAMES.includes(s), { error: metricError });
const VariantName = safeName('variant name');
const LimitKind = oneOf(LIMITS.map((l) => l.name) as [(typeof LIMITS)[number]['name'], ...(typeof LIMITS)[number]['name'][]]);
const pathError = (iss: { input?: unknown }) => `expected a path into the scenario such as tenants.count or traffic[0].poisson.rate, ${got(iss)}`;

const EstimateSchema: z.ZodType<MetricEstimate> = consistent(
  z.object({ mean: finite, ciLow: finite.nullable(), ciHigh: finite.nullable(), n: int(1, MAX_REPLICATIONS), values: list(finite.nullable(), 'values', { max: MAX_REPLICATIONS }) }),
  (e) => {
    const present = e.values.filter((v) => v !== null).length;
    if (e.n !== present) return [[['n'], `expected ${present}, the values that are not null, got ${e.n}`]];
    if ((e.ciLow === null) !== (e.ciHigh === null) || (e.ciLow === null) !== (e.n < 2)) return [[[], 'expected ciLow and ciHigh with 2 values or more, null with one']];
    return [];
  },
);

const LimitSchema = z.object({
  kind: LimitKind, limit: text, value: count.nullable(), peak: count.nullable(), headroomPct: finite.nullable(), throttles: count,
  hit: z.boolean({ error: (iss) => `expected true or false, ${got(iss)}` }),
});

const VariantPointSchema = z.object({
  name: VariantName,
  metrics: map(MetricName, EstimateSchema, 'metrics', METRICS.length),
  limits: list(LimitSchema, 'limits'),
});

const PointSchema = z.object({
  index: int(0, MAX_POINTS - 1),
  values: list(SweptValue, 'values', { max: MAX_PARAMETERS }),
  variants: list(VariantPointSchema, 'variants', { min: 1, max: MAX_VARIANTS }),
});

const ParameterSchema = z.object({
  key: z.string({ error: pathError }).max(1000, { error: pathError }).regex(new RegExp(SWEEP_PATH_PATTERN), { error: pathError }),
  values: list(SweptValue, 'values', { min: 1, max: MAX_POINTS }),
});

const RuleSchema = z.object({
  metric: MetricName, threshold: text, kind: oneOf(['relative', 'absolute']), amount: count,
});

const MetricInfoSchema = z.object({
  name: text, unit: oneOf(['count', 'share', 'ms', 'usd', 'gb-s', 'percent'] satisfies MetricUnit[] as [MetricUnit, ...MetricUnit[]]), label: text,
});

const BreakpointSchema = z.object({
  kind: oneOf(['limit', 'threshold']), variant: text, series: map(text, SweptValue, 'parameters', MAX_PARAMETERS), parameter: text, value: SweptValue,
  point: int(0, MAX_POINTS - 1), limit: text.optional(), limitKind: LimitKind.optional(), metric: text.optional(), threshold: text.optional(),
  baselineMean: finite.optional(), variantMean: finite.optional(), text,
});

const ShardSchema = consistent(z.object({ index: whole(1), count: whole(1) }), (s) =>
  s.index > s.count ? [[['index'], `expected at most shard.count, ${s.count}, got ${s.index}`]] : []);

/** The metrics this version measures, as sweep.json lists them. */
const METRIC_INFO = METRICS.map((m) => ({ name: m.name, unit: m.unit, label: m.label }));

/** sweep.json as `merge` accepts it. */
export const SweepDocumentSchema: z.ZodType<SweepDocument> = consistent(
  z.object({
    format: z.literal(SWEEP_FORMAT, { error: (iss) => `expected ${JSON.stringify(SWEEP_FORMAT)}, ${got(iss)}: not a sweep.json of this version of tenancy-sim` }),
    scenario: safeName('scenario name').max(MAX_SCENARIO_NAME, { error: (iss) => `expected a scenario name of at most ${MAX_SCENARIO_NAME} characters, got ${(iss.input as string).length}` }),
    description: text,
    scenarioSha256: z.string({ error: (iss) => `expected a SHA-256 in hex, ${got(iss)}` }).regex(/^[0-9a-f]{64}$/, { error: (iss) => `expected a SHA-256 in hex, ${got(iss)}` }),
    seed: whole(0),
    seeds: list(whole(0), 'seeds', { min: 1, max: MAX_REPLICATIONS }),
    replications: int(1, MAX_REPLICATIONS),
    confidence: z.literal(CONFIDENCE, { error: (iss) => `expected ${CONFIDENCE}, ${got(iss)}` }),
    parameters: list(ParameterSchema, 'parameters', { min: 1, max: MAX_PARAMETERS }),
    variants: list(VariantName, 'variants', { min: 1, max: MAX_VARIANTS }),
    baseline: text,
    breakpointRules: list(RuleSchema, 'breakpoint rules', { max: MAX_BREAKPOINT_RULES }),
    charts: list(MetricName, 'charts', { max: METRICS.length }),
    metrics: list(MetricInfoSchema, 'metrics', { max: METRICS.length }),
    pointCount: int(1, MAX_POINTS),
    shard: ShardSchema.nullable(),
    points: list(PointSchema, 'points', { max: MAX_POINTS }),
    breakpoints: list(BreakpointSchema, 'breakpoints').nullable(),
  }),
  consistencyProblems,
);

/** Where a document's fields disagree with each other, in file order (stops after MAX_PROBLEMS). */
function consistencyProblems(d: SweepDocument): Problem[] {
  const out: Problem[] = [];
  if (d.seeds.length !== d.replications) out.push([['seeds'], `expected ${d.replications} seeds, one per replication, got ${d.seeds.length}`]);
  else if (d.seeds[0] !== d.seed) out.push([['seeds', 0], `expected the seed, ${d.seed}, got ${d.seeds[0]}`]);
  const keys = new Set<string>();
  d.parameters.forEach((p, j) => {
    if (keys.has(p.key)) out.push([['parameters', j, 'key'], `\`${p.key}\` is swept twice`]);
    keys.add(p.key);
    const texts = new Set<string>();
    p.values.forEach((v, i) => {
      const t = JSON.stringify(v);
      if (texts.has(t)) out.push([['parameters', j, 'values', i], `the value ${shown(v)} is given twice`]);
      texts.add(t);
    });
  });
  duplicates(d.variants).forEach((i) => out.push([['variants', i], `the variant ${JSON.stringify(d.variants[i])} is given twice`]));
  if (!d.variants.includes(d.baseline)) out.push([['baseline'], `expected one of the variants ${listNames(d.variants)}, got ${describeValue(d.baseline)}`]);
  duplicates(d.charts).forEach((i) => out.push([['charts', i], `the metric ${d.charts[i]} is charted twice`]));
  if (d.metrics.length !== METRIC_INFO.length) out.push([['metrics'], `expected the ${METRIC_INFO.length} metrics of this version of tenancy-sim, got ${d.metrics.length}`]);
  else d.metrics.forEach((m, i) => JSON.stringify(m) !== JSON.stringify(METRIC_INFO[i]) && out.push([['metrics', i], `expected ${JSON.stringify(METRIC_INFO[i])}: the metrics of this version of tenancy-sim`]));
  const sizes = d.parameters.map((p) => p.values.length);
  const product = sizes.reduce((a, b) => a * b, 1);
  if (product !== d.pointCount) out.push([['pointCount'], `expected ${product}, the product of the parameters' numbers of values, got ${d.pointCount}`]);
  else out.push(...pointProblems(d));
  return out.slice(0, MAX_PROBLEMS);
}

/** Indices of the items of `items` that an earlier item equals. */
function duplicates(items: readonly string[]): number[] {
  return items.flatMap((x, i) => (items.indexOf(x) !== i ? [i] : []));
}

/** The values of grid point `index`: the first parameter varies slowest. */
function gridValues(d: SweepDocument, index: number): unknown[] {
  let rest = index;
  const values: unknown[] = [];
  for (let j = d.parameters.length - 1; j >= 0; j--) {
    const n = d.parameters[j].values.length;
    values[j] = d.parameters[j].values[rest % n];
    rest = Math.floor(rest / n);
  }
  return values;
}

/** Problems of the points of a document whose grid is consistent. */
function pointProblems(d: SweepDocument): Problem[] {
  const out: Problem[] = [];
  const seen = new Set<number>();
  for (const [i, p] of d.points.entries()) {
    if (out.length >= MAX_PROBLEMS) break;
    const at = (...path: PropertyKey[]): PropertyKey[] => ['points', i, ...path];
    if (p.index >= d.pointCount) out.push([at('index'), `expected a point of the grid, 0 to ${d.pointCount - 1}, got ${p.index}`]);
    else if (seen.has(p.index)) out.push([at('index'), `point ${p.index} is given twice`]);
    else if (d.shard !== null && p.index % d.shard.count !== d.shard.index - 1) out.push([at('index'), `point ${p.index} is not in shard ${d.shard.index}/${d.shard.count}`]);
    else {
      const expected = gridValues(d, p.index);
      if (JSON.stringify(expected) !== JSON.stringify(p.values)) out.push([at('values'), `expected the values of grid point ${p.index}, ${shown(expected)}, got ${shown(p.values)}`]);
    }
    seen.add(p.index);
    if (p.variants.length !== d.variants.length) out.push([at('variants'), `expected ${d.variants.length} variants, those of the sweep, got ${p.variants.length}`]);
    for (const [j, v] of p.variants.entries()) {
      if (v.name !== d.variants[j]) out.push([at('variants', j, 'name'), `expected ${JSON.stringify(d.variants[j])} (the variants in order), got ${JSON.stringify(v.name)}`]);
      for (const [name, e] of Object.entries(v.metrics)) {
        if (e.values.length !== d.replications) {
          out.push([at('variants', j, 'metrics', name, 'values'), `expected ${d.replications} values, one per replication, got ${e.values.length}`]);
        }
      }
    }
  }
  return out;
}

/**
 * The document in `text` (the content of `file`, which names it in messages), or every problem found (at
 * most 20), each as `file: path: message`.
 */
export function readSweepDocument(file: string, text: string): { ok: true; value: SweepDocument } | { ok: false; problems: string[] } {
  return parseJsonFile(file, text, SweepDocumentSchema);
}
