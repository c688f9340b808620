// Run in a fresh process by breadth-examples.test.ts: `<example> <backend>` (threads from
// SAMEBITS_THREADS); prints the example's report as JSON.
import { getBackend, getThreads, ready, setBackend } from '../../src/node.js';
import { runDigitsCnn } from '../../src/examples/digits-cnn.js';
import { runLstmForecaster } from '../../src/examples/lstm-forecaster.js';

const [which, backend] = process.argv.slice(2);
if (!setBackend(backend === 'reference' ? 'reference' : 'wasm')) throw new Error(`breadth-child: backend ${String(backend)} unavailable`);
await ready();
const report = which === 'digits' ? await runDigitsCnn() : which === 'forecaster' ? await runLstmForecaster() : null;
if (report === null) throw new Error(`breadth-child: unknown example '${String(which)}'`);
process.stdout.write(JSON.stringify({ backend: getBackend(), threads: getThreads(), report }));
