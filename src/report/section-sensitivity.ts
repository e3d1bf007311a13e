/**
 * The sensitivity section (`run --sensitivity`): for each comparison with the baseline, how much the platform
 * settings AWS does not document move it, which setting moves it most, and whether its sign holds in every
 * run; and a tornado chart of the monthly cost difference, one bar per setting.
 */
import type { Block, ChartBlock } from './blocks.js';
import { chart, WIDTH } from './charts.js';
import type { ReportModel } from './model.js';
import { differenceText, failureNote, SENSITIVITY_METRICS, type SensitivityResult, sensitivityReadings, verdictText } from '../results/index.js';

/** `s` with `baseline` as its first variant (the readings compare with the first). */
function rebased(s: SensitivityResult, baseline: string): SensitivityResult {
  const i = s.variants.indexOf(baseline);
  if (i <= 0) return s;
  const order = [i, ...s.variants.map((_, j) => j).filter((j) => j !== i)];
  return { ...s, variants: order.map((j) => s.variants[j]), runs: s.runs.map((r) => ({ ...r, variants: order.map((j) => r.variants[j]) })) };
}

/** The tornado chart: per variant after the baseline, each setting's range of the monthly cost difference. */
export function tornadoChart(s: SensitivityResult): ChartBlock | null {
  const cost = sensitivityReadings(s).filter((r) => r.metric === 'monthlyCostUsd');
  const bars = cost.flatMap((r) => r.swings.map((w) => ({
    comparison: `${r.variant} - ${r.baseline}`, setting: w.label, low: w.low, high: w.high, asWritten: r.asWritten,
    range: s.settings.find((x) => x.label === w.label)?.values.join(', ') ?? '',
  })));
  if (bars.length === 0) return null;
  // a tornado: the widest bar on top (of the first comparison; the others keep its order)
  const order = [...new Set([...(cost[0]?.swings.map((w) => w.label) ?? []), ...s.settings.map((x) => x.label)])];
  return chart('sensitivity', 'Monthly cost difference from the baseline across each undocumented setting (USD); the tick is the scenario as written', {
    data: { values: bars },
    facet: { row: { field: 'comparison', type: 'nominal', title: null, sort: cost.map((r) => `${r.variant} - ${r.baseline}`) } },
    spec: {
      width: WIDTH, height: { step: 26 },
      layer: [
        { mark: { type: 'bar', height: 16 }, encoding: {
          y: { field: 'setting', type: 'nominal', sort: order, title: null },
          x: { field: 'low', type: 'quantitative', title: 'USD per 30-day month, variant minus baseline', axis: { format: '$,.2~f' } },
          x2: { field: 'high' },
          tooltip: [{ field: 'setting' }, { field: 'range', title: 'values tried' }, { field: 'low', format: '$,.2f' }, { field: 'high', format: '$,.2f' }],
        } },
        { mark: { type: 'tick', color: 'black', thickness: 2, size: 20 }, encoding: {
          y: { field: 'setting', type: 'nominal', sort: order },
          x: { field: 'asWritten', type: 'quantitative' },
        } },
      ],
    },
  });
}

/** The section, or nothing when the run had no sensitivity analysis. */
export function sensitivitySection(m: ReportModel): Block[] {
  const raw = m.results.sensitivity;
  if (raw === undefined || raw === null || m.variants.length < 2) return [];
  const s = rebased(raw, m.variants[0].summary.name);
  const rows = sensitivityReadings(s).map((r) => {
    const unit = SENSITIVITY_METRICS.find((x) => x.key === r.metric)!;
    const top = r.swings[0];
    return [
      `${r.variant} vs ${r.baseline}`, unit.label, r.asWritten === null ? 'n/a' : differenceText(r.asWritten, unit.unit),
      `${differenceText(r.min, unit.unit)} to ${differenceText(r.max, unit.unit)}`,
      top === undefined || top.high === top.low ? '-' : `${top.label} (${top.lowAt}: ${differenceText(top.low, unit.unit)}; ${top.highAt}: ${differenceText(top.high, unit.unit)})`,
      `${verdictText(r)}${failureNote(r)}`,
    ];
  });
  const tornado = tornadoChart(s);
  return [
    { kind: 'heading', text: 'How much the unknowns move the answer' },
    { kind: 'paragraph', text: `AWS documents neither how long idle environments are kept, nor how long an environment lives, nor how a retired one is replaced, nor what the isolated-environment cap does when full. The variants were rerun over the plausible range of each (${s.settings.map((x) => `${x.label}: ${x.values.join(', ')}`).join('; ')}), one setting at a time and then all together at both ends, ${s.runs.length} runs in all, with the same seed, so every run saw the same traffic. Each row is a difference from ${s.variants[0]}: as written, its range across every run, the setting that moves it most, and whether it keeps its sign everywhere.` },
    { kind: 'table', head: ['comparison', 'metric', 'as written', 'across the settings', 'moved most by', 'holds everywhere'], rows, align: ['l', 'l', 'r', 'r', 'l', 'l'] },
    ...(tornado === null ? [] : [tornado]),
  ];
}
