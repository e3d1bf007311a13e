/**
 * summary.json as a results folder holds it, checked with zod against the type this version writes
 * (`z.ZodType<SummaryDocument>`: the compiler holds the schema to the type, so a field added to one and not
 * the other does not build). Other fields are allowed and ignored.
 */
import { z } from 'zod';
import { LIMITS, TENANCY_MODES } from '../model/platform.js';
import { COLD_START_CAUSES, type ColdStartCause } from '../model/cold-causes.js';
import { RESULTS_FORMAT, type SensitivityResult, type SummaryDocument } from './types.js';

/** Text without control, C1 or bidirectional characters (sensitivity.json's labels reach charts as they are). */
const plain = z.string().max(1000).regex(/^[^\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]*$/, { error: 'expected text without control characters' });

const count = z.number().finite().nonnegative();
const num = z.number().finite();

const CostLinesSchema = z.looseObject({
  requests: count, duration: count, tenantEnvironments: count, provisionedConcurrency: count, ephemeralStorage: count, total: count,
});

const LatencySchema = z.looseObject({ mean: num, p50: num, p90: num, p99: num, max: num, exact: z.boolean() });

const LimitHitsSchema = z.looseObject(Object.fromEntries(LIMITS.map((l) => [l.name, count])) as Record<(typeof LIMITS)[number]['name'], typeof count>);

const Architecture = z.enum(['x86_64', 'arm64']);

/** A whole number that billing can price exactly: 0 to 2^53 - 1. */
const whole = z.number().int().nonnegative(); // zod's int is a safe integer: below 2^53

const UsageSchema = z.looseObject({
  architecture: Architecture, memoryMb: whole.positive(), ephemeralStorageMb: whole.positive(),
  requests: whole, billedMs: whole, provisionedBilledMs: whole, tenantEnvironments: whole, provisionedConcurrency: whole, provisionedMs: count,
});

const CausesSchema = z.looseObject({
  coldStarts: z.looseObject(Object.fromEntries(COLD_START_CAUSES.map((c) => [c, count])) as Record<ColdStartCause, typeof count>),
  replacements: count,
});

/** The counts both levels report (see Outcomes). */
const outcomes = {
  invocations: count, completed: count, throttled: count, rejected: count, inFlight: count, failedShare: count, coldStarts: count, coldStartRate: count,
  environmentsCreated: count, causes: CausesSchema, peakConcurrency: count, meanConcurrency: count, peakEnvironments: count, meanEnvironments: count,
  latencyMs: LatencySchema, billedGbSeconds: count, limitHits: LimitHitsSchema, timeouts: count, asyncDropped: count, retries: count,
};

const TierSchema = z.looseObject({
  tenancy: z.enum(TENANCY_MODES), tenants: whole, deployed: whole, reservedConcurrency: count.nullable(), environmentCap: count.nullable(),
  peakConcurrency: count, peakEnvironments: count, limitHits: LimitHitsSchema,
});

const warmer = {
  pings: count, completed: count, throttled: count, coldStarts: count, environmentsCharged: count, billedGbSeconds: count, costUsdExact: CostLinesSchema,
};

const FunctionSchema = z.looseObject({
  name: plain, tenancy: z.enum(TENANCY_MODES), runtime: z.string(), initDurationDefault: z.boolean(), durationFactor: z.number().finite().positive(), handlerKey: z.string(),
  memoryMb: z.number().int().positive(), architecture: Architecture, ...outcomes,
  costUsdExact: CostLinesSchema, usage: UsageSchema, tiers: z.array(TierSchema).min(1).max(3), deployedFunctions: whole,
  warmers: z.looseObject(warmer).nullable(),
});

const LimitFactSchema = z.looseObject({
  kind: z.enum(LIMITS.map((l) => l.name) as [(typeof LIMITS)[number]['name'], ...(typeof LIMITS)[number]['name'][]]),
  function: z.string().nullable(), limit: z.string(), value: count.nullable(), measure: z.string().nullable(), peak: count.nullable(), throttles: count,
});

const VariantSchema = z.looseObject({
  name: plain, horizonMs: count, periodMs: count, traffic: z.array(z.string()), ...outcomes,
  costUsd: CostLinesSchema, costUsdExact: CostLinesSchema, monthlyCostUsdExact: CostLinesSchema.nullable(),
  billing: z.looseObject({ tiers: z.boolean(), freeTier: z.boolean() }), initBilling: z.enum(['billed', 'unbilled']),
  limits: z.array(LimitFactSchema),
  costConcentration: z.looseObject({ tenants: count, top1PercentShare: count, top10PercentShare: count }),
  deployedFunctions: whole,
  warmers: z.looseObject({ ...warmer, baseline: plain.nullable() }).nullable(),
  functions: z.array(FunctionSchema),
});

/** summary.json of this version's results folders. */
export const SummarySchema: z.ZodType<SummaryDocument> = z.looseObject({
  format: z.literal(RESULTS_FORMAT, { error: (iss) => `expected ${JSON.stringify(RESULTS_FORMAT)}, got ${JSON.stringify(iss.input)}: the folder was written by another version of tenancy-sim; run the scenario again` }),
  scenario: z.string(),
  description: z.string(),
  seed: num,
  horizonMs: num.positive(),
  variants: z.array(VariantSchema).min(1),
}).superRefine((doc, ctx) => {
  // a warmers' baseline is another variant, without warmers (the break-even's reference)
  doc.variants.forEach((v, i) => {
    const b = v.warmers?.baseline;
    if (b === null || b === undefined) return;
    const other = doc.variants.find((x) => x.name === b);
    if (other === undefined || other === v || other.warmers !== null) {
      ctx.addIssue({ code: 'custom', path: ['variants', i, 'warmers', 'baseline'], message: `expected another variant without warmers, got ${JSON.stringify(b)}` });
    }
  });
});

const metricValues = z.looseObject({ monthlyCostUsd: num.nullable(), coldStartsPer1000: num.nullable(), latencyP99Ms: num.nullable(), failedShare: num.nullable() });


/** sensitivity.json (`run --sensitivity`), held to {@link SensitivityResult}; its variants agree in number with every run. */
export const SensitivitySchema: z.ZodType<SensitivityResult> = z.looseObject({
  variants: z.array(plain).min(1).max(1000),
  settings: z.array(z.looseObject({ path: plain, label: plain, values: z.array(plain).max(100) })).max(100),
  runs: z.array(z.looseObject({
    label: plain, setting: plain.nullable(), values: z.record(plain, plain), variants: z.array(metricValues),
  })).min(1).max(10_000),
}).refine((s) => s.runs.every((r) => r.variants.length === s.variants.length), { message: 'every run must have one entry per variant' });
