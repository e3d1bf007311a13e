/**
 * The Zod schema of one scenario document (a variant after merging: everything but `variants`). Objects are
 * strict, values are converted to the model's units (ms, MB, events per ms); defaults are applied later, by
 * `normalize.ts`, so this schema describes exactly what a user may write. Descriptions feed the JSON Schema.
 */
import { MAX_HORIZON_MS, MAX_TENANTS, MAX_WARMERS } from '../limits.js';
import { z } from 'zod';
import { describeValue } from '../errors.js';
import { distribution, exactlyOne } from './distribution.js';
import { bool, clock, duration, durationOrNone, int, num, oneOf, rate, safeName, text } from './fields.js';
import { BurstsSchema, DiurnalSchema, PhasesSchema, TraceSchema } from './patterns.js';
import { SweepSchema } from './sweep.js';
import { TENANCY, TENANCY_MODES } from '../../model/platform.js';

/** Every key a traffic entry may use for its arrival pattern. */
export const PATTERN_KINDS = ['poisson', 'constant', 'sequential', 'phases', 'diurnal', 'bursts', 'trace'] as const;

/** A tenancy mode; each is described in the JSON Schema from its rules. */
const Tenancy = oneOf(TENANCY_MODES).describe(TENANCY_MODES.map((m) => `${m}: ${TENANCY[m].summary}`).join('; '));

/** Platform-wide settings. */
export const PlatformSchema = z
  .strictObject({
    accountConcurrency: int(1, 1_000_000).optional().describe('Busy environments allowed at once in the account. Default: 1000.'),
    keepAlive: distribution().optional().describe('Idle time before an environment is reclaimed (a duration or a distribution). Default: 10m.'),
    maxLifetime: durationOrNone({ minMs: 60_000 }).optional().describe('Age at which an environment is reclaimed once its request ends; none for never. Default: 2h.'),
    lifetimeReplacement: oneOf(['background', 'on-request']).optional().describe('How an environment at its maximum lifetime is replaced: background (a replacement initialized off the request path, as AWS pre-initializes one) or on-request (the next request pays a cold start). Default: background.'),
    capPolicy: oneOf(['throttle', 'reclaim-idle']).optional().describe("Tenant isolation, environment cap full: throttle (429) or reclaim-idle (end another tenant's least recently used idle environment). Default: throttle."),
    reuse: oneOf(['mru', 'newest', 'lru', 'random']).optional().describe('Which idle environment takes the next request. Default: mru.'),
    initBilling: oneOf(['billed', 'unbilled']).optional().describe('Whether init time is billed (AWS rule since 2025-08-01). Default: billed.'),
    region: text().optional().describe('Informational. Default: us-east-1.'),
    scalingBurst: int(1, 1_000_000_000).optional().describe('New environments per function per scalingWindow. Default: 1000.'),
    scalingWindow: duration({ minInclusive: false }).optional().describe('Window of scalingBurst. Default: 10s.'),
    isolatedEnvironmentsPer1000: int(1, 1_000_000).optional().describe('Isolated environments (busy or idle) allowed per 1000 of concurrency. Default: 2500.'),
    codeStorage: num(0).max(1_000_000, { error: (iss) => `expected at most 1000000 GB, got ${describeValue(iss.input)}` }).optional().describe('Function and layer storage of the Region in GB (an adjustable quota), against which validate checks function per tenant. Default: 75.'),
  })
  .describe('Platform-wide settings.');

