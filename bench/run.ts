/**
 * `npm run bench`: fsum against a plain loop; then matMul, the training workloads of the speed
 * issue (MLP fit and predict, the tiny 2-3-1 network), an Adam update and heap growth during
 * training, each on SameBits (wasm and reference kernel sets) and TensorFlow.js (cpu and wasm
 * backends) in the same run, alternating systems between repetitions. Prints tables with
 * ratios, the machine and its load, and writes the same figures to .bench-out/latest.json.
 * `--quick` runs small sizes as a smoke test.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { runAdamBench } from './adam-bench.js';
import { runFsumBench, type FsumRow } from './fsum-bench.js';
import { kerasModelsTable, kerasTable, runKerasBench, runKerasModels } from './keras.js';
import { machineInfo } from './machine.js';
import { runMatMulBench, type MatMulTiming } from './matmul-bench.js';
import { gcExposed, runMemoryBench, type MemoryRow } from './memory-bench.js';
import { mlpData, mlpSpec, runMlpBench, type MlpSizes } from './mlp-bench.js';
import { runModelBench, type ModelBenchSizes } from './model-bench.js';
import { startSystems } from './systems.js';
import { fmt, formatTable, ratio } from './table.js';
import { tfVersions } from './tfjs-backends.js';
import type { TimingOptions } from './timing.js';
import { workloadTable } from './workload.js';

const quick = process.argv.includes('--quick');
const fsumSizes = quick ? [1e3, 1e4] : [1e3, 1e6];
const matMulSizes = quick ? [64] : [256, 512, 1024];
const timing: TimingOptions = quick
  ? { warmupSeconds: 0.02, minSeconds: 0.05, minSamples: 3, maxSamples: 20, maxSeconds: 0.5, sampleSeconds: 0.005 }
  : { warmupSeconds: 0.2, minSeconds: 0.3, minSamples: 5, maxSamples: 30, maxSeconds: 2, sampleSeconds: 0.01 };
/**
 * From 512³ on, a product in plain JavaScript takes a second or more per call: no warm-up round
 * there (the same code is already warm from the smaller size) and one call per timed run.
 */
const matMulTiming = (size: number): MatMulTiming => (quick
  ? { warmup: 1, rounds: 2, runSeconds: 0.02 }
  : size >= 512 ? { warmup: 0, rounds: 3, runSeconds: 0 } : { warmup: 1, rounds: 5, runSeconds: 0.05 });
/** The speed issue's MLP: 4,096 samples of 784 features, 128 hidden units, 10 classes. */
const mlpSizes: MlpSizes = quick
  ? { samples: 256, features: 64, hidden: 32, classes: 10, rounds: 2, tinyEpochs: 4, tinyRounds: 2 }
  : { samples: 4096, features: 784, hidden: 128, classes: 10, rounds: 3, tinyEpochs: 128, tinyRounds: 5 };
/** The breadth issue's CNN and LSTM rows; TF.js-cpu and SameBits-reference train fewer samples. */
const modelSizes: ModelBenchSizes = quick
  ? { samples: 256, slowSamples: 64, rounds: 2, lstmSteps: 20, lstmFeatures: 8, lstmUnits: 32 }
  : { samples: 4096, slowSamples: 512, rounds: 3, lstmSteps: 20, lstmFeatures: 8, lstmUnits: 32 };
const adamParams = quick ? 1e4 : 1e6;
const memoryEpochs = quick ? 3 : 10;
/**
 * tfjs-cpu takes about 10 s per epoch at batch 32 on the full MLP, so the 10-epoch memory run
 * leaves it out unless --quick (where everything is small).
 */
const memorySkips = quick ? [] : ['tfjs-cpu'];
/** The goal from the issue: an exact sum at most 2× the plain loop at n = 1e6. */
const FSUM_GOAL = 2;

const started = Date.now();
const machine = machineInfo();
const versions = tfVersions();
const log = (line: string): void => { console.error(line); };

log(`SameBits bench${quick ? ' (--quick)' : ''}: load average ${machine.loadAverage.toFixed(2)} on ${machine.cores} cores; fsum ${fsumSizes.join(', ')}; matMul ${matMulSizes.join(', ')}; MLP ${mlpSizes.samples} samples`);
const fsumRows = runFsumBench(fsumSizes, timing);
const { systems, statuses } = await startSystems();
log(`Systems: ${systems.map((s) => s.name).join(', ')}`);
const matMulRows = await runMatMulBench(systems, matMulSizes, matMulTiming, log);
const trainingRows = await runMlpBench(systems, mlpSizes, log);
const adam = await runAdamBench(systems, adamParams, quick ? 0.01 : 0.1, quick ? 2 : 5);
log(`  Adam: ${adam.row.check}`);
log('  Keras on TensorFlow-cpu (a Python process)…');
const keras = runKerasBench(quick);
const modelRows = await runModelBench(systems, modelSizes, log);
log('  Keras CNN and LSTM (a Python process)…');
const kerasModels = runKerasModels(quick, [modelSizes.lstmSteps, modelSizes.lstmFeatures, modelSizes.lstmUnits]);
const memoryRows = await runMemoryBench(systems.filter((s) => !memorySkips.includes(s.name)), mlpSpec(mlpSizes), mlpData(mlpSizes), memoryEpochs, log);
const seconds = (Date.now() - started) / 1000;
const loadAtEnd = loadavg()[0] ?? NaN;

