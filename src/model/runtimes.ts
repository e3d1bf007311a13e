/**
 * Default init durations by runtime (placeholder signature; the table is filled from lambda-perf data).
 */
import type { DistributionSpec } from '../engine/distribution-spec.js';
import type { Architecture } from './config.js';

/**
 * The default init-duration distribution of a runtime, or undefined when the runtime is unknown.
 */
export function defaultInitDuration(
  runtime: string,
  architecture: Architecture,
  packageType: 'zip' | 'image',
  memoryMb: number,
): DistributionSpec | undefined {
  void runtime; void architecture; void packageType; void memoryMb;
  return undefined;
}

/** Every runtime name `defaultInitDuration` knows, sorted. */
export function knownRuntimes(): string[] {
  return [];
}