/** One function; its name is its key in `functions`. */
export const FunctionSchema = z
  .strictObject({
    runtime: text().describe('Lambda runtime id such as nodejs22.x, python3.13, java21 (or a lambda-perf runtime name).'),
    memoryMb: int(128, 10_240, 'MB').optional().describe('Memory in MB, 128 to 10240. Default: 128.'),
    architecture: oneOf(['x86_64', 'arm64']).optional().describe('Default: x86_64.'),
    package: oneOf(['zip', 'image']).optional().describe('Deployment package type. Default: zip.'),
    duration: distribution().describe('Handler duration of one invocation (a duration or a distribution).'),
    initDuration: distribution().optional().describe("Init duration of a new environment. Default: the runtime's measured init time (a hello-world function's; a real one is slower)."),
    cpuScaling: z.strictObject({
      share: z.number().min(0).max(1).describe('Share of the handler and init time that is CPU-bound, 0 to 1.'),
      measuredAt: int(128, 10_240, 'MB').describe('Memory (MB) at which duration and initDuration were measured.'),
      threads: int(1, 6).optional().describe('Threads the handler keeps busy: CPU beyond them does not help. Default: 1.'),
    }).optional().describe('How handler and init time change with memory: the CPU-bound share scales with the vCPUs memory buys (1 at 1769 MB, up to 6). Default: none (durations do not change with memory).'),
    reservedConcurrency: int(0, 1_000_000).nullable().optional().describe('Reserved concurrency (floor and ceiling); null = unreserved. With hybrid tiers, each tier\'s function has it. Default: null.'),
    reservedConcurrencyPerTenant: int(0, 1_000_000).nullable().optional().describe('Function per tenant: the reserved concurrency of each tenant\'s function; null = unreserved. Default: null.'),
    codeSizeMb: num(0).max(10_240, { error: (iss) => `expected a package size of at most 10240 MB (a container image's limit), got ${describeValue(iss.input)}` }).optional().describe('Deployment package size in MB: with function per tenant, validate checks size x tenants against the Region\'s code storage.'),
    invocation: oneOf(['sync', 'async']).optional().describe('How callers invoke. Default: sync.'),
    tenancy: Tenancy.optional().describe('Overrides the top-level tenancy for this function.'),
    provisionedConcurrency: int(0, 100_000).optional().describe('Pre-initialized environments (shared functions only). Default: 0.'),
    ephemeralStorageMb: int(512, 10_240, 'MB').optional().describe('/tmp size in MB, 512 to 10240. Default: 512.'),
    timeout: duration({ minInclusive: false, maxMs: 900_000 }).optional().describe('Handler time limit, at most 900s. Default: 3s.'),
    maxEventAge: duration({ minMs: 60_000, maxMs: 21_600_000 }).optional().describe('Async only: drop events throttled longer than this, 60s to 6h. Default: 6h.'),
  })
  .describe('One Lambda function.');

const FunctionName = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, {
  error: (iss) => `expected a function name of 1 to 64 letters, digits, '_' and '-', got ${describeValue(iss.input)}`,
});

const Popularity = z.union(
  [
    z.literal('uniform'),
    z.strictObject({ zipf: num(0).describe('Zipf exponent s: tenant i has weight 1 / i^s.') }),
    z.strictObject({ weights: z.array(num(0), { error: (iss) => `expected a list of weights, got ${describeValue(iss.input)}` }).min(1).describe('Relative weight of each tenant, in id order; as many as the count.') }),
  ],
  { error: (iss) => (iss.code === 'invalid_union' ? `expected "uniform", { zipf: <exponent> } or { weights: [...] }, got ${describeValue(iss.input)}` : undefined) },
);

const ActiveHours = z
  .strictObject({
    from: clock().describe('Start of the active window, e.g. "08:00" (time 0 of a run is Monday 00:00).'),
    to: clock().describe('End of the active window, e.g. "18:00"; earlier than from for a window over midnight.'),
    days: oneOf(['all', 'weekdays']).optional().describe('weekdays: asleep all Saturday and Sunday. Default: all.'),
  })
  .describe('Hours of the day these tenants send traffic; outside them they send none, and their environments go cold.');

const Onboarding = z
  .strictObject({
    initial: int(0, MAX_TENANTS).describe('Tenants present at time 0.'),
    rate: rate().describe('Tenants joining after that, e.g. 20/d (in id order).'),
  })
  .describe('Tenants joining over time: a tenant sends no traffic before it joins.');

/** The fields one tenant group has (also allowed at the top of `tenants`, for a population of one group). */
const groupFields = {
  count: int(1, MAX_TENANTS).optional().describe('Number of tenants, at most 1,000,000. Default: 1.'),
  idPattern: text().optional().describe('Tenant ids: {i} is the 1-based index, {i:4} zero-pads it to 4 digits. Default: tenant-{i} (a group: <name>-{i}).'),
  popularity: Popularity.optional().describe('How traffic is spread over the tenants: uniform, { zipf: s } or { weights: [...] }. Default: uniform.'),
  activeHours: ActiveHours.nullable().optional(),
  onboarding: Onboarding.nullable().optional(),
};

const TenantGroup = z
  .strictObject({
    name: safeName('group name').describe('Group name, e.g. enterprise, free.'),
    tenancy: Tenancy.optional().describe("Hybrid tiers: the tenancy of every function for this group's tenants, overriding the function's (e.g. premium tenants isolated, the rest shared). Default: the function's."),
    share: num(0).max(1, { error: (iss) => `expected a share from 0 to 1, got ${describeValue(iss.input)}` }).optional().describe('Share of the traffic sent to all tenants that goes to this group, 0 to 1. Default: in proportion to count.'),
    ...groupFields,
  })
  .describe('A tier of tenants.');

