import type { TopLevelSpec } from 'vega-lite';

/**
 * Renders a Vega-Lite specification to an SVG string with Vega's headless renderer (no browser,
 * no canvas). Vega and Vega-Lite load on first use, so importing SameBits stays light.
 * @example await renderSvg(learningCurveSpec(data)) // '<svg xmlns="http://www.w3.org/2000/svg" …'
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const compiled = vegaLite.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
