// A training script for the `samebits repeat` tests, written as a user would: it takes its
// seed from repeatSeed() and reports its metrics with reportMetrics. REPEAT_TEST_WIDTH sets the
// hidden layer's width (a second configuration); REPEAT_TEST_DELAY_MS makes each run last at
// least that long, so a test can kill the repeat while runs are in flight.
import { layers, repeatSeed, reportMetrics, sequential, setRandomSeed, tensor2d, train } from '../../src/node.js';
import type { Tensor } from '../../src/node.js';

const started = Date.now();
setRandomSeed(repeatSeed());
const xs = Array.from({ length: 16 }, (_, i) => [i / 16]);
const x = tensor2d(xs);
const y = tensor2d(xs.map(([v]) => [2 * (v as number) * (v as number) - 0.5]));
const units = Number(process.env.REPEAT_TEST_WIDTH ?? 8);
const model = sequential({ layers: [layers.dense({ units, activation: 'tanh', inputShape: [1] }), layers.dense({ units: 1 })] });
model.compile({ optimizer: train.adam(0.02), loss: 'mse' });
const history = await model.fit(x, y, { epochs: 15, batchSize: 4, verbose: 0 });
const mse = (model.evaluate(x, y) as Tensor).values[0] as number;
const delay = Number(process.env.REPEAT_TEST_DELAY_MS ?? 0) - (Date.now() - started);
if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
await reportMetrics({ mse, loss: history.history.loss as number[] });
