/**
 * Where the CLI's shared pieces live: only src/index.ts imports src/cli/main.ts (the commands import what
 * they share from io.ts, scenario-input.ts and output-folder.ts, so there is no import cycle), and the exit
 * codes are defined once, in src/cli/io.ts. Read from the source files, not from running them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

const src = resolve(import.meta.dirname, '..', '..', 'src');

/** Every TypeScript file under src/, as paths relative to src/ with forward slashes. */
const files = readdirSync(src, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.split('\\').join('/'))
  .sort();

const text = (file: string) => readFileSync(join(src, file), 'utf8');

/** The module specifiers of `code`: static imports and re-exports (`... from '...'`, `import '...'`) and `import('...')`. */
function specifiers(code: string): string[] {
  const found: string[] = [];
  for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)(['"])([^'"\n]+)\1/g)) found.push(m[2]);
  return found;
}

/** Whether the relative specifier `spec` in `file` names src/cli/main (with any extension or none). */
function namesCliMain(file: string, spec: string): boolean {
  if (!spec.startsWith('.')) return false;
  const target = relative(src, resolve(src, dirname(file), spec)).split('\\').join('/');
  return target.replace(/\.(js|ts|mjs|mts)$/, '') === 'cli/main';
}

/** `EXIT_` constants defined in `code` (not imported ones). */
const exitConstants = (code: string) => [...code.matchAll(/\b(?:const|let|var)\s+(EXIT_\w*)/g)].map((m) => m[1]);

describe('CLI plumbing', () => {
  test('nothing under src/ but the process entry (src/cli/process.ts) and src/index.ts imports cli/main', () => {
    expect(files).toContain('cli/main.ts');
    const importers = files.filter((f) => specifiers(text(f)).some((s) => namesCliMain(f, s)));
    expect(importers.sort()).toEqual(['cli/process.ts', 'index.ts']);
  });

  test('the exit codes are defined in src/cli/io.ts and in no other file of src/cli/', () => {
    const defining = files.filter((f) => f.startsWith('cli/') && exitConstants(text(f)).length > 0);
    expect(defining).toEqual(['cli/io.ts']);
    expect(exitConstants(text('cli/io.ts')).sort()).toEqual(['EXIT_BAD_INPUT', 'EXIT_INTERNAL', 'EXIT_INTERRUPTED', 'EXIT_OK', 'EXIT_OUTPUT']);
  });

  test('the checks see imports and definitions in every form', () => {
    const code = "import { main } from '../cli/main.js';\nexport { x } from \"./main\";\nconst m = await import('./main.js');\nimport './side.js';\nexport const EXIT_X = 4;";
    expect(specifiers(code)).toEqual(['../cli/main.js', './main', './main.js', './side.js']);
    expect(namesCliMain('run/x.ts', '../cli/main.js')).toBe(true);
    expect(namesCliMain('cli/x.ts', './main')).toBe(true);
    expect(namesCliMain('cli/x.ts', './main-like.js')).toBe(false);
    expect(namesCliMain('model/x.ts', './main.js')).toBe(false);
    expect(exitConstants(code)).toEqual(['EXIT_X']);
  });
});
