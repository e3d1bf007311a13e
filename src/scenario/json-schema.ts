/**
 * The JSON Schema (draft 2020-12) of scenario files, generated from the same Zod schema that validates
 * them, for editors (e.g. the YAML language server's `# yaml-language-server: $schema=...`).
 */
import { z } from 'zod';
import { DURATION_PATTERN } from './units.js';
import { DocumentSchema } from './schema/scenario.js';

const VariantOverrides = z
  .record(z.string().regex(/^[A-Za-z0-9._-]+$/), z.record(z.string(), z.unknown()).describe('Overrides deep-merged over the scenario (maps merge key by key; lists and scalars replace; a map over a list of named items, such as tenants.groups, changes the items it names). May not contain name or variants.'))
  .describe('Variants by name, each simulated separately. Default: { shared: { tenancy: shared }, isolated: { tenancy: isolated } }.');

const InputSchema = DocumentSchema.extend({ variants: VariantOverrides.optional() });

/**
 * The JSON Schema of the YAML input format, with a description (units, defaults) on each field and a
 * `pattern` on duration and rate strings. A fresh object on every call.
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(InputSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'tenancy-sim scenario',
    description: `A tenancy-sim scenario: functions, tenants and traffic, simulated once per variant. Durations are strings matching ${DURATION_PATTERN} (e.g. 250ms, 1.5s, 10m, 2h).`,
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
    // functions, or routes with deployments (the Zod schema leaves both optional and normalize checks it)
    anyOf: [{ required: ['functions'] }, { required: ['routes', 'deployments'] }],
  };
}
