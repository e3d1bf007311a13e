/**
 * Splitting a run's cost over cells (tenants, functions, ...).
 */
import { LINE_KEYS, checkUsages, listPriceAmounts } from './line-items.js';
import type { BillableUsage, CostLines, RunCost } from './types.js';

/**
 * Per-cell attribution of `run.exact`: each cell's list-price line is scaled by (run.exact line / sum of
 * the cells' list-price lines), or 0 when that sum is 0. For cells that partition the run's usage, the
 * cells' lines sum to `run.exact` line by line, to float precision; each cell's `total` is the sum of its
 * lines. Tier discounts and the free tier are thus shared in proportion to list price.
 * @throws BillingError for invalid cells.
 */
export function attributeCosts(cells: BillableUsage[], run: RunCost): CostLines[] {
  checkUsages(cells, 'cells');
  const amounts = cells.map(listPriceAmounts);
  const factor = LINE_KEYS.map((k) => {
    const sum = amounts.reduce((s, a) => s + a[k], 0n);
    return { sum: Number(sum), target: run.exact[k] };
  });
  return amounts.map((a) => {
    const [requests, duration, tenantEnvironments, provisionedConcurrency, ephemeralStorage] = LINE_KEYS.map((k, i) => {
      const { sum, target } = factor[i];
      return sum === 0 ? 0 : target * (Number(a[k]) / sum);
    });
    const total = requests + duration + tenantEnvironments + provisionedConcurrency + ephemeralStorage;
    return { requests, duration, tenantEnvironments, provisionedConcurrency, ephemeralStorage, total };
  });
}
