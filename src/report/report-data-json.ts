/**
 * The JSON files of a results folder that the report reads, summary.json and config.json, checked with zod.
 * Only the fields the report uses are required; other fields are allowed and ignored, so a newer results
 * folder still reads.
 */
import { z } from 'zod';
import { TENANCY_MODES } from '../model/platform.js';

const count = z.number().finite().nonnegative();
const num = z.number().finite();

/** Cost lines as summary.json writes them (`costUsd`, `costUsdExact`), USD. */
const CostLinesSchema = z.looseObject({
  requests: count,
  duration: count,
  tenantEnvironments: count,
  provisionedConcurrency: count,
  ephemeralStorage: count,
  total: count,
});

const LatencySchema = z.looseObject({ mean: num, p50: num, p90: num, p99: num, max: num });

/** 429s by limit name; any name is accepted so that a limit added later still shows. */
const LimitHitsSchema = z.record(z.string(), count);

const FunctionSchema = z.looseObject({
  name: z.string(),
  tenancy: z.string(),
  memoryMb: z.number().int().positive(),
  architecture: z.enum(['x86_64', 'arm64']),
  invocations: count,
  completed: count,
  coldStarts: count,
  environmentsCreated: count,
  peakConcurrency: count,
  peakEnvironments: count,
  billedGbSeconds: count,
  limitHits: LimitHitsSchema,
  costUsdExact: CostLinesSchema,
});

const VariantSchema = z.looseObject({
  name: z.string(),
  horizonMs: count,
  invocations: count,
  completed: count,
  throttled: count,
  rejected: count,
  coldStarts: count,
  environmentsCreated: count,
  peakConcurrency: count,
  meanConcurrency: count,
  peakEnvironments: count,
  meanEnvironments: count,
  latencyMs: LatencySchema,
  billedGbSeconds: count,
  costUsdExact: CostLinesSchema,
  limitHits: LimitHitsSchema,
  functions: z.array(FunctionSchema),
});

/** The part of summary.json the report reads. */
export const SummarySchema = z.looseObject({
  scenario: z.string(),
  description: z.string(),
  seed: num,
  horizonMs: num.positive(),
  variants: z.array(VariantSchema).min(1),
});

/** summary.json as the report reads it. */
export type ReportSummary = z.infer<typeof SummarySchema>;
/** One variant of summary.json. */
export type ReportVariant = ReportSummary['variants'][number];
/** One function of a variant of summary.json. */
export type ReportFunction = ReportVariant['functions'][number];
/** Cost lines of summary.json, USD. */
export type ReportCostLines = z.infer<typeof CostLinesSchema>;

const ConfigFunctionSchema = z.looseObject({
  name: z.string(),
  memoryMb: z.number().int().positive(),
  architecture: z.enum(['x86_64', 'arm64']),
  tenancy: z.enum(TENANCY_MODES),
  reservedConcurrency: z.number().int().nonnegative().nullable(),
  provisionedConcurrency: z.number().int().nonnegative(),
  ephemeralStorageMb: z.number().int().positive(),
});

/** The part of config.json (each variant's normalized ScenarioConfig) the report reads. */
export const ConfigSchema = z.looseObject({
  variants: z.array(z.looseObject({
    name: z.string(),
    config: z.looseObject({
      platform: z.looseObject({
        accountConcurrency: z.number().int().positive(),
        isolatedEnvironmentsPer1000: z.number().nonnegative(),
        initBilling: z.enum(['billed', 'unbilled']).optional(),
        scalingBurst: z.number().int().positive().optional(),
        scalingWindowMs: z.number().positive().optional(),
      }),
      functions: z.array(ConfigFunctionSchema),
      billing: z.looseObject({ tiers: z.boolean(), freeTier: z.boolean() }),
    }),
  })),
});

/** config.json as the report reads it. */
export type ReportConfig = z.infer<typeof ConfigSchema>;
/** One variant's configuration from config.json. */
export type ReportVariantConfig = ReportConfig['variants'][number]['config'];
/** One function's configuration from config.json. */
export type ReportFunctionConfig = ReportVariantConfig['functions'][number];

/** `variants[0].costUsdExact.total` from a zod issue path. */
function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s === '' ? String(k) : `${s}.${String(k)}`), '');
}

/**
 * Parses and checks a JSON file of the results folder. Returns the value, or the problems found, each as
 * `file: path: message` (at most 20).
 */
export function parseJsonFile<T>(file: string, text: string, schema: z.ZodType<T>): { ok: true; value: T } | { ok: false; problems: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, problems: [`${file}: not valid JSON (${(e as Error).message})`] };
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.slice(0, 20).map((i) => `${file}: ${pathText(i.path) || '(top level)'}: ${i.message}`),
  };
}
