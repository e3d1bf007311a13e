/**
 * Validates one scenario document (the base merged with one variant's overrides) into a
 * {@link ScenarioConfig}: field checks by the schema first, then, once every field is valid, the rules that
 * involve several fields (they need the converted values).
 */
import { z } from 'zod';
import type { ScenarioConfig } from '../model/config.js';
import { crossChecks } from './checks.js';
import { DEFAULT_SEED } from './defaults.js';
import { type Problem, genericMessage, problemsFromIssues } from './issues.js';
import { normalize } from './normalize.js';
import { DocumentSchema, documentShape } from './schema/scenario.js';

/** A validated document: its configuration, or its problems (never both). */
export type Validated = { ok: true; config: ScenarioConfig } | { ok: false; problems: Problem[] };

/**
 * Checks `value` against the scenario format and builds its configuration.
 * @param functionOrder function names in file order (see {@link normalize})
 */
export function validateDocument(value: unknown, functionOrder: readonly string[] = []): Validated {
  const reserved = reservedKeys(value);
  if (reserved.length > 0) return { ok: false, problems: reserved };
  const parsed = DocumentSchema.safeParse(value, { error: genericMessage });
  if (!parsed.success) return { ok: false, problems: problemsFromIssues(parsed.error.issues, DocumentSchema, value) };
  const { config, problems } = normalize(parsed.data, functionOrder);
  const modes = parsed.data.traffic.map((t) => t.mode !== undefined);
  for (const p of crossChecks(config, modes)) problems.push(p);
  return problems.length ? { ok: false, problems } : { ok: true, config };
}

/**
 * Problems of the values present in `value`, ignoring absent keys: run on the base document, so that a
 * wrong value is reported even when every variant overrides it, while keys that variants supply may be
 * left out of the base.
 */
export function presentValueProblems(value: unknown): Problem[] {
  const reserved = reservedKeys(value);
  if (reserved.length > 0) return reserved;
  const parsed = DocumentSchema.safeParse(value, { error: genericMessage });
  if (parsed.success) return [];
  return problemsFromIssues(parsed.error.issues, DocumentSchema, value).filter((p) => !p.missing);
}

const HeaderSchema = z.object({
  name: documentShape.name,
  description: documentShape.description,
  seed: documentShape.seed,
  horizon: documentShape.horizon,
});

/** The scenario-level fields of the base document: name, description, seed and horizon, with defaults. */
export type Header = { name: string; description: string; seed: number; horizonMs: number | null };

/** Reads the scenario-level fields of the base document (other keys are ignored here). */
export function readHeader(base: unknown): { ok: true; header: Header } | { ok: false; problems: Problem[] } {
  const parsed = HeaderSchema.safeParse(base, { error: genericMessage });
  if (!parsed.success) return { ok: false, problems: problemsFromIssues(parsed.error.issues, HeaderSchema, base) };
  const d = parsed.data;
  return { ok: true, header: { name: d.name, description: d.description ?? '', seed: d.seed ?? DEFAULT_SEED, horizonMs: d.horizon ?? null } };
}

/**
 * Keys named `__proto__` anywhere in `value`: as a key of a map (functions, routes, deployments) it would set
 * the map's prototype when the document is converted, and the entry would silently disappear, so it is
 * refused where it stands.
 */
function reservedKeys(value: unknown, path: (string | number)[] = []): Problem[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => reservedKeys(v, [...path, i]));
  if (value === null || typeof value !== 'object') return [];
  return Object.keys(value).flatMap((k) =>
    k === '__proto__'
      ? [{ path: [...path, k], message: '`__proto__` is reserved: choose another name' }]
      : reservedKeys((value as Record<string, unknown>)[k], [...path, k]),
  );
}
