import { resolve } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import * as samebits from '../../src/node.js';

const ROOT = resolve(import.meta.dirname, '../..');

// The data pipeline, the vendored digits and fitDataset, run from the browser bundle of the root
// entry in a bare engine (no process, require, TextEncoder or TextDecoder) and in Node: the same
// elements and the same fingerprint.
const SCRIPT = `
  setRandomSeed(3);
  const { xs, ys } = datasets.digits();
  const rows = data.zip({ xs: data.array(xs.unstack().slice(0, 60)), ys: data.array(ys.unstack().slice(0, 60)) });
  const csvRows = await data.csv({ text: 'a,b,y\\n1,2,0\\n3,4,1\\n' }, { columnConfigs: { y: { isLabel: true } } }).toArray();
  const model = sequential({ layers: [layers.dense({ units: 10, activation: 'softmax', inputShape: [64] })] });
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  const history = await model.fitDataset(rows.shuffle(60).batch(16), { epochs: 2, verbose: 0 });
  const order = await data.array([0, 1, 2, 3, 4, 5, 6, 7]).shuffle(8, 5).toArray();
  return JSON.stringify({ fingerprint: fingerprint(model), loss: history.history.loss, order, csvRows, spiral: Array.from(datasets.spirals({ n: 3, seed: 1 }).xs.values) });
`;

describe('data and datasets in a bare engine', () => {
  it('give the same elements, orders and trained fingerprint from the browser bundle as in Node', async () => {
    const result = await build({
      stdin: { contents: `import { data, datasets, fingerprint, layers, sequential, setRandomSeed } from 'samebits';\nexport async function run() {${SCRIPT}}`, resolveDir: ROOT, sourcefile: 'user.js', loader: 'js' },
      bundle: true, platform: 'browser', format: 'iife', globalName: 'user', write: false, logLevel: 'silent', alias: { samebits: './src/index.ts' },
    });
    const context = createContext({ setTimeout });
    runInContext(result.outputFiles[0]?.text ?? '', context);
    expect(runInContext('typeof process + typeof TextEncoder + typeof TextDecoder', context)).toBe('undefinedundefinedundefined');
    const inBundle = (await runInContext('user.run()', context)) as string;
    const { data, datasets, fingerprint, layers, sequential, setRandomSeed } = samebits;
    const inNode = (await new Function('data', 'datasets', 'fingerprint', 'layers', 'sequential', 'setRandomSeed', `return (async () => {${SCRIPT}})();`)(
      data, datasets, fingerprint, layers, sequential, setRandomSeed,
    )) as string;
    expect(inBundle).toBe(inNode);
  });
});
