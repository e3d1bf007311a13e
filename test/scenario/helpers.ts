/** Shared helpers of the scenario tests. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { type LoadedScenario, type ScenarioError, loadScenario } from '../../src/scenario/index.js';

/** The text of a fixture in test/fixtures/scenarios. */
export function fixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../fixtures/scenarios/${name}`, import.meta.url)), 'utf8');
}

/** Loads `text`, failing the test with the errors when it does not load. */
export function loadOk(text: string, options?: Parameters<typeof loadScenario>[2]): LoadedScenario {
  const r = loadScenario(text, 'test.yaml', options);
  if (!r.ok) expect.fail(`expected the scenario to load, got:\n${r.errors.map((e) => `${e.line}:${e.col} ${e.path}: ${e.message}`).join('\n')}`);
  return r.scenario;
}

/** Loads `text`, failing the test when it loads; returns the errors. */
export function loadErrors(text: string, options?: Parameters<typeof loadScenario>[2]): ScenarioError[] {
  const r = loadScenario(text, 'test.yaml', options);
  if (r.ok) expect.fail('expected errors, the scenario loaded');
  return r.errors;
}

/** The errors as `line:col path: message` lines, easy to compare and to read in a failure. */
export function brief(errors: readonly ScenarioError[]): string[] {
  return errors.map((e) => `${e.line}:${e.col} ${e.path}: ${e.message}`);
}

/** A minimal valid scenario, with `extra` appended (YAML text). */
export function minimal(extra = ''): string {
  return `name: t
functions:
  api: { runtime: python3.13, duration: 5ms }
traffic:
  - { function: api, sequential: { interval: 1s } }
${extra}`;
}
