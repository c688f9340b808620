// Run in a fresh process by conv-backends.test.ts: trains a small CNN (conv2d, a conv2d large
// enough for threaded products, depthwise, conv2dTranspose, separable) on the kernel set named by
// argv[2] (threads from SAMEBITS_THREADS) and prints what it used, the weight fingerprint and the
// history.
import { fingerprint, getBackend, getThreads, layers, ready, sequential, setBackend, setRandomSeed, tensor2d, tensor4d } from '../../src/node.js';
import type { BackendName } from '../../src/kernels/index.js';

const backend = process.argv[2] as BackendName;
if (!setBackend(backend)) throw new Error(`conv-train-child: backend ${backend} unavailable`);
await ready();
setRandomSeed(11);
const n = 96;
const x = new Float32Array(n * 16 * 16 * 3);
const y = new Float32Array(n * 10);
for (let i = 0; i < x.length; i++) x[i] = ((i * 2654435761) % 9973) / 9973 - 0.5;
for (let i = 0; i < n; i++) y[i * 10 + ((i * 7) % 10)] = 1;
const model = sequential({ layers: [
  layers.conv2d({ filters: 8, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [16, 16, 3] }),
  // 32·14·14 rows × 72 × 32 filters: above the threaded-product threshold, four panels of columns.
  layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu' }),
  layers.depthwiseConv2d({ kernelSize: 3, strides: 2, activation: 'relu' }),
  layers.conv2dTranspose({ filters: 4, kernelSize: 2, strides: 2 }),
  layers.separableConv2d({ filters: 6, kernelSize: 3, strides: 2, activation: 'relu' }),
  layers.flatten(),
  layers.dense({ units: 10, activation: 'softmax' }),
] });
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
const history = await model.fit(tensor4d(x, [n, 16, 16, 3]), tensor2d(y, [n, 10]), { epochs: 2, batchSize: 32, validationSplit: 0.25, verbose: 0 });
process.stdout.write(JSON.stringify({ backend: getBackend(), threads: getThreads(), fingerprint: fingerprint(model), history: history.history }));
