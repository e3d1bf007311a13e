/**
 * AWS Lambda list prices, us-east-1 (US East, N. Virginia), as published in late 2025, as plain data.
 *
 * Every price is an integer number of 1e-10 USD (`e10Usd`), so that price x MB x ms is an exact integer and
 * all money arithmetic can be done in BigInt without rounding (see `money.ts`). A GB is 1,024 MB; a second
 * is 1,000 ms. Sources (all read 2025-11):
 * - pricing page: https://aws.amazon.com/lambda/pricing/
 * - tiers: AWS Compute Blog, "Introducing tiered pricing for AWS Lambda" (2022-08),
 *   https://aws.amazon.com/blogs/compute/introducing-tiered-pricing-for-aws-lambda/
 */
import type { Architecture } from './types.js';

/** Where the prices come from. */
export const PRICING_PAGE = 'https://aws.amazon.com/lambda/pricing/';
/** Source of the duration tiers. */
export const TIERS_BLOG = 'https://aws.amazon.com/blogs/compute/introducing-tiered-pricing-for-aws-lambda/';
/** Month in which the prices were read. */
export const PRICES_AS_OF = '2025-11';

/** One list price: `e10Usd` (an integer) units of 1e-10 USD per `per`. */
export interface ListPrice {
  readonly e10Usd: number;
  readonly per: 'request' | 'GB-s' | 'GB';
  /** Public source, with the price as published. */
  readonly source: string;
  /** Month the price was read, `YYYY-MM`. */
  readonly asOf: string;
}

/** A monthly duration volume tier: `sizeGbSeconds` GB-s (null: unlimited) at `price`. */
export interface DurationTier {
  readonly sizeGbSeconds: number | null;
  readonly price: ListPrice;
}

const price = (e10Usd: number, per: ListPrice['per'], source: string): ListPrice => ({ e10Usd, per, source, asOf: PRICES_AS_OF });

/** $0.20 per 1M requests = 2,000e-10 USD a request, x86 and arm (pricing page). */
export const REQUEST_PRICE: ListPrice = price(2_000, 'request', `$0.20 per 1M requests, ${PRICING_PAGE}`);

/** On-demand duration, per architecture, tiers in order of monthly volume (tiers blog; pricing page). */
export const DURATION_TIERS: Readonly<Record<Architecture, readonly DurationTier[]>> = {
  x86_64: [
    { sizeGbSeconds: 6e9, price: price(166_667, 'GB-s', `$0.0000166667 per GB-s, first 6B GB-s/month, ${TIERS_BLOG}`) },
    { sizeGbSeconds: 9e9, price: price(150_000, 'GB-s', `$0.0000150000 per GB-s, next 9B GB-s/month, ${TIERS_BLOG}`) },
    { sizeGbSeconds: null, price: price(133_334, 'GB-s', `$0.0000133334 per GB-s, over 15B GB-s/month, ${TIERS_BLOG}`) },
  ],
  arm64: [
    { sizeGbSeconds: 7.5e9, price: price(133_334, 'GB-s', `$0.0000133334 per GB-s, first 7.5B GB-s/month, ${TIERS_BLOG}`) },
    { sizeGbSeconds: 11.25e9, price: price(120_001, 'GB-s', `$0.0000120001 per GB-s, next 11.25B GB-s/month, ${TIERS_BLOG}`) },
    { sizeGbSeconds: null, price: price(106_667, 'GB-s', `$0.0000106667 per GB-s, over 18.75B GB-s/month, ${TIERS_BLOG}`) },
  ],
};

/** $0.000167 per GB of configured memory for each tenant-isolated environment created, x86 and arm
 *  (pricing page, "tenant isolation"; launched 2025-11-19). */
export const TENANT_ENVIRONMENT_PRICE: ListPrice = price(1_670_000, 'GB', `$0.000167 per GB per environment created, ${PRICING_PAGE}`);

/** $0.0000000309 per GB-s of ephemeral storage configured above the free 512 MB, x86 and arm (pricing page). */
export const EPHEMERAL_STORAGE_PRICE: ListPrice = price(309, 'GB-s', `$0.0000000309 per GB-s above 512 MB, ${PRICING_PAGE}`);
/** Ephemeral storage included at no charge, MB (pricing page). */
export const FREE_EPHEMERAL_STORAGE_MB = 512;

/** Provisioned concurrency, per GB-s configured (pricing page). */
export const PROVISIONED_CONCURRENCY_PRICE: Readonly<Record<Architecture, ListPrice>> = {
  x86_64: price(41_667, 'GB-s', `$0.0000041667 per GB-s configured, ${PRICING_PAGE}`),
  arm64: price(33_334, 'GB-s', `$0.0000033334 per GB-s configured (Arm), ${PRICING_PAGE}`),
};
/** Provisioned concurrency is billed from enable to disable, "rounded up to the nearest 5 minutes" (pricing page). */
export const PROVISIONED_STEP_MS = 300_000;

/** Duration of invocations that run on provisioned environments, per GB-s (pricing page). Not tiered. */
export const PROVISIONED_DURATION_PRICE: Readonly<Record<Architecture, ListPrice>> = {
  x86_64: price(97_222, 'GB-s', `$0.0000097222 per GB-s, ${PRICING_PAGE}`),
  arm64: price(77_778, 'GB-s', `$0.0000077778 per GB-s (Arm), ${PRICING_PAGE}`),
};

/** Monthly free tier: 1M requests and 400,000 GB-s of on-demand duration; "does not apply to functions that
 *  have Provisioned Concurrency enabled" (pricing page). */
export const FREE_TIER = { requests: 1_000_000, gbSeconds: 400_000, source: PRICING_PAGE, asOf: PRICES_AS_OF } as const;
