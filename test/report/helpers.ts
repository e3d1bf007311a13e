/**
 * Results folders for report tests: example scenarios run in-process (optionally changed first), with a
 * config.json like the one `tenancy-sim run` writes, in fresh temporary folders.
 */
import { texts } from '../helpers/results.js';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runScenario, type ScenarioRun } from '../../src/run.js';
import { loadScenario, type LoadedScenario } from '../../src/scenario/index.js';

export const root = resolve(import.meta.dirname, '..', '..');

/** A run of `scenarios/<name>.yaml`, its YAML text changed by `edit`, with the scenario loaded. */
export function runExample(name: string, edit: (yaml: string) => string = (y) => y): { loaded: LoadedScenario; run: ScenarioRun } {
  const path = join(root, 'scenarios', `${name}.yaml`);
  const loaded = loadScenario(edit(readFileSync(path, 'utf8')), path);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  return { loaded: loaded.scenario, run: runScenario(loaded.scenario) };
}

/** The files of a run of `scenarios/<name>.yaml`, its YAML text changed by `edit`, with config.json. */
export function runFiles(name: string, edit: (yaml: string) => string = (y) => y): Record<string, string> {
  const { loaded, run } = runExample(name, edit);
  const files: Record<string, string> = texts(run.files);
  // What `run` writes as config.json (the variants' normalized configurations); made here too so these
  // tests do not depend on when run started writing it.
  files['config.json'] ??= JSON.stringify({ variants: loaded.variants.map((v) => ({ name: v.name, config: v.config })) });
  return files;
}

const made: string[] = [];

/** A fresh temporary folder, removed by {@link cleanUp}. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tenancy-sim-report-'));
  made.push(dir);
  return dir;
}

/** Writes `files` into a new folder `results` inside a temporary folder and returns its path. */
export function resultsFolder(files: Record<string, string>): string {
  const dir = join(tempDir(), 'results');
  mkdirSync(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

/** Removes every folder made by {@link tempDir}. */
export function cleanUp(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** tenant-tiers cut to one day: small enough for a golden file, with groups and onboarding. */
export const tenantTiersOneDay = (yaml: string): string => yaml.replace(/^horizon: 14d$/m, 'horizon: 1d');
