import type { TopLevelSpec } from 'vega-lite';

type Vega = typeof import('vega');
type VegaLite = typeof import('vega-lite');

/** What to do when the plotting libraries are absent (they are optional peer dependencies). */
export const PLOTTING_HINT = 'install vega and vega-lite to render plots: npm install vega vega-lite';

function isMissingModule(error: unknown): boolean {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND' || /Cannot find (package|module)/.test(String((error as Error | null)?.message));
}

/**
 * Vega and Vega-Lite, loaded on first use: they are optional peer dependencies (about 19 MB),
 * needed only by `samebits repeat --report`. A clear error says how to install them when absent.
 * @example const { vega, vegaLite } = await loadPlotting();
 */
export async function loadPlotting(
  load: () => Promise<[Vega, VegaLite]> = () => Promise.all([import('vega'), import('vega-lite')]),
): Promise<{ vega: Vega; vegaLite: VegaLite }> {
  try {
    const [vega, vegaLite] = await load();
    return { vega, vegaLite };
  } catch (error) {
    if (isMissingModule(error)) throw new Error(`plots need the optional packages vega and vega-lite, which are not installed; ${PLOTTING_HINT}`);
    throw error;
  }
}

/**
 * Renders a Vega-Lite specification to an SVG string with Vega's headless renderer (no browser,
 * no canvas).
 * @example await renderSvg(learningCurveSpec(data)) // '<svg xmlns="http://www.w3.org/2000/svg" …'
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const { vega, vegaLite } = await loadPlotting();
  const compiled = vegaLite.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
