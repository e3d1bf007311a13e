/**
 * Renders a Vega-Lite specification to an SVG string in Node, with no browser and no network: Vega-Lite
 * compiles it to Vega, and a headless Vega view (renderer `none`) writes the SVG. Text is measured by
 * Vega's built-in estimate (no canvas package), so the output is the same on every machine.
 */
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** Renders `spec` (Vega-Lite v6, data inline) to a standalone `<svg>` element. */
export async function renderSvg(spec: Record<string, unknown>): Promise<string> {
  const vega = compile(spec as unknown as TopLevelSpec).spec;
  const view = new View(parse(vega), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
