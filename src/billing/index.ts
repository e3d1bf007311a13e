/**
 * Billing: pure functions that turn usage into AWS Lambda charges, exact to AWS's published rules and
 * us-east-1 list prices (late 2025). Knows nothing of the simulation. See docs/billing.md.
 */
export type {
  Architecture, BillableUsage, BillingOptions, BillLine, CostLines, InitBilling, LineKey, PricedPart, RunCost,
} from './types.js';
export { LINE_KEYS, LINE_LABELS } from './types.js';
export { billedDurationMs, initIsBilled, FLOAT_NOISE_MS } from './duration.js';
export { computeRunCost, FREE_TIER_ORDER } from './run-cost.js';
export { monthlyCost, MONTH_MS, scaleUsage, type MonthlyCost } from './month.js';
export { attributeCosts } from './attribute.js';
export { BillingError } from './line-items.js';
export * as prices from './prices.js';
