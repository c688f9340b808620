// Run in a fresh process by backends.test.ts: trains an MLP with dropout and a validation split
// on the kernel set named by argv[2] (threads from SAMEBITS_THREADS) and prints what it used
// and the weight fingerprint.
import { fingerprint, getBackend, getThreads, layers, ready, sequential, setBackend, setRandomSeed, tensor2d } from '../../src/node.js';
import type { BackendName } from '../../src/kernels/index.js';

const backend = process.argv[2] as BackendName;
if (!setBackend(backend)) throw new Error(`train-child: backend ${backend} unavailable`);
await ready();
setRandomSeed(7);
const n = 384;
const x = new Float32Array(n * 784);
const y = new Float32Array(n * 10);
for (let i = 0; i < x.length; i++) x[i] = ((i * 2654435761) % 9973) / 9973 - 0.5;
for (let i = 0; i < n; i++) y[i * 10 + ((i * 7) % 10)] = 1;
const model = sequential({ layers: [
  layers.dense({ units: 128, activation: 'relu', inputShape: [784] }),
  layers.dropout({ rate: 0.2 }),
  layers.dense({ units: 10, activation: 'softmax' }),
] });
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
const history = await model.fit(tensor2d(x, [n, 784]), tensor2d(y, [n, 10]), { epochs: 2, batchSize: 32, validationSplit: 0.25, verbose: 0 });
process.stdout.write(JSON.stringify({ backend: getBackend(), threads: getThreads(), fingerprint: fingerprint(model), history: history.history }));
