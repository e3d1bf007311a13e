/**
 * Worker-thread entries bundled from the sources, for tests.
 *
 * Why a bundle: vitest runs the TypeScript sources, but a worker thread is a plain Node.js thread that
 * cannot import .ts files (Node 20 has no type stripping). Rather than test a dist/ that may be stale (or
 * build dist/ while other work edits it), each test process bundles the entry and what it imports with
 * rolldown (the bundler vitest's vite uses; pinned as a dev dependency) into one .mjs file under
 * node_modules/.cache, in about 0.2 s. Packages stay external and resolve from node_modules.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rolldown } from 'rolldown';
import { afterAll } from 'vitest';

export const root = resolve(import.meta.dirname, '..', '..');

const bundles = new Map<string, Promise<URL>>();
const files: string[] = [];
afterAll(() => {
  for (const f of files) rmSync(f, { force: true });
});

/**
 * The module `entry` (a path under src/, e.g. 'sweep/worker.ts') bundled from the current sources, once per
 * test file.
 * @param swap import specifiers to bundle another file for (a path under the repository), e.g. a module
 *   that fails to load
 */
export function bundledWorker(entry: string, swap: Record<string, string> = {}): Promise<URL> {
  const key = `${entry} ${JSON.stringify(swap)}`;
  let url = bundles.get(key);
  if (url === undefined) {
    const file = join(root, 'node_modules', '.cache', 'tenancy-sim-tests', `${key.replace(/\W+/g, '-')}-${process.pid}.mjs`);
    files.push(file);
    const swapping = { name: 'swap', resolveId: (id: string) => (id in swap ? join(root, swap[id]) : null) };
    url = (async () => {
      mkdirSync(dirname(file), { recursive: true });
      const bundle = await rolldown({
        input: join(root, 'src', entry),
        platform: 'node',
        external: (id) => !id.startsWith('.') && !id.startsWith('/'),
        plugins: [swapping],
        logLevel: 'warn',
      });
      try {
        await bundle.write({ file, format: 'esm', codeSplitting: false });
      } finally {
        await bundle.close();
      }
      return pathToFileURL(file);
    })();
    bundles.set(key, url);
  }
  return url;
}
