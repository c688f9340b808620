// A functional fitDataset run for dataset-resume.test.ts, run in fresh processes:
//   dataset-child.ts <backupDir|-> <stopAfterSteps|-1> [backend: reference|wasm]
// Trains the shared two-input, two-output model (shared Dense, Concatenate, Add, Dropout 0.25)
// with Adam, loss weights and a metric on one output for 3 epochs, on 30 rows given as dicts by
// input and output name, shuffled (buffer 12, seed 5, reshuffled each epoch) in batches of 7
// (5 steps per epoch), validated on a dataset; with a backupDir, checkpoints every step and
// resumes from the newest checkpoint; exits abruptly (code 3) after stopAfterSteps steps of this
// process. Runs on the kernel set named (default reference; threads from SAMEBITS_THREADS).
// Prints the final fingerprint, History, the steps this process ran, backend and threads as JSON.
import { BackupAndRestore } from '../../src/io/checkpoint.js';
import { CustomCallback, data, fingerprint, getBackend, getThreads, ready, setBackend, setRandomSeed, train, unstack } from '../../src/node.js';
import type { CallbackHooks, Tensor } from '../../src/node.js';
import type { BackendName } from '../../src/kernels/index.js';
import { twoInTwoOut, twoInTwoOutData } from './two-io.js';

const [dir = '-', stopArg = '-1', backend = 'reference'] = process.argv.slice(2);
const stopAfter = Number(stopArg);
if (!setBackend(backend as BackendName)) throw new Error(`dataset-child: backend ${backend} unavailable`);
await ready();
setRandomSeed(23);
const rowsOf = (t: Tensor): number[][] => unstack(t).map((r) => Array.from(r.values));
const elements = (n: number): unknown[] => {
  const { xa, xb, y1, y2 } = twoInTwoOutData(n);
  const [a, b, o1, o2] = [xa, xb, y1, y2].map(rowsOf) as number[][][];
  return Array.from({ length: n }, (_, i) => ({ xs: { in_a: a[i], in_b: b[i] }, ys: { out1: o1[i], out2: o2[i] } }));
};
const m = twoInTwoOut();
m.compile({ optimizer: train.adam(0.02), loss: ['meanSquaredError', 'categoricalCrossentropy'], metrics: { out2: ['accuracy'] }, lossWeights: [1, 0.5] });
const callbacks: CallbackHooks[] = [];
if (dir !== '-') callbacks.push(new BackupAndRestore({ backupDir: dir, saveFreq: 1, keep: 2 }));
let steps = 0;
callbacks.push(new CustomCallback({ onBatchEnd: () => { if (++steps === stopAfter) process.exit(3); } }));
const ds = data.array(elements(30)).shuffle(12, 5).batch(7);
const history = await m.fitDataset(ds, { epochs: 3, verbose: 0, callbacks, validationData: data.array(elements(8)).batch(3) });
process.stdout.write(JSON.stringify({ fingerprint: fingerprint(m), history: history.history, epochs: history.epoch, steps, backend: getBackend(), threads: getThreads() }));