/** The tenant population. */
export const TenantsSchema = z
  .strictObject({
    ...groupFields,
    groups: z
      .array(TenantGroup, { error: (iss) => `expected a list of tenant groups (in a variant, also a map from the names of the scenario's groups to changes), got ${describeValue(iss.input)}` })
      .min(1, { error: 'expected at least one tenant group' })
      .optional()
      .describe('Named tiers of tenants (instead of count, idPattern and popularity at this level).'),
  })
  .describe('Tenant population.');

const ClientRetries = z
  .strictObject({
    maxAttempts: int(1, 100).describe('Attempts in all, the first included.'),
    backoff: duration().optional().describe('Wait before the first retry, doubling each time. Default: 100ms.'),
    maxBackoff: duration().optional().describe('Longest wait between attempts. Default: 20s.'),
  })
  .describe('Client-side retries of throttled synchronous calls.');

/** One stream of invocations. */
export const TrafficSchema = z
  .strictObject({
    name: safeName('traffic entry name').max(64).optional().describe("Names the entry's random streams: entries with the same name in two variants draw the same arrivals, tenants and handler durations even when their rate or window differ. Default: a key made from the entry's function, pattern, window and tenant choice."),
    function: text().optional().describe('Name of the function (a key of functions); optional for a CSV trace with a function column, and not used with routes.'),
    route: text().nullable().optional().describe('With routes: send every invocation to this route. Default: routes chosen by their share.'),
    poisson: z.strictObject({ rate: rate().describe('Mean arrival rate, e.g. 40/s.') }).optional().describe('Poisson arrivals; open-ended unless count or end is set.'),
    constant: z.strictObject({ rate: rate().describe('Arrival rate, e.g. 10/s.') }).optional().describe('Evenly spaced arrivals; open-ended unless count or end is set.'),
    sequential: z
      .strictObject({
        interval: duration().describe('Time between two arrivals.'),
        rounds: int(1, 1_000_000_000).optional().describe('Times every tenant is called. Default: 1.'),
      })
      .optional()
      .describe('Every tenant once in id order, interval apart, for rounds rounds.'),
    phases: PhasesSchema.optional(),
    mode: oneOf(['uniform', 'poisson']).optional().describe('phases only: evenly spaced arrivals as Artillery makes them, or a Poisson process with the same rate. Default: uniform.'),
    diurnal: DiurnalSchema.optional(),
    bursts: BurstsSchema.optional(),
    trace: TraceSchema.optional(),
    start: duration().optional().describe('First arrival no earlier than this. Default: 0s.'),
    end: duration().nullable().optional().describe('No arrivals at or after this. Default: none.'),
    count: int(1).nullable().optional().describe('Stop after this many arrivals. Default: no limit.'),
    tenant: text().nullable().optional().describe('Send every invocation as this tenant id.'),
    group: text().nullable().optional().describe('Send invocations to the tenants of this group only, by its popularity.'),
    noTenant: bool().optional().describe('Send invocations without a tenant id. Default: false.'),
    clientRetries: ClientRetries.nullable().optional().describe('Default: no retries.'),
  })
  .check(exactlyOne(PATTERN_KINDS, 'arrival pattern'))
  .describe('One stream of invocations with exactly one of poisson, constant, sequential, phases, diurnal, bursts, trace.');

/** Scheduled pings that keep environments warm. */
export const WarmerSchema = z
  .strictObject({
    name: safeName('warmer name').max(64).optional().describe("Names the warmer's random stream (its targets' phases). Default: a key made from its definition."),
    function: text().describe('The function pinged (a key of functions, or of the deployment\'s functions).'),
    every: duration({ minMs: 1_000, maxMs: MAX_HORIZON_MS }).describe('Time between two pings of one target, e.g. 5m (serverless-plugin-warmup: 5m), at least 1s.'),
    tenants: z
      .union([z.string(), z.array(text()).min(1)], { error: (iss) => `expected all, a group name or a list of tenant ids, got ${describeValue(iss.input)}` })
      .optional()
      .describe('Whom to ping: all, a tenant group\'s name, or a list of tenant ids. Tenants in a shared tier share one ping of the shared pool. Default: all.'),
    concurrency: int(1, 1_000).optional().describe('Environments each ping keeps warm: that many simultaneous invocations. Default: 1.'),
    duration: distribution().optional().describe('Handler time of a ping (a duration or a distribution). Default: 5ms.'),
  })
  .describe('Scheduled pings per tenant (like serverless-plugin-warmup): invocations for the platform and the bill, reported apart from user traffic.');

