#!/usr/bin/env node
// Reruns every validation check (closed forms and a published peer) and prints the table;
// `--markdown` prints it as the table in docs/validation.md. Exit code 1 if any check fails.
import { validationChecks } from '../dist/validation/checks.js';

const markdown = process.argv.includes('--markdown');
const checks = validationChecks();
const fmt = (x) => (Math.abs(x) >= 1 ? x.toFixed(3) : x.toPrecision(4));
const tol = (t) => [t.absolute !== undefined ? `±${t.absolute}` : '', t.relative !== undefined ? `±${t.relative * 100}%` : ''].filter(Boolean).join(', ');
const rows = checks.map((c) => [c.name, c.source, fmt(c.expected), fmt(c.measured), tol(c.tolerance), c.pass ? 'pass' : 'FAIL']);
const head = ['check', 'source', 'expected', 'measured', 'tolerance', 'result'];
if (markdown) {
  console.log(`| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
} else {
  const all = [head, ...rows];
  const w = head.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  for (const r of all) console.log(r.map((x, i) => x.padEnd(w[i])).join('  '));
  console.log(`\n${checks.filter((c) => c.pass).length} passed, ${checks.filter((c) => !c.pass).length} failed`);
}
process.exitCode = checks.every((c) => c.pass) ? 0 : 1;
