// The training script of the example sweep (examples/sweep/sweep.json): a small classifier on
// two interleaved half-moons made from a fixed seed, with its width and learning rate from the
// command line (--units 16 --lr 0.05), its seed from samebits (repeatSeed), and its metrics
// reported with reportMetrics. Run by hand: npx tsx examples/sweep/train.ts --units 16
import { parseArgs } from 'node:util';
import { layers, repeatSeed, reportMetrics, sequential, setRandomSeed, tensor2d, train } from '../../src/node.js';
import type { Tensor } from '../../src/node.js';

const { values } = parseArgs({ options: { units: { type: 'string', default: '8' }, lr: { type: 'string', default: '0.05' }, epochs: { type: 'string', default: '20' } } });

/** Two half-moons, 64 points each, jittered by a fixed integer hash (the data never depends on the run's seed). */
function moons(): { x: number[][]; y: number[][] } {
  const x: number[][] = [];
  const y: number[][] = [];
  for (let i = 0; i < 128; i++) {
    const upper = i % 2 === 0;
    const t = (Math.floor(i / 2) / 63) * 3.14159;
    const h = (Math.imul(i + 1, 0x9e3779b1) >>> 0) / 4294967296 - 0.5;
    // cos and sin by Taylor series with + and * only (Math.cos, Math.sin and ** are
    // implementation-approximated: the data would differ between engines).
    let c = 0;
    let s = 0;
    let term = 1;
    for (let k = 0; k < 14; k++) {
      if (k % 2 === 0) c += term;
      else s += term;
      term = (term * t * (k % 2 === 1 ? -1 : 1)) / (k + 1);
    }
    x.push(upper ? [c + 0.2 * h, s - 0.2 * h] : [1 - c + 0.2 * h, 0.5 - s + 0.2 * h]);
    y.push([upper ? 1 : 0]);
  }
  return { x, y };
}

setRandomSeed(repeatSeed());
const data = moons();
const x = tensor2d(data.x);
const y = tensor2d(data.y);
const model = sequential({ layers: [layers.dense({ units: Number(values.units), activation: 'tanh', inputShape: [2] }), layers.dense({ units: 1, activation: 'sigmoid' })] });
model.compile({ optimizer: train.adam(Number(values.lr)), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
const history = await model.fit(x, y, { epochs: Number(values.epochs), batchSize: 16, verbose: 0 });
const [loss, accuracy] = (model.evaluate(x, y) as Tensor[]).map((t) => t.values[0] as number);
await reportMetrics({ accuracy: accuracy as number, finalLoss: loss as number, loss: history.history.loss as number[] });
