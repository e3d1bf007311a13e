/**
 * Billing: pure functions that turn what a run used into AWS Lambda charges, exact to AWS's published
 * rules and us-east-1 list prices (late 2025). See docs/billing.md.
 */
export type { Architecture, BillableUsage, BillingOptions, CostLines, InitBilling, RunCost } from './types.js';
export { billedDurationMs, initIsBilled, FLOAT_NOISE_MS } from './duration.js';
export { computeRunCost, FREE_TIER_ORDER } from './run-cost.js';
export { attributeCosts } from './attribute.js';
export { BillingError } from './line-items.js';
export * as prices from './prices.js';
