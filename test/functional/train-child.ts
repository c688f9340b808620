// Run in a fresh process by training.test.ts: trains the shared two-input, two-output model (a
// shared Dense, Concatenate, Add, Dropout) with shuffling and a validation split on the kernel
// set named by argv[2] (threads from SAMEBITS_THREADS), and prints the weight fingerprint and
// the history.
import { fingerprint, getBackend, getThreads, ready, setBackend, setRandomSeed } from '../../src/node.js';
import type { BackendName } from '../../src/kernels/index.js';
import { twoInTwoOut, twoInTwoOutData } from './two-io.js';

const backend = process.argv[2] as BackendName;
if (!setBackend(backend)) throw new Error(`train-child: backend ${backend} unavailable`);
await ready();
setRandomSeed(11);
const m = twoInTwoOut();
const { xa, xb, y1, y2 } = twoInTwoOutData(96);
m.compile({ optimizer: 'adam', loss: ['meanSquaredError', 'categoricalCrossentropy'], metrics: { out2: 'accuracy' }, lossWeights: [1, 0.5] });
const history = await m.fit([xa, xb], [y1, y2], { epochs: 3, batchSize: 16, validationSplit: 0.25, verbose: 0 });
process.stdout.write(JSON.stringify({ backend: getBackend(), threads: getThreads(), fingerprint: fingerprint(m), history: history.history }));
