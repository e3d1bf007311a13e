/**
 * report.md and report.html: hostile text is escaped, the HTML page is self-contained and holds every chart,
 * and missing files or a single variant give a report that says so.
 */
import { describe, expect, test } from 'vitest';
import { readResults } from '../../src/results/index.js';
import { buildReports } from '../../src/report/index.js';
import { escapeHtml } from '../../src/report/html.js';
import { escapeMarkdown } from '../../src/report/markdown.js';
import { runFiles } from './helpers.js';

const files = runFiles('seed-20-tenants');
const HOSTILE = '<script>alert("x")</script> *bold* _em_ [link](http://evil.example) | pipe & `tick` @someone # x86_64';

/** The files with hostile text in the description, a variant name and a tenant id. */
function hostileFiles(): Record<string, string> {
  const summary = JSON.parse(files['summary.json']);
  summary.description = `${HOSTILE}\n- looks like a list`;
  summary.variants[1].name = '<img src=x onerror=alert(1)>';
  const config = JSON.parse(files['config.json']);
  config.variants[1].name = summary.variants[1].name;
  const rename = (csv: string) => csv.replace(/^isolated,/gm, '"<img src=x onerror=alert(1)>",');
  return {
    'summary.json': JSON.stringify(summary),
    'config.json': JSON.stringify(config),
    'tenants.csv': rename(files['tenants.csv']).replace(/,tenant-12,/g, ',"<b>|t|</b>",'),
    'groups.csv': rename(files['groups.csv']),
    'timeseries.csv': rename(files['timeseries.csv']),
  };
}

