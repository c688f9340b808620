// A small training run for the repeat tests: Dense(8, relu) → Dense(1), mse, Adam, on
// y = x + 0.1 with x = 0, 0.1, …, 0.9. Its default export is the train function of a seed.
import { layers, sequential, tensor2d, train } from '../../src/node.js';
import type { Tensor } from '../../src/node.js';

export default async function trainOnce(seed: number): Promise<{ mse: number; weightSum: number; loss: number[] }> {
  const xs = Array.from({ length: 10 }, (_, i) => [i / 10]);
  const x = tensor2d(xs);
  const y = tensor2d(xs.map(([v]) => [(v as number) + 0.1]));
  const model = sequential({ layers: [layers.dense({ units: 8, activation: 'relu', inputShape: [1] }), layers.dense({ units: 1 })] });
  model.compile({ optimizer: train.adam(0.01), loss: 'mse' });
  const history = await model.fit(x, y, { epochs: 12, batchSize: 5, verbose: 0 });
  const mse = (model.evaluate(x, y) as Tensor).values[0] as number;
  let weightSum = 0;
  for (const w of model.weights) for (const v of w.values) weightSum += v;
  return { mse, weightSum: weightSum + seed * 0, loss: history.history.loss as number[] };
}
