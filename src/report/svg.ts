/**
 * Renders a Vega-Lite specification to an SVG string in Node, with no browser and no network: Vega-Lite
 * compiles it to Vega, and a headless Vega view (renderer `none`) writes the SVG. Text is measured by
 * Vega's built-in estimate (no canvas package), so the output is the same on every machine.
 */
import type { TopLevelSpec } from 'vega-lite';

/** Vega and Vega-Lite, loaded on first use: they take about a second to import, which other commands of the
 *  CLI should not pay. */
let libraries: Promise<[typeof import('vega'), typeof import('vega-lite')]> | null = null;

/** Renders `spec` (Vega-Lite v6, data inline) to a standalone `<svg>` element. */
export async function renderSvg(spec: Record<string, unknown>): Promise<string> {
  libraries ??= Promise.all([import('vega'), import('vega-lite')]);
  const [vega, vegaLite] = await libraries;
  const compiled = vegaLite.compile(spec as unknown as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
