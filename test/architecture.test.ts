/**
 * Imports point one way (docs/architecture.md): each folder of src/ may import only the folders below it in
 * the table, so the engine and billing know nothing of Lambda's model, the model nothing of files and
 * reports, and the report nothing of the simulation. The core touches no file system, process or console.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

const src = resolve(import.meta.dirname, '..', 'src');

/** What each folder (or top-level file) of src/ may import, besides itself and npm packages. */
const ALLOWED: Record<string, readonly string[]> = {
  engine: [],
  text: [],
  billing: [],
  traces: ['engine', 'text'],
  model: ['engine', 'billing', 'traces'],
  scenario: ['engine', 'text', 'traces', 'model'],
  results: ['billing', 'model', 'text'],
  report: ['billing', 'results', 'text'],
  calibrate: ['engine', 'model', 'text'],
  validation: ['model', 'scenario'],
  sweep: ['engine', 'billing', 'model', 'scenario', 'results', 'report', 'text'],
  'run.ts': ['model', 'results', 'scenario'],
  cli: ['billing', 'calibrate', 'model', 'scenario', 'results', 'report', 'sweep', 'text', 'run.ts'],
  'index.ts': ['engine', 'billing', 'model', 'scenario', 'results', 'report', 'cli', 'run.ts'],
};

/** Folders whose code must not touch the file system, the process or the console. */
const PURE = ['engine', 'text', 'billing', 'model', 'results', 'report'];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []));
}

/** The top-level folder (or file) of src/ a path is in. */
const part = (path: string): string => relative(src, path).split('/')[0];

/** Every relative import of a file, as the part of src/ it points into. */
function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => part(resolve(file, '..', m[1]).replace(/\.js$/, '.ts')));
}

describe('imports point one way', () => {
  const all = files(src);

  test('every part of src/ is in the table', () => {
    expect([...new Set(all.map(part))].filter((p) => !(p in ALLOWED))).toEqual([]);
  });

  test('each part imports only what the table allows', () => {
    const wrong = all.flatMap((f) => imports(f).filter((to) => to !== part(f) && !ALLOWED[part(f)].includes(to)).map((to) => `${relative(src, f)} -> ${to}`));
    expect(wrong).toEqual([]);
  });

  test('the table itself has no cycle', () => {
    const seen = new Set<string>();
    const visit = (p: string, path: string[]): void => {
      expect(path, `${path.join(' -> ')} -> ${p}`).not.toContain(p);
      if (seen.has(p)) return;
      for (const q of ALLOWED[p]) visit(q, [...path, p]);
      seen.add(p);
    };
    for (const p of Object.keys(ALLOWED)) visit(p, []);
  });

  test('the core touches no file system, process or console', () => {
    const wrong = all.filter((f) => PURE.includes(part(f))).filter((f) => {
      const code = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      return /from 'node:fs|\bprocess\.|\bconsole\./.test(code);
    });
    expect(wrong.map((f) => relative(src, f))).toEqual([]);
  });
});