/** Optional billing rules. */
export const BillingSchema = z
  .strictObject({
    tiers: bool().optional().describe('Apply monthly duration volume tiers. Default: false.'),
    freeTier: bool().optional().describe('Subtract the monthly free tier. Default: false.'),
  })
  .describe('Optional billing rules, off by default.');

const RouteName = z.string().regex(/^[A-Za-z0-9_.:/-]{1,64}$/, {
  error: (iss) => `expected a route name of 1 to 64 letters, digits, '_', '-', '.', ':' and '/', got ${describeValue(iss.input)}`,
});

/** One operation of the API: its share of the traffic and its handler duration. */
export const RouteSchema = z
  .strictObject({
    share: num(0).max(1, { error: (iss) => `expected a share from 0 to 1, got ${describeValue(iss.input)}` }).describe('Share of the traffic, 0 to 1; the shares of all routes add up to 1.'),
    duration: distribution().describe('Handler duration of this operation (a duration or a distribution), whichever function serves it.'),
  })
  .describe('One operation of the API.');

/** A function of a deployment: a function without its own duration, and the routes it serves. */
const DeploymentFunction = FunctionSchema.omit({ duration: true })
  .extend({
    routes: z
      .array(text(), { error: (iss) => `expected a list of route names, got ${describeValue(iss.input)}` })
      .min(1, { error: 'expected at least one route' })
      .describe('Routes this function serves (handler durations come from the routes).'),
  })
  .describe('A function of the deployment and the routes it serves.');

/** One way to map routes onto functions. */
export const DeploymentSchema = z
  .strictObject({
    description: z.string().optional().describe('What this layout is.'),
    functions: z
      .record(FunctionName, DeploymentFunction)
      .refine((m) => Object.keys(m).length > 0, { error: 'expected at least one function' })
      .describe('Functions by name, each with the routes it serves; together they serve every route exactly once.'),
  })
  .describe('A way to map the routes onto functions (e.g. one Lambdalith, or one function per route).');

/** The shape shared by the document schema and its JSON Schema. */
export const documentShape = {
  name: safeName('scenario name').describe('Scenario name, safe as a folder name: letters, digits, ., _ and -.'),
  description: z.string().optional().describe("Default: ''."),
  seed: int(0).optional().describe('Seed of every random stream. Default: 1.'),
  horizon: duration({ minInclusive: false, maxMs: MAX_HORIZON_MS }).nullable().optional().describe('End of simulated time; required when traffic is open-ended. Default: none.'),
  tenancy: Tenancy.optional().describe('Default tenancy of every function. Default: shared.'),
  platform: PlatformSchema.optional(),
  functions: z
    .record(FunctionName, FunctionSchema)
    .refine((m) => Object.keys(m).length > 0, { error: 'expected at least one function' })
    .optional()
    .describe('Functions by name (1 to 64 letters, digits, _ and -); required unless the scenario has deployments.'),
  routes: z.record(RouteName, RouteSchema).optional().describe("The API's operations, with their share of the traffic and handler duration (with deployments)."),
  deployments: z
    .record(safeName('deployment name'), DeploymentSchema)
    .refine((m) => Object.keys(m).length > 0, { error: 'expected at least one deployment' })
    .optional()
    .describe('Named ways to map routes onto functions; a variant picks one with deployment.'),
  deployment: text().optional().describe('The deployment this variant runs. Default: the first.'),
  tenants: TenantsSchema.optional(),
  traffic: z
    .array(TrafficSchema, { error: (iss) => `expected a list of traffic entries, got ${describeValue(iss.input)}` })
    .min(1, { error: 'expected at least one traffic entry' })
    .describe('Streams of invocations.'),
  billing: BillingSchema.optional(),
  warmers: z
    .array(WarmerSchema, { error: (iss) => `expected a list of warmers, got ${describeValue(iss.input)}` })
    .max(MAX_WARMERS, { error: `expected at most ${MAX_WARMERS} warmers` })
    .optional()
    .describe('Scheduled pings that keep environments warm. Default: none.'),
  sweep: SweepSchema.optional(),
};

/** One scenario document without `variants` (what each variant is validated against). */
export const DocumentSchema = z.strictObject(documentShape);

/** A validated, converted scenario document, before defaults. */
export type ScenarioDocument = z.output<typeof DocumentSchema>;
/** One validated traffic entry, before defaults. */
export type TrafficDocument = z.output<typeof TrafficSchema>;
/** One validated warmer, before defaults. */
export type WarmerDocument = z.output<typeof WarmerSchema>;
