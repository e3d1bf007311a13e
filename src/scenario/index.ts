/**
 * The scenario layer's public door: load a YAML scenario into validated, normalized configurations (one per
 * variant), format its errors, and describe its format as JSON Schema.
 */
export { formatError, type ScenarioError } from './errors.js';
export { loadScenario, type LoadedScenario, type LoadOptions, type LoadResult } from './load.js';
export { scenarioJsonSchema } from './json-schema.js';
export { scenarioWarnings } from './warnings.js';
