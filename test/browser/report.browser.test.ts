/**
 * report.html in a real browser: Playwright drives a headless Chromium (CHROMIUM_PATH, a system Chromium, or
 * the one @sparticuz/chromium ships; see test/helpers/browser.ts) to open the page from a file:// address,
 * checks that every chart's SVG drew marks, that the page logged no error and made no request at all,
 * prints it to PDF, and saves a screenshot (its path is printed). It never skips: without a browser it fails.
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, expect, test } from 'vitest';
import { readResults } from '../../src/results/index.js';
import { writeReports } from '../../src/cli/report-command.js';
import { cleanUp, resultsFolder, root, runFiles, tenantTiersOneDay } from '../report/helpers.js';
import { runSensitivity } from '../../src/sweep/sensitivity.js';
import { CHROMIUM_ARGS, findChromium } from '../helpers/browser.js';

afterAll(cleanUp);

/** What a report.html looks like in Chromium: each chart's id, width, marks and marks drawn; the title; the
 *  section headings; console errors and requests made; a screenshot and a PDF printed from it. */
async function inChromium(file: string) {
  const chromiumFound = await findChromium();
  console.log(`browser: ${chromiumFound.source}, ${chromiumFound.path}`);
  const url = pathToFileURL(file).href;
  const browser = await chromium.launch({ executablePath: chromiumFound.path, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
    page.on('request', (r) => {
      if (r.url() !== url) requests.push(r.url());
    });
    await page.goto(url, { waitUntil: 'load' });

    const charts = await page.$$eval('figure.chart', (figs) => figs.map((f) => {
      const svg = f.querySelector('svg');
      const marks = [...f.querySelectorAll('svg .role-mark path, svg .role-mark rect, svg .role-mark line')];
      const drawn = marks.filter((m) => {
        const box = (m as unknown as { getBBox(): { width: number; height: number } }).getBBox(); // DOM types are not in this project's lib
        return box.width > 0 || box.height > 0;
      });
      return { id: f.getAttribute('data-chart'), width: svg?.getBoundingClientRect().width ?? 0, marks: marks.length, drawn: drawn.length };
    }));
    const title = await page.title();
    const headings = await page.locator('h2').allTextContents();
    const subheadings = await page.locator('h3').allTextContents();

    const shots = mkdtempSync(join(tmpdir(), 'tenancy-sim-report-screenshot-')); // kept, to be looked at
    const screenshot = join(shots, 'report.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    await page.emulateMedia({ media: 'print' });
    const pdf = join(shots, 'report.pdf');
    writeFileSync(pdf, await page.pdf({ format: 'A4', printBackground: true }));
    console.log(`report.html screenshot: ${screenshot}\nprinted to PDF: ${pdf}`);
    return { charts, title, headings, subheadings, errors, requests, screenshot, pdf };
  } finally {
    await browser.close();
  }
}

/** Every chart drew, the page printed, and it logged no error and made no request. */
function expectClean(r: Awaited<ReturnType<typeof inChromium>>): void {
  for (const c of r.charts) {
    expect(c.width, c.id ?? '').toBeGreaterThan(100);
    expect(c.marks, c.id ?? '').toBeGreaterThan(0);
    expect(c.drawn, c.id ?? '').toBeGreaterThan(0);
  }
  expect(statSync(r.screenshot).size).toBeGreaterThan(10_000);
  expect(statSync(r.pdf).size).toBeGreaterThan(10_000);
  expect(r.errors).toEqual([]);
  expect(r.requests).toEqual([]);
}

test('report.html renders every chart in Chromium, offline, without errors', async () => {
  const files = runFiles('tenant-tiers', tenantTiersOneDay);
  const dir = resultsFolder(files);
  // with a sensitivity analysis (run --sensitivity) of the same scenario cut to two hours, for its tornado chart
  const yaml = readFileSync(join(root, 'scenarios', 'tenant-tiers.yaml'), 'utf8').replace(/^horizon: 14d$/m, 'horizon: 2h');
  const sensitivity = await runSensitivity(yaml, 'tenant-tiers.yaml', { baseDir: join(root, 'scenarios'), workers: 0 });
  await writeReports(dir, { ...readResults(files), sensitivity }, { formats: ['report.html'] });
  const r = await inChromium(join(dir, 'report.html'));
  expect(r.charts.map((c) => c.id)).toEqual(['cold-starts', 'latency', 'cost', 'over-time', 'tenant-cold-starts', 'sensitivity']);
  expect(r.title).toBe('What tenant-tiers costs, variant by variant');
  expect(r.headings).toEqual([
    'Findings', 'Variants side by side', 'Cost per 30-day month', 'Limits headroom', 'Environments over time', 'Tenants', 'How much the unknowns move the answer', 'About these numbers',
  ]);
  expectClean(r);
});

test('the isolation designs report renders its designs section and chart in Chromium', async () => {
  const files = runFiles('isolation-designs', (yaml) => yaml.replace(/^horizon: 7d$/m, 'horizon: 1d'));
  const dir = resultsFolder(files);
  await writeReports(dir, readResults(files), { formats: ['report.html'] });
  const r = await inChromium(join(dir, 'report.html'));
  expect(r.charts.map((c) => c.id)).toEqual(['cold-starts', 'latency', 'designs', 'cost', 'over-time', 'tenant-cold-starts']);
  expect(r.headings).toEqual(['Findings', 'Variants side by side', 'Designs compared', 'Cost per 30-day month', 'Limits headroom', 'Environments over time', 'Tenants', 'About these numbers']);
  expect(r.subheadings).toContain('Is warming worth it? isolated-warmers');
  expectClean(r);
});
