import type { BillableUsage } from '../../src/billing/index.js';

/** A usage with everything zero or default except what `over` sets. */
export function usage(over: Partial<BillableUsage> = {}): BillableUsage {
  return {
    architecture: 'x86_64', memoryMb: 1024, ephemeralStorageMb: 512, requests: 0, billedMs: 0,
    provisionedBilledMs: 0, tenantEnvironments: 0, provisionedConcurrency: 0, provisionedMs: 0, ...over,
  };
}

export const LIST = { tiers: false, freeTier: false } as const;
