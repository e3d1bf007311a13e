/**
 * `loadScenario`: YAML text in, every variant's validated {@link ScenarioConfig} out, or every problem of
 * the file, each located at its line and column.
 */
import type { VariantConfig } from '../model/config.js';
import { type PathSegment, type ScenarioError, describeValue, formatPath, isPlainObject } from './errors.js';
import type { Problem } from './issues.js';
import { mapKeysAt, offsetOf } from './locate.js';
import { listNames } from '../text/suggest.js';
import { byNameProblems, DEFAULT_VARIANTS, type VariantSource, deepMerge, place, readVariants } from './variants.js';
import { presentValueProblems, readHeader, validateDocument } from './validate.js';
import { type YamlSource, errorAt, readYaml } from './yaml-source.js';

/** A scenario ready to simulate: its header and one configuration per variant. */
export interface LoadedScenario {
  name: string;
  description: string;
  /** The scenario's seed (or `options.seed`). Default: 1. */
  seed: number;
  /** The scenario's horizon (ms), or null when it has none. */
  horizonMs: number | null;
  /** In file order, or in the order of `options.variants`. */
  variants: VariantConfig[];
  /** Places a message at a key of the file (for problems found after loading, such as in a trace's data). */
  locate?: (path: readonly PathSegment[], message: string) => ScenarioError;
}

/** The outcome of {@link loadScenario}. */
export type LoadResult = { ok: true; scenario: LoadedScenario } | { ok: false; errors: ScenarioError[] };

/** Options of {@link loadScenario}. */
export interface LoadOptions {
  /** Replaces the seed of the scenario and of every variant. Default: the scenario's. */
  seed?: number;
  /** Keep only these variants, in this order (duplicates ignored). Default (or empty): all, in file order. */
  variants?: string[];
}

/** A problem found while building (or completing) one variant, placed in the file. */
export interface Found {
  error: ScenarioError;
  /** Variant it was found in; undefined for problems of the whole file. */
  variant?: string;
  inOverrides: boolean;
}

function located(source: YamlSource, path: readonly PathSegment[], message: string, target: Problem['target']): ScenarioError {
  return errorAt(source, offsetOf(source.doc, path, target), message, formatPath(path));
}

function atFileStart(source: YamlSource, path: string, message: string): ScenarioError {
  return { file: source.file, line: 1, col: 1, path, message };
}

/**
 * Problems found in every variant are shown once; problems of the base found in only some name them
 * (`builtIn`: the variants are the built-in shared and isolated, which the message then says).
 */
export function mergeVariantProblems(found: readonly Found[], variantCount: number, builtIn: boolean): ScenarioError[] {
  const groups = new Map<string, { first: Found; variants: Set<string> }>();
  for (const f of found) {
    const e = f.error;
    const key = `${e.line}:${e.col}:${e.path}:${e.message}`;
    const g = groups.get(key) ?? { first: f, variants: new Set<string>() };
    g.variants.add(f.variant ?? '*');
    groups.set(key, g);
  }
  return [...groups.values()].map(({ first, variants }) => {
    if (first.inOverrides || variants.has('*') || variants.size >= variantCount) return first.error;
    const names = listNames([...variants]);
    const why = builtIn ? '; without a `variants` section every scenario runs as `shared` and as `isolated`' : '';
    return { ...first.error, message: `${first.error.message} (in variant${variants.size > 1 ? 's' : ''} ${names}${why})` };
  });
}

function selectVariants(all: VariantSource[], wanted: readonly string[] | undefined): VariantSource[] | string {
  if (!wanted || wanted.length === 0) return all;
  const names = all.map((v) => v.name);
  const unknown = wanted.filter((w) => !names.includes(w));
  if (unknown.length) return `unknown variant${unknown.length > 1 ? 's' : ''} ${listNames(unknown)}; known variants: ${listNames(names)}`;
  return [...new Set(wanted)].map((w) => all.find((v) => v.name === w) as VariantSource);
}

/** The variants to build and the problems of the `variants` section and of `options.variants`. */
function planVariants(source: YamlSource, doc: Record<string, unknown>, wanted: readonly string[] | undefined) {
  const hasSection = Object.hasOwn(doc, 'variants');
  const section = hasSection ? readVariants(doc.variants, mapKeysAt(source.doc, ['variants'])) : { variants: [...DEFAULT_VARIANTS], problems: [] };
  const found: Found[] = section.problems.map((p) => ({ error: located(source, p.path, p.message, p.target), inOverrides: true }));
  // a broken section still gets the base document checked, as one variant without overrides
  if (found.length) return { variants: [{ name: '(base)', overrides: {}, builtIn: true }], found, hasSection };
  const selected = selectVariants(section.variants, wanted);
  if (typeof selected === 'string') found.push({ error: atFileStart(source, 'variants', selected), inOverrides: true });
  return { variants: typeof selected === 'string' ? section.variants : selected, found, hasSection };
}

