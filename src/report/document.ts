/**
 * The report's blocks in reading order: title and scope, findings, the variants side by side, designs, cost per
 * month, limits headroom, environments over time, tenants, and how to read the numbers.
 */
import { sensitivitySection } from './section-sensitivity.js';
import type { Block, Text } from './blocks.js';
import { findings } from './findings.js';
import { durationText, int } from './format.js';
import type { ReportModel } from './model.js';
import { compareSection } from './section-compare.js';
import { costSection } from './section-cost.js';
import { designsSection } from './section-designs.js';
import { limitsSection, overTimeSection } from './section-limits.js';
import { tenantsSection } from './section-tenants.js';

/** The title and what was compared. */
function intro(m: ReportModel): Block[] {
  const s = m.results.summary;
  const names = m.variants.map((v) => v.summary.name);
  const scope: Text = [
    `This report compares ${names.length === 1 ? 'one variant' : `${int(names.length)} variants`} of the scenario `,
    { code: s.scenario },
    ` (${names.join(', ')}) over one simulated run of ${durationText(s.horizonMs)} with seed ${int(s.seed)}. `,
    names.length > 1 ? `The baseline, which the others are compared with, is ${names[0]}. ` : '',
    'Costs are AWS Lambda list prices in us-east-1; monthly figures project the run to 30 days.',
  ];
  const blocks: Block[] = [{ kind: 'title', text: `What ${s.scenario} costs, variant by variant` }];
  const description = s.description.replace(/\s+/g, ' ').trim();
  if (description !== '') blocks.push({ kind: 'paragraph', text: description });
  blocks.push({ kind: 'paragraph', text: scope });
  return blocks;
}

/** The files of a results folder a report is made from, and whether the results have each. */
function inputFiles(m: ReportModel): [string, boolean][] {
  const r = m.results;
  return [['summary.json', true], ['tenants.csv', r.tenants !== null], ['groups.csv', r.groups !== null], ['timeseries.csv', r.timeseries !== null]];
}

/** What the durations rest on: runtime default inits (hello-world figures), and whether memory changes them. */
function durationNotes(m: ReportModel): Text[] {
  const fns = m.variants.flatMap((v) => v.summary.functions);
  const names = (pick: (f: (typeof fns)[number]) => boolean) => [...new Set(fns.filter(pick).map((f) => f.name))];
  const out: Text[] = [];
  const defaults = names((f) => f.initDurationDefault);
  if (defaults.length > 0) {
    out.push([
      'Init durations of ', ...defaults.flatMap((n, i) => [i === 0 ? '' : ', ', { code: n }]),
      ' are the runtime\'s median for a hello-world function (lambda-perf); a real function with dependencies initializes slower, which makes every cold start, and isolation, cost more than shown. Measure yours (',
      { code: 'tenancy-sim calibrate' }, ' reads them from CloudWatch logs) and set ', { code: 'initDuration' }, '.',
    ]);
  }
  const memories = (n: string) => new Set(fns.filter((f) => f.name === n).map((f) => f.memoryMb)).size;
  const fixedTime = names((f) => memories(f.name) > 1 && fns.every((g) => g.name !== f.name || g.durationFactor === 1));
  if (fixedTime.length > 0) {
    out.push([
      'The memory of ', ...fixedTime.flatMap((n, i) => [i === 0 ? '' : ', ', { code: n }]),
      ' differs between variants, but its handler and init times do not change with memory here (no ', { code: 'cpuScaling' }, '): more memory only costs more.',
    ]);
  }
  return out;
}

/** How the numbers were made and which files they come from. */
function about(m: ReportModel): Block[] {
  const files = inputFiles(m);
  const missing = files.filter(([, present]) => !present).map(([f]) => f);
  const used: Text = ['Made by ', { code: 'tenancy-sim' }, ' from the results folder\'s ', ...files.filter(([, present]) => present).flatMap(([f], i) => [i === 0 ? '' : ', ', { code: f }]), '.'];
  const blocks: Block[] = [
    { kind: 'heading', text: 'About these numbers' },
    {
      kind: 'list',
      items: [
        used,
        ['The numbers come from one simulated run. Rerun the scenario with another ', { code: '--seed' }, ' to see how much of a difference is noise.'],
        'Latency percentiles are exact up to 65,536 requests per variant and within 1% beyond.',
        'Prices are AWS Lambda list prices in us-east-1: no savings plans, no taxes, no other AWS services.',
        ...durationNotes(m),
      ],
    },
  ];
  if (missing.length > 0) blocks.push({ kind: 'note', text: ['Missing from the folder: ', ...missing.flatMap((f, i) => [i === 0 ? '' : ', ', { code: f }]), '; the sections that need them say so.'] });
  return blocks;
}

/** The whole report as blocks. */
export function reportBlocks(m: ReportModel): Block[] {
  return [
    ...intro(m),
    { kind: 'heading', text: 'Findings' },
    { kind: 'list', items: findings(m) },
    ...compareSection(m),
    ...designsSection(m),
    ...costSection(m),
    ...limitsSection(m),
    ...overTimeSection(m),
    ...tenantsSection(m),
    ...sensitivitySection(m),
    ...about(m),
  ];
}
