import { resolve } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { build } from 'esbuild';
import type { BuildOptions, Message } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { fingerprint, layers, sequential, setRandomSeed, tensor2d } from '../../src/node.js';

const ROOT = resolve(import.meta.dirname, '../..');

// A small training with dropout, written once and run both in Node (through the node entry) and
// from the browser bundle of the root entry.
const TRAINING = `
  setRandomSeed(7);
  const model = sequential({ layers: [
    layers.dense({ units: 8, activation: 'relu', inputShape: [3] }),
    layers.dropout({ rate: 0.25 }),
    layers.dense({ units: 1 }),
  ] });
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  const x = tensor2d([[0, 1, 2], [1, 0, 1], [2, 2, 0], [0.5, 1.5, 1], [1, 1, 1], [2, 0, 2]]);
  const y = tensor2d([[1], [0], [2], [1], [1], [0]]);
  await model.fit(x, y, { epochs: 3, batchSize: 2, verbose: 0 });
  const saved = await model.save({ save: async (a) => ({ modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON', weightDataBytes: a.weightData.byteLength } }) });
  return { fingerprint: fingerprint(model), savedBytes: saved.modelArtifactsInfo.weightDataBytes };
`;

/** Bundles `contents` (which imports the root entry as 'samebits') for the browser, as a user's bundler would: no flags, no externals. */
async function bundle(contents: string, options: BuildOptions = {}): Promise<{ code: string; errors: Message[]; warnings: Message[]; inputs: string[] }> {
  try {
    const result = await build({
      stdin: { contents, resolveDir: ROOT, sourcefile: 'user.js', loader: 'js' },
      bundle: true, platform: 'browser', format: 'esm', write: false, metafile: true, logLevel: 'silent',
      alias: { samebits: './src/index.ts' },
      ...options,
    });
    return { code: result.outputFiles?.[0]?.text ?? '', errors: result.errors, warnings: result.warnings, inputs: Object.keys(result.metafile?.inputs ?? {}) };
  } catch (error) {
    const failure = error as { errors?: Message[]; warnings?: Message[] };
    return { code: '', errors: failure.errors ?? [{ text: String(error) } as Message], warnings: failure.warnings ?? [], inputs: [] };
  }
}

const describeMessages = (messages: Message[]): string[] => messages.map((m) => `${m.location?.file ?? ''}:${m.location?.line ?? ''} ${m.text}`);

describe('the root entry in the browser', () => {
  it('bundles for the browser with esbuild, no flags and no externals, without an error or a warning', async () => {
    const { errors, warnings, inputs, code } = await bundle("export * from 'samebits';");
    expect(describeMessages(errors)).toEqual([]);
    expect(describeMessages(warnings)).toEqual([]);
    expect(inputs.filter((f) => /node_modules\/(vega|vega-lite|cli-progress)\//.test(f))).toEqual([]);
    expect(code).not.toMatch(/from\s*["']node:/);
  });

  it('leaves the Node-only parts out of the bundle', async () => {
    const { inputs } = await bundle("export * from 'samebits';");
    const nodeOnly = ['src/io/file-system.ts', 'src/io/checkpoint.ts', 'src/repro/fingerprint-logger.ts', 'src/repro/manifest.ts', 'src/repro/repeat.ts', 'src/report/render-svg.ts', 'src/cli/main.ts'];
    expect(inputs.filter((f) => nodeOnly.includes(f))).toEqual([]);
  });

  it('trains to the same fingerprint in a bare engine (no process, require, TextEncoder; only setTimeout) as in Node', async () => {
    const { code, errors } = await bundle(
      `import { fingerprint, layers, sequential, setRandomSeed, tensor2d } from 'samebits';\nexport async function train() {${TRAINING}}`,
      { format: 'iife', globalName: 'user' },
    );
    expect(describeMessages(errors)).toEqual([]);
    const context = createContext({ setTimeout }); // fit yields to the event loop between epochs
    runInContext(code, context);
    expect(runInContext('typeof process + typeof require + typeof TextEncoder', context)).toBe('undefinedundefinedundefined');
    const inBundle = (await runInContext('user.train()', context)) as { fingerprint: string; savedBytes: number };
    const inNode = (await new Function('fingerprint', 'layers', 'sequential', 'setRandomSeed', 'tensor2d', `return (async () => {${TRAINING}})();`)(
      fingerprint, layers, sequential, setRandomSeed, tensor2d,
    )) as { fingerprint: string; savedBytes: number };
    expect(inBundle).toEqual(inNode);
    expect(inBundle.savedBytes).toBeGreaterThan(0);
  });
});
