/**
 * What a valid scenario may still get wrong without meaning to: warnings, located like problems, that do not
 * stop a run (exit 0):
 * - traffic sent without a tenant id to a tenant-isolated function, which AWS rejects (every such call fails
 *   with InvalidParameterValueException), so the variant does less work than the others and must not be
 *   compared as if it had not;
 * - a function whose memory differs between variants without `cpuScaling`: its handler and init times stay
 *   the same, so more memory only costs more;
 * - function per tenant with more tenant functions than is practical, or more code than the Region stores.
 */
import { deployedFunctions, PRACTICAL_TENANT_FUNCTIONS, TENANCY } from '../model/platform.js';
import { functionTiers } from '../model/tiers.js';
import type { ScenarioConfig, TrafficConfig } from '../model/config.js';
import type { ScenarioError } from './errors.js';
import type { LoadedScenario } from './load.js';

/** The functions an entry's calls can reach in `config`: its function, or the routes' functions. */
function reached(t: TrafficConfig, config: ScenarioConfig): string[] {
  if (t.function !== null) return [t.function];
  const routes = t.route === null ? config.routes : config.routes.filter((r) => r.name === t.route);
  return [...new Set(routes.map((r) => r.function))];
}

/** The warnings of a loaded scenario, each once, naming the variants it concerns. */
export function scenarioWarnings(s: LoadedScenario): ScenarioError[] {
  return [...tenantlessWarnings(s), ...memoryWarnings(s), ...functionPerTenantWarnings(s)];
}

/** Function per tenant at a tenant count that makes it impractical: more tenant functions than a team can
 *  deploy and keep in step (PRACTICAL_TENANT_FUNCTIONS), or more code than the Region's storage holds. */
function functionPerTenantWarnings(s: LoadedScenario): ScenarioError[] {
  const out: ScenarioError[] = [];
  const seen = new Set<string>();
  for (const v of s.variants) {
    const c = v.config;
    for (const f of c.functions) {
      const tiers = functionTiers(f, c.tenants);
      const perTenant = tiers.filter((t) => TENANCY[t.tenancy].functionPerTenant).reduce((n, t) => n + t.tenants, 0);
      if (perTenant === 0) continue;
      const deployed = deployedFunctions(tiers.filter((t) => t.tenants > 0 || t.base));
      const problems: string[] = [];
      if (perTenant > PRACTICAL_TENANT_FUNCTIONS) {
        problems.push(`${perTenant.toLocaleString('en-US')} tenant functions to deploy, version and keep in step (more than ${PRACTICAL_TENANT_FUNCTIONS.toLocaleString('en-US')})`);
      }
      const storageMb = c.platform.codeStorageGb * 1024;
      if (f.codeSizeMb !== null && f.codeSizeMb * deployed > storageMb) {
        problems.push(`${deployed.toLocaleString('en-US')} copies of a ${f.codeSizeMb} MB package are ${((f.codeSizeMb * deployed) / 1024).toFixed(1)} GB of code, more than the Region's ${c.platform.codeStorageGb} GB code storage (a quota AWS can raise)`);
      } else if (f.codeSizeMb === null && perTenant > PRACTICAL_TENANT_FUNCTIONS) {
        problems.push('set codeSizeMb to check the copies against the Region\'s code storage');
      }
      if (problems.length === 0) continue;
      const key = `${f.name}|${problems.join()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const path = ['functions', f.name];
      const message = `warning: function per tenant makes \`${f.name}\` impractical in variant \`${v.name}\`: ${problems.join('; ')}`;
      out.push(s.locate?.(path, message) ?? { file: '(scenario)', line: 1, col: 1, path: path.join('.'), message });
    }
  }
  return out;
}

/** Functions whose memory differs between variants while their durations do not scale with it. */
function memoryWarnings(s: LoadedScenario): ScenarioError[] {
  const names = [...new Set(s.variants.flatMap((v) => v.config.functions.map((f) => f.name)))];
  const out: ScenarioError[] = [];
  for (const name of names) {
    const seen = s.variants.flatMap((v) => v.config.functions.filter((f) => f.name === name).map((f) => ({ variant: v.name, f })));
    if (new Set(seen.map((x) => x.f.memoryMb)).size < 2 || seen.some((x) => x.f.cpuScaling !== null)) continue;
    const path = ['functions', name, 'memoryMb'];
    const message = `warning: the memory of \`${name}\` differs between variants (${seen.map((x) => `${x.f.memoryMb} MB in \`${x.variant}\``).join(', ')}), but its handler and init times do not change with memory unless \`cpuScaling\` says how much of them is CPU-bound: more memory only costs more here`;
    out.push(s.locate?.(path, message) ?? { file: '(scenario)', line: 1, col: 1, path: path.join('.'), message });
  }
  return out;
}

/** Tenant-less traffic entries that reach a tenant-isolated function. */
function tenantlessWarnings(s: LoadedScenario): ScenarioError[] {
  const found = new Map<string, { path: (string | number)[]; functions: Set<string>; variants: string[] }>();
  for (const v of s.variants) {
    for (const [i, t] of v.config.traffic.entries()) {
      if (!t.noTenant) continue;
      const isolated = reached(t, v.config).filter((name) => {
        const f = v.config.functions.find((x) => x.name === name);
        return f !== undefined && TENANCY[f.tenancy].requiresTenantId; // tenant-less calls go to the function's own tier
      });
      if (isolated.length === 0) continue;
      const key = `traffic[${i}]`;
      const entry = found.get(key) ?? { path: ['traffic', i, 'noTenant'], functions: new Set<string>(), variants: [] };
      for (const f of isolated) entry.functions.add(f);
      entry.variants.push(v.name);
      found.set(key, entry);
    }
  }
  return [...found.values()].map(({ path, functions, variants }) => {
    const names = [...functions].map((f) => `\`${f}\``).join(', ');
    const where = variants.length === s.variants.length ? '' : ` in variant${variants.length === 1 ? '' : 's'} ${variants.map((n) => `\`${n}\``).join(', ')}`;
    const message = `warning: this traffic is sent without a tenant id to the tenant-isolated function${functions.size === 1 ? '' : 's'} ${names}${where}, which rejects every such call (InvalidParameterValueException); the rejected calls are counted as failed (rejected), and that variant is not called cheaper or faster for them`;
    return s.locate?.(path, message) ?? { file: '(scenario)', line: 1, col: 1, path: path.join('.'), message };
  });
}
