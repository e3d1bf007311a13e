/**
 * The README's quick start shows what `npm start` prints: the table of scenarios/saas-1000-tenants.yaml. It
 * must be what the tool prints today (only the results folder's path differs).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { main } from '../src/cli/main.js';

const root = resolve(import.meta.dirname, '..');

test('the quick start output in README.md is what `npm start` prints', async () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const shown = /`npm start` prints[^\n]*\n\n```\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(shown, 'the README shows the output of npm start').toBeDefined();
  const dir = mkdtempSync(join(tmpdir(), 'tenancy-readme-'));
  try {
    let stdout = '';
    const code = await main(['run', 'scenarios/saas-1000-tenants.yaml', '--quiet', '--out', join(dir, 'saas-1000-tenants')], { stdout: (s) => void (stdout += s), stderr: () => {}, cwd: root });
    expect(code).toBe(0);
    expect(stdout.replace(/^results written to .*$/m, 'results written to /path/to/results/saas-1000-tenants')).toBe(shown);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
