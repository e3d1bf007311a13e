/**
 * Runs every variant of a loaded scenario and renders the results. No file system, no console.
 */
import { simulate } from './model/simulation.js';
import { renderOutputs, summaryDocument, type VariantResult, variantResult } from './report/outputs.js';
import type { SummaryDocument } from './report/outputs.js';
import type { LoadedScenario } from './scenario/index.js';

/** What running a scenario produced. */
export interface ScenarioRun {
  results: VariantResult[];
  summary: SummaryDocument;
  /** Output file name -> content. */
  files: Record<string, string>;
}

/**
 * Simulates each variant in turn (each from the same seed, so they share arrivals, tenants and handler
 * durations) and renders summary.json and the CSV files.
 * @param onVariant called after each variant, for progress
 */
export function runScenario(scenario: LoadedScenario, onVariant?: (name: string, index: number, of: number) => void): ScenarioRun {
  const results = scenario.variants.map((v, i) => {
    const r = variantResult(v.config, simulate(v.config, v.name));
    onVariant?.(v.name, i, scenario.variants.length);
    return r;
  });
  return { results, summary: summaryDocument(results), files: renderOutputs(results) };
}
