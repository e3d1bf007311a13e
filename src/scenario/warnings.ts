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
import { PRACTICAL_TENANT_FUNCTIONS, TENANCY } from '../model/platform.js';
import { functionTiers, tierUnits } from '../model/tiers.js';
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
 *  deploy and keep in step (PRACTICAL_TENANT_FUNCTIONS), or more code than the Region's storage holds (every
 *  deployed function's package, all functions of the variant together: the quota is the Region's). */
function functionPerTenantWarnings(s: LoadedScenario): ScenarioError[] {
  const out: ScenarioError[] = [];
  const seen = new Set<string>();
  const warn = (name: string, variant: string, problems: string[]) => {
    const key = `${name}|${problems.join()}`;
    if (seen.has(key)) return;
    seen.add(key);
    const path = ['functions', name];
    const message = `warning: function per tenant makes \`${name}\` impractical in variant \`${variant}\`: ${problems.join('; ')}`;
    out.push(s.locate?.(path, message) ?? { file: '(scenario)', line: 1, col: 1, path: path.join('.'), message });
  };
  for (const v of s.variants) {
    const c = v.config;
    const fns = c.functions.map((f) => {
      const tiers = functionTiers(f, c);
      return { f, perTenant: tiers.filter((t) => TENANCY[t.tenancy].functionPerTenant).reduce((n, t) => n + t.tenants, 0), deployed: tiers.reduce((n, t) => n + tierUnits(t), 0) };
    });
    const silos = fns.filter((x) => x.perTenant > 0);
    if (silos.length === 0) continue;
    const codeMb = fns.reduce((n, x) => n + (x.f.codeSizeMb ?? 0) * x.deployed, 0);
    const storageMb = c.platform.codeStorageGb * 1024;
    const largest = silos.reduce((a, b) => (b.perTenant > a.perTenant ? b : a));
    for (const x of silos) {
      const problems: string[] = [];
      if (x.perTenant > PRACTICAL_TENANT_FUNCTIONS) {
        problems.push(`${x.perTenant.toLocaleString('en-US')} tenant functions to deploy, version and keep in step (more than ${PRACTICAL_TENANT_FUNCTIONS.toLocaleString('en-US')})`);
        if (x.f.codeSizeMb === null) problems.push("set codeSizeMb to check the copies against the Region's code storage");
      }
      if (x === largest && codeMb > storageMb) {
        const mine = x.f.codeSizeMb === null ? '' : `${x.deployed.toLocaleString('en-US')} copies of a ${x.f.codeSizeMb} MB package; `;
        problems.push(`${mine}the variant's functions hold ${(codeMb / 1024).toFixed(1)} GB of code, more than the Region's ${c.platform.codeStorageGb} GB code storage (a quota AWS can raise)`);
      }
      if (problems.length > 0) warn(x.f.name, v.name, problems);
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
  const found = new Map<string, { path: (string | number)[]; functions: Set<string>; variants: string[]; silo: boolean }>();
  for (const v of s.variants) {
    for (const [i, t] of v.config.traffic.entries()) {
      if (!t.noTenant) continue;
      const isolated = reached(t, v.config).filter((name) => {
        const f = v.config.functions.find((x) => x.name === name);
        return f !== undefined && TENANCY[f.tenancy].requiresTenantId; // tenant-less calls go to the function's own tier
      });
      const silo = isolated.some((name) => v.config.functions.some((x) => x.name === name && TENANCY[x.tenancy].functionPerTenant));
      if (isolated.length === 0) continue;
      const key = `traffic[${i}]`;
      const entry = found.get(key) ?? { path: ['traffic', i, 'noTenant'], functions: new Set<string>(), variants: [], silo: false };
      entry.silo ||= silo;
      for (const f of isolated) entry.functions.add(f);
      entry.variants.push(v.name);
      found.set(key, entry);
    }
  }
  return [...found.values()].map(({ path, functions, variants, silo }) => {
    const names = [...functions].map((f) => `\`${f}\``).join(', ');
    const where = variants.length === s.variants.length ? '' : ` in variant${variants.length === 1 ? '' : 's'} ${variants.map((n) => `\`${n}\``).join(', ')}`;
    const message = silo
      ? `warning: this traffic is sent without a tenant id to ${names}${where}, which require${functions.size === 1 ? 's' : ''} one (tenant isolation rejects such a call with InvalidParameterValueException; a function per tenant has no function for it); the rejected calls are counted as failed (rejected), and that variant is not called cheaper or faster for them`
      : `warning: this traffic is sent without a tenant id to the tenant-isolated function${functions.size === 1 ? '' : 's'} ${names}${where}, which rejects every such call (InvalidParameterValueException); the rejected calls are counted as failed (rejected), and that variant is not called cheaper or faster for them`;
    return s.locate?.(path, message) ?? { file: '(scenario)', line: 1, col: 1, path: path.join('.'), message };
  });
}