console.log('');
console.log(`Machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, ${machine.platform}, ${machine.date}`);
console.log(`Load average (1 min): ${machine.loadAverage.toFixed(2)} at start, ${loadAtEnd.toFixed(2)} at end (above ${machine.cores} means other work shared the cores)`);
console.log(`TensorFlow.js ${versions.core}, tfjs-backend-wasm ${versions.wasm}`);
for (const s of statuses) console.log(`  ${s.name}: ${s.error === null ? s.details : `not run: ${s.error}`}`);
console.log('');
console.log(fsumTable(fsumRows));
console.log('');
console.log(workloadTable('matMul (GFLOP/s = 2·n³ / median time; TF.js time includes dataSync)', matMulRows));
console.log('');
console.log(workloadTable(`Training (model.fit over all ${mlpSizes.samples} samples with shuffle, ${mlpSizes.features}-${mlpSizes.hidden}-${mlpSizes.classes} MLP, Adam 0.001; predict from identical weights) and Adam update (GB/s = 5 × 4 bytes × n / time)`, [...trainingRows, adam.row]));
console.log('');
console.log(typeof keras === 'string' ? `Keras on TensorFlow-cpu: ${keras}` : kerasTable(keras, trainingRows));
console.log('');
console.log(workloadTable(`CNN and LSTM training (model.fit one epoch with shuffle, Adam 0.001; ${modelSizes.samples} samples per timed epoch, ${modelSizes.slowSamples} on SB-ref and tfjs-cpu)`, modelRows));
console.log('');
console.log(kerasModelsTable(kerasModels, modelRows));
console.log('');
console.log(memoryTable(memoryRows));
console.log('');
console.log(`Total ${seconds.toFixed(1)} s. Figures are medians of alternating runs (every system once per round); > 1 in a ratio means SameBits(wasm) is faster; thread counts are in the system list above.`);

mkdirSync('.bench-out', { recursive: true });
writeFileSync('.bench-out/latest.json', JSON.stringify({
  mode: quick ? 'quick' : 'full', machine, loadAtEnd, tfjs: versions, systems: statuses, fsumTiming: timing, gcExposed: gcExposed(),
  fsum: fsumRows, keras, kerasModels, models: modelRows, matMul: matMulRows, training: trainingRows, adam: { ...adam.row, copyGBps: adam.copyGBps, params: adamParams },
  memory: memoryRows, totalSeconds: seconds,
}, null, 2) + '\n');
console.log('Wrote .bench-out/latest.json');

function memoryTable(rows: readonly MemoryRow[]): string {
  const mib = (bytes: number | null): string => (bytes === null ? '—' : (bytes / 2 ** 20).toFixed(2));
  const body = rows.map((r) => [
    r.system, mib(r.heapUsed), mib(r.external), mib(r.arrayBuffers), mib(r.total), mib(r.rss),
    r.tfTensors === null ? '—' : String(r.tfTensors), fmt(r.seconds),
  ]);
  const skipped = memorySkips.length === 0 ? '' : ` (${memorySkips.join(', ')} left out for time)`;
  return [
    `Memory growth, MiB, end of epoch 1 → end of epoch ${memoryEpochs}, MLP at batch 32${skipped}; ${gcExposed() ? 'after global.gc()' : 'WITHOUT gc (run node with --expose-gc)'}; arrayBuffers is part of external`,
    formatTable(['system', 'heapUsed', 'external', 'arrayBuffers', 'heap+external', 'rss', 'tf tensors', 'fit s'], body),
  ].join('\n');
}

function fsumTable(rows: readonly FsumRow[]): string {
  const body = rows.map((r) => [
    r.n.toExponential(0).replace('+', ''), r.input,
    fmt(r.naiveNsPerElement), fmt(r.fsumNsPerElement), fmt(r.accumulatorNsPerElement),
    ratio(r.fsumNsPerElement, r.naiveNsPerElement), ratio(r.accumulatorNsPerElement, r.naiveNsPerElement),
    String(r.naiveSum), String(r.fsumSum), r.exactByConstruction === null ? '—' : String(r.exactByConstruction),
  ]);
  const at1e6 = rows.filter((r) => r.n === 1e6);
  const goal = at1e6.length === 0
    ? `(goal fsum ≤ ${FSUM_GOAL}× the plain loop at n = 1e6: not measured in this run)`
    : at1e6.map((r) => `goal fsum ≤ ${FSUM_GOAL}× the plain loop at 1e6, ${r.input}: ${ratio(r.fsumNsPerElement, r.naiveNsPerElement)} ${r.fsumNsPerElement <= FSUM_GOAL * r.naiveNsPerElement ? 'met' : 'NOT met'}`).join('\n');
  const disagree = rows.filter((r) => !Object.is(r.fsumSum, r.accumulatorSum)
    || (r.exactByConstruction !== null && !Object.is(r.fsumSum, r.exactByConstruction)));
  const check = disagree.length === 0
    ? 'fsum and ExactAccumulator.add give the same bits on every row, and the exact value where known.'
    : `MISMATCH: fsum, ExactAccumulator.add or the known exact sum differ at ${disagree.map((r) => `${r.n} ${r.input}`).join(', ')}`;
  return [
    'fsum (ns per element; ratio = time / plain loop time, measured interleaved)',
    formatTable(['n', 'input', 'loop', 'fsum', 'ExactAcc.add', 'fsum/loop', 'add/loop', 'loop sum', 'fsum', 'exact'], body),
    goal,
    check,
  ].join('\n');
}