/** The `<figure class="chart">` elements of a page: data-chart id -> inner HTML. */
function figures(html: string): Map<string, string> {
  return new Map([...html.matchAll(/<figure class="chart" data-chart="([^"]+)">([\s\S]*?)<\/figure>/g)].map((m) => [m[1], m[2]]));
}

describe('escaping', () => {
  test('a code span cannot be closed early by backticks in the code', async () => {
    const { codeSpan } = await import('../../src/report/markdown.js');
    expect(codeSpan('plain')).toBe('`plain`');
    expect(codeSpan('a`b')).toBe('``a`b``');
    expect(codeSpan('x``<img src=x onerror=alert(1)>``y')).toBe('```x``<img src=x onerror=alert(1)>``y```');
    expect(codeSpan('`edge`')).toBe('`` `edge` ``');
  });

  test('Markdown escaping leaves no markup, and keeps underscores inside words', () => {
    expect(escapeMarkdown('a|b *c* [d](e) <f> x86_64 _g_')).toBe('a\\|b \\*c\\* \\[d\\](e) \\<f\\> x86_64 \\_g\\_');
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  test('no untrusted text becomes a link (GitHub autolinks) or carries control characters', () => {
    expect(escapeMarkdown('see https://evil.example and www.evil.example or ftp://x')).toBe('see https\\://evil.example and www\\.evil.example or ftp\\://x');
    expect(escapeMarkdown('a\u001b[2J\u202eb')).toBe('a\\\\u{1b}\\[2J\\\\u{202e}b'); // the escape's backslash itself escaped
    expect(escapeHtml('a\u001b[2J\u202eb')).toBe('a\\u{1b}[2J\\u{202e}b');
  });

  test('text from the files cannot become markup in either report', async () => {
    const out = await buildReports(readResults(hostileFiles()));
    const md = out['report.md']!;
    const html = out['report.html']!;
    expect(md).toContain('\\<script\\>alert("x")\\</script\\> \\*bold\\* \\_em\\_ \\[link\\](http\\://evil.example) \\| pipe \\& \\`tick\\` \\@someone \\# x86_64');
    expect(md).not.toMatch(/(?<!\\)<(script|img|b)\b/);
    expect(md).toContain('\\<b\\>\\|t\\|\\</b\\>');
    expect(md).not.toMatch(/^- looks like a list/m);
    expect(html).not.toMatch(/<script|<img|<b>/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;b&gt;|t|&lt;/b&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('report.html', () => {
  test('one self-contained page: no script, no link, no external address, a policy that forbids loading', async () => {
    const html = (await buildReports(readResults(files)))['report.html']!;
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
    expect(html).not.toMatch(/<script|<link|<iframe|<object|<embed|@import|url\(|\s(src|href)=/i);
    expect(html).toContain('@media print');
  });

  test('every chart is an inline SVG with marks drawn', async () => {
    const charts = figures((await buildReports(readResults(files)))['report.html']!);
    expect([...charts.keys()]).toEqual(['cold-starts', 'latency', 'cost', 'over-time', 'tenant-cold-starts']);
    for (const [id, inner] of charts) {
      expect(inner, id).toMatch(/^\s*<svg role="img" aria-label="[^"]+" xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      const marks = [...inner.matchAll(/<g class="mark-(rect|line|area|symbol)[^"]*role-mark[^>]*>([\s\S]*?)<\/g>/g)];
      expect(marks.length, id).toBeGreaterThan(0);
      expect(marks.some((m) => /<path[^>]* d="M[^"]+"/.test(m[2])), id).toBe(true);
    }
  });

  test('the HTML says what the Markdown says', async () => {
    const out = await buildReports(readResults(files));
    for (const line of ['## Findings', '## Cost per 30-day month', '## Limits headroom', '## Tenants']) {
      expect(out['report.html']).toContain(`<h2>${line.slice(3)}</h2>`);
      expect(out['report.md']).toContain(line);
    }
    expect(out['report.html']).toContain('Tenant environments (128 MB): 20 environments in the run x (30 d / 19 s) = 2,728,421 environments x 0.125 GB x $0.000167 per GB = $56.96');
  });
});

describe('partial results', () => {
  test('summary.json alone: the report says what is missing and leaves those sections out', async () => {
    const out = await buildReports(readResults({ 'summary.json': files['summary.json'] }));
    const md = out['report.md']!;
    expect(md).toContain('| shared | account concurrency | 1,000 | 1 (peak concurrency) | 0.1% | 99.9% | 0 |');
    expect(md).toContain('> `tenants.csv` is missing from the results folder, so this section is left out.');
    expect(md).toContain('> `timeseries.csv` is missing');
    expect(md).toContain('> Missing from the folder: `tenants.csv`, `groups.csv`, `timeseries.csv`; the sections that need them say so.');
    expect([...figures(out['report.html']!).keys()]).toEqual(['cold-starts', 'latency', 'cost']);
  });

  test('one variant: no comparison columns, one finding about it', async () => {
    const summary = JSON.parse(files['summary.json']);
    summary.variants = summary.variants.slice(1);
    const md = (await buildReports(readResults({ ...files, 'summary.json': JSON.stringify(summary) })))['report.md']!;
    expect(md).toContain('|  | isolated |\n| --- | ---: |');
    expect(md).toContain('- isolated costs $58.12 a month with 1,000 cold starts per 1,000 requests; tenant-environment charges are 98.0% of its cost');
  });
});

describe('what the variants drew alike', () => {
  test('the same entries: the same draws; entries some variants lack are named', async () => {
    const { reportModel } = await import('../../src/report/model.js');
    const { drawsSentence } = await import('../../src/report/section-compare.js');
    const results = readResults(files);
    expect(drawsSentence(reportModel(results))).toMatch(/^Every variant saw the same arrivals, tenants and handler durations/);
    const summary = structuredClone(results.summary);
    summary.variants[1].traffic = [...summary.variants[1].traffic, 'api-poisson-0badc0de'];
    expect(drawsSentence(reportModel({ ...results, summary }))).toBe(
      'The variants share 1 traffic entry of 2: those saw the same arrivals, tenants and handler durations in every variant. ' +
        'Other entries are not in every variant (isolated: api-poisson-0badc0de), so part of the differences comes from their traffic.',
    );
  });
});
