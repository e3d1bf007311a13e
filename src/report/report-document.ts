/**
 * The report's blocks in reading order: title and scope, findings, the variants side by side, cost per
 * month, limits headroom, environments over time, tenants, and how to read the numbers.
 */
import type { Block, Text } from './report-blocks.js';
import { findings } from './report-findings.js';
import { durationText, int } from './report-format.js';
import type { ReportModel } from './report-model.js';
import { compareSection } from './report-section-compare.js';
import { costSection } from './report-section-cost.js';
import { limitsSection, overTimeSection } from './report-section-limits.js';
import { tenantsSection } from './report-section-tenants.js';
import { REPORT_INPUT_FILES } from './report-data.js';

/** The title and what was compared. */
function intro(m: ReportModel): Block[] {
  const s = m.data.summary;
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

/** How the numbers were made and which files they come from. */
function about(m: ReportModel): Block[] {
  const present = (f: (typeof REPORT_INPUT_FILES)[number]) =>
    f === 'summary.json' || (f === 'config.json' ? m.data.configs !== null : f === 'tenants.csv' ? m.data.tenants !== null : f === 'groups.csv' ? m.data.groups !== null : m.data.timeseries !== null);
  const missing = REPORT_INPUT_FILES.filter((f) => !present(f));
  const used: Text = ['Made by ', { code: 'tenancy-sim report' }, ' from the results folder\'s ', ...REPORT_INPUT_FILES.filter(present).flatMap((f, i) => [i === 0 ? '' : ', ', { code: f }]), '.'];
  const blocks: Block[] = [
    { kind: 'heading', text: 'About these numbers' },
    {
      kind: 'list',
      items: [
        used,
        ['The numbers come from one simulated run. Rerun the scenario with another ', { code: '--seed' }, ' to see how much of a difference is noise.'],
        'Latency percentiles are exact up to 65,536 requests per variant and within 1% beyond.',
        'Prices are AWS Lambda list prices in us-east-1: no savings plans, no taxes, no other AWS services.',
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
    ...costSection(m),
    ...limitsSection(m),
    ...overTimeSection(m),
    ...tenantsSection(m),
    ...about(m),
  ];
}