function buildVariants(source: YamlSource, base: Record<string, unknown>, variants: VariantSource[], seed: number | undefined) {
  const found: Found[] = [];
  const configs: VariantConfig[] = [];
  for (const v of variants) {
    const order = [...mapKeysAt(source.doc, ['functions']), ...(v.builtIn ? [] : mapKeysAt(source.doc, ['variants', v.name, 'functions']))];
    const unknown = byNameProblems(base, v.overrides);
    if (unknown.length > 0) {
      for (const p of unknown) found.push({ error: located(source, ['variants', v.name, ...p.path], p.message, p.target), variant: v.name, inOverrides: true });
      continue;
    }
    const result = validateDocument(deepMerge(base, v.overrides), order);
    if (result.ok) {
      configs.push({ name: v.name, config: { ...result.config, seed: seed ?? result.config.seed } });
      continue;
    }
    for (const p of result.problems) {
      const at = place(p, v, base);
      found.push({ error: located(source, at.path, at.message, p.target), variant: v.name, inOverrides: at.inOverrides });
    }
  }
  return { found, configs };
}

/** Problems of the options and of the values written in the base document (the file without `variants`). */
function baseProblems(source: YamlSource, base: Record<string, unknown>, header: ReturnType<typeof readHeader>, options: LoadOptions): Found[] {
  const found: Found[] = [];
  const { seed } = options;
  if (seed !== undefined && !(Number.isSafeInteger(seed) && seed >= 0)) {
    found.push({ error: atFileStart(source, 'seed', `the seed option must be an integer >= 0, got ${seed}`), inOverrides: false });
  }
  const problems = [...(header.ok ? [] : header.problems), ...presentValueProblems(base)];
  return [...found, ...problems.map((p) => ({ error: located(source, p.path, p.message, p.target), inOverrides: false }))];
}

/** Longest scenario text accepted: 2 MiB (characters here, bytes in a file). A real scenario is a few
 *  kilobytes; this keeps a wrong file (a trace, a binary) from taking minutes to parse. */
export const MAX_SCENARIO_CHARS = 2 * 1024 * 1024;

/**
 * The problem of a scenario of `size` characters or bytes, more than {@link MAX_SCENARIO_CHARS} (null: larger
 * than that, by how much is unknown).
 */
export function scenarioTooLarge(size: number | null): string {
  const mb = size === null ? `larger than ${MAX_SCENARIO_CHARS / 1024 / 1024}` : (size / 1024 / 1024).toFixed(2);
  return `the scenario is ${mb} MB; scenario files are limited to ${MAX_SCENARIO_CHARS / 1024 / 1024} MB (describe traffic with patterns, not one entry per call)`;
}

/**
 * Loads a scenario from YAML `text`; `file` is only used in error locations. Never throws for bad input.
 * @example loadScenario(text, 'scenarios/saas.yaml', { seed: 42, variants: ['isolated'] })
 */
export function loadScenario(text: string, file: string, options: LoadOptions = {}): LoadResult {
  if (text.length > MAX_SCENARIO_CHARS) {
    return { ok: false, errors: [{ file, line: 1, col: 1, path: '(file)', message: scenarioTooLarge(text.length) }] };
  }
  const read = readYaml(text, file);
  if (!read.ok) return { ok: false, errors: sortErrors(read.errors) };
  const { source, value } = read;
  if (!isPlainObject(value)) {
    const got = value === null ? 'an empty document' : describeValue(value);
    return { ok: false, errors: [located(source, [], `expected a map with at least the keys \`name\`, \`functions\` and \`traffic\`, got ${got}`, 'value')] };
  }
  const base: Record<string, unknown> = { ...value };
  delete base.variants;
  const plan = planVariants(source, value, options.variants);
  const built = buildVariants(source, base, plan.variants, options.seed);
  const header = readHeader(base);
  const found = [...baseProblems(source, base, header, options), ...plan.found, ...built.found];
  if (found.length > 0 || !header.ok) return { ok: false, errors: sortErrors(mergeVariantProblems(found, plan.variants.length, !plan.hasSection)) };
  const scenario: LoadedScenario = { ...header.header, seed: options.seed ?? header.header.seed, variants: built.configs };
  // not enumerable: a loaded scenario stays plain data to compare and print
  Object.defineProperty(scenario, 'locate', { value: (path: readonly PathSegment[], message: string) => located(source, path, message, 'value') });
  return { ok: true, scenario };
}

function sortErrors(errors: ScenarioError[]): ScenarioError[] {
  return errors.map((e, i) => [e, i] as const).sort(([a, i], [b, j]) => a.line - b.line || a.col - b.col || i - j).map(([e]) => e);
}
