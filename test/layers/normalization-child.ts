// Run in a fresh process by normalization-training.test.ts: the fit of normalization-model.ts on
// the kernel set named by argv[2] (threads from SAMEBITS_THREADS); prints the fingerprint and History.
import { fingerprint, getBackend, getThreads, ready, setBackend } from '../../src/node.js';
import type { BackendName } from '../../src/kernels/index.js';
import { fitNormalizationModel } from './normalization-model.js';

const backend = process.argv[2] as BackendName;
if (!setBackend(backend)) throw new Error(`normalization-child: backend ${backend} unavailable`);
await ready();
const { model, history } = await fitNormalizationModel(256, 256, 128, 64);
process.stdout.write(JSON.stringify({ backend: getBackend(), threads: getThreads(), fingerprint: fingerprint(model), history: history.history }));
