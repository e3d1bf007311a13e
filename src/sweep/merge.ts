/**
 * Merging the sweep.json of shards (or of any runs that split one grid's points) into the document of the
 * whole sweep: same header, each point exactly once, every point present. Breakpoints are then found over
 * the whole grid, as a single run finds them.
 */
import { assemble } from './aggregate.js';
import { findBreakpoints } from './breakpoints.js';
import { headerOf, type PointResult, SWEEP_FORMAT, type SweepDocument, type SweepHeader } from './document.js';
import { valueText } from './points.js';

/**
 * The largest merge rendered, in table cells: the summary, sweep.html and the breakpoint search take time
 * in proportion to points x variants x (parameters + charts + different limits + breakpoint rules), plus
 * variants x the text of every point's values. A whole sweep of 10,000 points and 100 variants with a few
 * limits and rules stays far below; a larger sweep.json would not fit in one process's strings anyway.
 */
export const MAX_MERGE_CELLS = 100_000_000;

/** Why the merge of `points` under `h` is too large to render (see MAX_MERGE_CELLS), or null. */
function sizeProblem(h: SweepHeader, points: readonly PointResult[]): string | null {
  const limits = new Set<string>();
  let chars = 0;
  for (const p of points) {
    for (const v of p.variants) for (const l of v.limits) limits.add(l.limit);
    for (const x of p.values) chars += valueText(x).length;
  }
  const width = h.parameters.length + h.charts.length + limits.size + h.breakpointRules.length;
  const cells = points.length * h.variants.length * width + h.variants.length * chars;
  if (cells <= MAX_MERGE_CELLS) return null;
  const n = (k: number, what: string) => `${k.toLocaleString('en-US')} ${what}${k === 1 ? '' : 's'}`;
  const row = `${n(h.parameters.length, 'parameter')} + ${n(h.charts.length, 'chart')} + ${n(limits.size, 'limit')} + ${n(h.breakpointRules.length, 'breakpoint rule')}`;
  return `the merged sweep is too large to render: ${n(points.length, 'point')} x ${n(h.variants.length, 'variant')} x (${row}) and the swept values' text make ${cells.toLocaleString('en-US')} table cells; at most ${MAX_MERGE_CELLS.toLocaleString('en-US')}`;
}

/** A whole sweep's document: breakpoints found, no shard. Points must be complete and in grid order. */
export function completeDocument(doc: SweepDocument): SweepDocument {
  const whole = assemble(headerOf(doc), null, doc.points, null);
  return assemble(headerOf(doc), null, doc.points, findBreakpoints(whole));
}

/** The first field whose value differs between two headers, or null. */
function differingField(a: SweepDocument, b: SweepDocument): string | null {
  const ha = headerOf(a) as unknown as Record<string, unknown>;
  const hb = headerOf(b) as unknown as Record<string, unknown>;
  for (const k of new Set([...Object.keys(ha), ...Object.keys(hb)])) if (JSON.stringify(ha[k]) !== JSON.stringify(hb[k])) return k;
  return null;
}

/**
 * Merges `docs` (parsed sweep.json files; `names` says where each came from, for messages).
 * @returns the whole sweep's document, or what prevents the merge.
 */
export function mergeDocuments(docs: readonly SweepDocument[], names: readonly string[]): { ok: true; doc: SweepDocument } | { ok: false; message: string } {
  if (docs.length === 0) return { ok: false, message: 'nothing to merge' };
  for (const [i, d] of docs.entries()) {
    if (d?.format !== SWEEP_FORMAT) return { ok: false, message: `${names[i]} is not a ${SWEEP_FORMAT} document` };
    const field = differingField(docs[0], d);
    if (field !== null) return { ok: false, message: `${names[i]} is from another sweep than ${names[0]}: their \`${field}\` differs (same scenario file and options needed)` };
  }
  const byIndex = new Map<number, PointResult>();
  for (const [i, d] of docs.entries()) {
    for (const p of d.points) {
      if (byIndex.has(p.index)) return { ok: false, message: `point ${p.index} is in ${names[i]} and in an earlier folder: give each shard once` };
      byIndex.set(p.index, p);
    }
  }
  const missing = Array.from({ length: docs[0].pointCount }, (_, i) => i).filter((i) => !byIndex.has(i));
  if (missing.length > 0) {
    const shown = missing.slice(0, 10).join(', ');
    return { ok: false, message: `${missing.length} of ${docs[0].pointCount} points are missing (${shown}${missing.length > 10 ? ', ...' : ''}): merge every shard` };
  }
  const points = [...byIndex.keys()].sort((a, b) => a - b).map((i) => byIndex.get(i) as PointResult);
  const tooLarge = sizeProblem(headerOf(docs[0]), points);
  if (tooLarge !== null) return { ok: false, message: tooLarge };
  return { ok: true, doc: completeDocument(assemble(headerOf(docs[0]), null, points, null)) };
}
