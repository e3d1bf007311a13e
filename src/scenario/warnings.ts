/**
 * What a valid scenario may still get wrong without meaning to: warnings, located like problems, that do not
 * stop a run (exit 0). Today one: traffic sent without a tenant id to a tenant-isolated function, which AWS
 * rejects (every such call fails with InvalidParameterValueException), so the variant does less work than
 * the others and must not be compared as if it had not.
 */
import { TENANCY } from '../model/platform.js';
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
  const found = new Map<string, { path: (string | number)[]; functions: Set<string>; variants: string[] }>();
  for (const v of s.variants) {
    for (const [i, t] of v.config.traffic.entries()) {
      if (!t.noTenant) continue;
      const isolated = reached(t, v.config).filter((name) => {
        const f = v.config.functions.find((x) => x.name === name);
        return f !== undefined && TENANCY[f.tenancy].requiresTenantId;
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
