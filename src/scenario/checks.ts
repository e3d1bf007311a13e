/**
 * Rules that involve more than one field, checked on the normalized configuration. Paths name the field
 * to fix; `related` names the other fields involved, so a problem caused by a variant is shown there.
 */
import type { ScenarioConfig, TrafficConfig } from '../model/config.js';
import { UNRESERVED_MINIMUM } from './defaults.js';
import { MAX_CELLS } from './limits.js';
import type { Problem } from './issues.js';
import { didYouMean, listNames } from './suggest.js';
import { tenantId } from '../model/tenants.js';
import { idPatternProblem, tenantIdProblem, tenantIndex } from './tenant-ids.js';

function functionProblems(config: ScenarioConfig): Problem[] {
  const problems: Problem[] = [];
  for (const f of config.functions) {
    const at = (key: string) => ['functions', f.name, key];
    if (f.tenancy === 'isolated' && f.provisionedConcurrency > 0) {
      problems.push({
        path: at('provisionedConcurrency'),
        related: [at('tenancy'), ['tenancy']],
        message: `provisionedConcurrency must be 0 for a tenant-isolated function, got ${f.provisionedConcurrency}: AWS does not support provisioned concurrency with tenant isolation`,
      });
    } else if (f.reservedConcurrency !== null && f.provisionedConcurrency > f.reservedConcurrency) {
      problems.push({
        path: at('provisionedConcurrency'),
        related: [at('reservedConcurrency')],
        message: `provisionedConcurrency (${f.provisionedConcurrency}) must not exceed reservedConcurrency (${f.reservedConcurrency})`,
      });
    }
  }
  return problems;
}

function reservedProblem(config: ScenarioConfig): Problem[] {
  const reserved = config.functions.filter((f) => f.reservedConcurrency !== null && f.reservedConcurrency > 0);
  const total = reserved.reduce((sum, f) => sum + (f.reservedConcurrency ?? 0), 0);
  const limit = config.platform.accountConcurrency - UNRESERVED_MINIMUM;
  if (total <= limit || reserved.length === 0) return [];
  const last = reserved[reserved.length - 1];
  const parts = reserved.map((f) => `${f.name} ${f.reservedConcurrency}`).join(', ');
  return [
    {
      path: ['functions', last.name, 'reservedConcurrency'],
      related: [['platform', 'accountConcurrency'], ...reserved.map((f) => ['functions', f.name, 'reservedConcurrency'])],
      message:
        `reserved concurrency adds up to ${total} (${parts}) but at most ${Math.max(0, limit)} may be reserved: ` +
        `AWS keeps ${UNRESERVED_MINIMUM} of accountConcurrency ${config.platform.accountConcurrency} unreserved`,
    },
  ];
}

function tenantProblem(config: ScenarioConfig, t: TrafficConfig): string | undefined {
  if (t.tenant === null) return undefined;
  const format = tenantIdProblem(t.tenant);
  if (format) return format;
  if (tenantIndex(config.tenants, t.tenant) !== undefined) return undefined;
  const { count, idPattern } = config.tenants;
  if (count === 1) return `tenant ${JSON.stringify(t.tenant)} is not the scenario's only tenant, ${JSON.stringify(tenantId(idPattern, 0))}`;
  const range = `${tenantId(idPattern, 0)} to ${tenantId(idPattern, count - 1)}`;
  return `tenant ${JSON.stringify(t.tenant)} is not one of the ${count} tenants (${range})`;
}

function trafficProblems(config: ScenarioConfig): Problem[] {
  const problems: Problem[] = [];
  const names = config.functions.map((f) => f.name);
  config.traffic.forEach((t, i) => {
    const at = (...rest: string[]) => ['traffic', i, ...rest];
    if (!names.includes(t.function)) {
      problems.push({ path: at('function'), message: `unknown function \`${t.function}\`${didYouMean(t.function, names)} (functions: ${listNames(names)})` });
    }
    if (t.tenant !== null && t.noTenant) {
      problems.push({ path: at('noTenant'), related: [at('tenant')], message: 'set either `tenant` or `noTenant: true`, not both' });
    }
    const tenant = tenantProblem(config, t);
    if (tenant) problems.push({ path: at('tenant'), related: [['tenants']], message: tenant });
    if (t.endMs !== null && t.endMs <= t.startMs) {
      problems.push({ path: at('end'), related: [at('start')], message: `end (${t.endMs} ms) must be after start (${t.startMs} ms)` });
    }
    const r = t.clientRetries;
    if (r && r.maxBackoffMs < r.backoffMs) {
      problems.push({ path: at('clientRetries', 'maxBackoff'), related: [at('clientRetries', 'backoff')], message: `maxBackoff (${r.maxBackoffMs} ms) must be at least backoff (${r.backoffMs} ms)` });
    }
    const openEnded = t.pattern.type !== 'sequential' && t.count === null && t.endMs === null;
    if (openEnded && config.horizonMs === null) {
      problems.push({
        path: at(t.pattern.type),
        related: [['horizon']],
        message: `${t.pattern.type} traffic without \`count\` or \`end\` never stops: set a top-level \`horizon\` (e.g. horizon: 1h) or give this entry \`count\` or \`end\``,
      });
    }
  });
  return problems;
}

/** Every cross-field problem of `config`, in document order. */
/** Functions x tenants must fit in memory. */
function sizeProblem(config: ScenarioConfig): Problem[] {
  const cells = config.functions.length * config.tenants.count;
  if (cells <= MAX_CELLS) return [];
  return [{
    path: ['tenants', 'count'],
    related: [['functions']],
    message: `${config.functions.length} functions x ${config.tenants.count.toLocaleString('en-US')} tenants is ${cells.toLocaleString('en-US')} (function, tenant) pairs, more than the ${MAX_CELLS.toLocaleString('en-US')} this tool holds in memory; use fewer tenants or functions`,
  }];
}

export function crossChecks(config: ScenarioConfig): Problem[] {
  const pattern = idPatternProblem(config.tenants);
  const tenants: Problem[] = pattern ? [{ path: ['tenants', 'idPattern'], related: [['tenants', 'count']], message: pattern }] : [];
  // tenant ids in traffic are only checked against a usable pattern
  const traffic = trafficProblems(config).filter((p) => !(pattern && p.path[2] === 'tenant'));
  return [...sizeProblem(config), ...functionProblems(config), ...reservedProblem(config), ...tenants, ...traffic];
}
