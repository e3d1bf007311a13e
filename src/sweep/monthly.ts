/**
 * A run's cost projected to a 30-day month: every volume it billed (requests, on-demand and provisioned
 * billed ms, tenant environments) is multiplied by 30 days / the simulated time and rounded to whole units,
 * then priced by the billing module with the monthly duration tiers applied to the projected volume (AWS
 * tiers by month) and the free tier only if the scenario asks for it. Provisioned concurrency is configured
 * for the whole month.
 */
import { computeRunCost, type CostLines } from '../billing/index.js';
import type { ScenarioConfig } from '../model/config.js';
import type { RunRecord } from '../model/record.js';
import { usageOf } from '../report/summary.js';

/** A 30-day month, ms. */
export const MONTH_MS = 30 * 86_400_000;

/**
 * The exact monthly cost lines (USD) of `record`, or null for a run of no simulated time.
 * @example projectMonthlyCost(record, config)?.total // 1234.56 for a day whose exact cost is $41.15
 */
export function projectMonthlyCost(record: RunRecord, config: ScenarioConfig): CostLines | null {
  if (!(record.horizonMs > 0)) return null;
  const k = MONTH_MS / record.horizonMs;
  const scaled = (x: number) => Math.round(x * k);
  const usages = record.functions.map((fr, f) =>
    usageOf(config.functions[f], MONTH_MS, {
      completed: scaled(fr.completed),
      billedMs: scaled(fr.billedMs),
      provisionedBilledMs: scaled(fr.provisionedBilledMs),
      environmentsCreated: scaled(fr.environmentsCreated),
    }, true),
  );
  return computeRunCost(usages, { tiers: true, freeTier: config.billing.freeTier }).exact;
}
