// Timing for the native elementary functions (native/math.h) and the kernels over them; a script,
// not a test. `npx tsx bench/math-wasm.ts fit [threads]` times the model bench's LSTM workload
// (32 units over 20×8, dense 1, Adam 0.001, 4096 samples, batch 64, shuffle) on the wasm set and
// prints samples/s; `npx tsx bench/math-wasm.ts kernels` times the reference and the native
// twins per call at several sizes (how NATIVE_MATH_FROM and NATIVE_RECURRENT_BACKWARD_FROM were chosen).
import { layers, ready, sequential, setBackend, setRandomSeed, setThreads, tensor, train } from '../src/node.js';

const mode = process.argv[2] ?? 'fit';

async function fit(threads: number): Promise<void> {
  setBackend('wasm');
  setThreads(threads);
  await ready();
  setRandomSeed(1);
  const [samples, steps, features] = [4096, 20, 8];
  const x = new Float32Array(samples * steps * features);
  for (let i = 0; i < x.length; i++) x[i] = ((i * 2654435761) % 9973) / 4986.5 - 1;
  const y = Float32Array.from({ length: samples }, (_, s) => x[s * steps * features] as number);
  const model = sequential({ layers: [layers.lstm({ units: 32, recurrentActivation: 'sigmoid', inputShape: [steps, features] }), layers.dense({ units: 1 })] });
  model.compile({ optimizer: train.adam(0.001), loss: 'meanSquaredError' });
  const xs = tensor(x, [samples, steps, features]);
  const ys = tensor(y, [samples, 1]);
  await model.fit(xs, ys, { batchSize: 64, epochs: 1, shuffle: true, verbose: 0 }); // warm-up
  // NOTE: the machine may be shared: samples per CPU second (this process's user + system time)
  // moves less with other programs' load than samples per wall-clock second.
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < 3; r++) {
    const start = performance.now();
    const used = process.cpuUsage();
    await model.fit(xs, ys, { batchSize: 64, epochs: 1, shuffle: true, verbose: 0 });
    const { user, system } = process.cpuUsage(used);
    wall.push(Math.round(samples / ((performance.now() - start) / 1000)));
    cpu.push(Math.round(samples / ((user + system) / 1e6)));
  }
  console.log(JSON.stringify({ threads, samplesPerWallSecond: wall, samplesPerCpuSecond: cpu }));
}

async function kernels(): Promise<void> {
  const { referenceKernels: ref } = await import('../src/kernels/reference/index.js');
  const { loadWasm } = await import('../src/kernels/wasm/module.js');
  const { wasmKernelSet } = await import('../src/kernels/wasm/set.js');
  const { ThreadPool } = await import('../src/kernels/wasm/threads.js');
  const mod = loadWasm();
  if (!mod) throw new Error('no wasm');
  const native = wasmKernelSet(mod, new ThreadPool(mod), 0);
  /** Microseconds per call of `f`, the best of 5 runs of enough calls for ~20 ms. */
  const time = (f: () => void): number => {
    let calls = 1;
    for (let t = performance.now(); performance.now() - t < 20; calls *= 2) for (let i = 0; i < calls; i++) f();
    let best = Infinity;
    for (let r = 0; r < 5; r++) {
      const t = performance.now();
      for (let i = 0; i < calls; i++) f();
      best = Math.min(best, ((performance.now() - t) * 1000) / calls);
    }
    return best;
  };
  const rand = (n: number): Float32Array => Float32Array.from({ length: n }, (_, i) => ((i * 2654435761) % 9973) / 1000 - 5);
  for (const n of [4, 8, 16, 32, 64, 256, 512, 1024, 2048, 8192]) {
    const xs = rand(n);
    const out = new Float32Array(n);
    const row: string[] = [`n=${n}`];
    for (const name of ['sigmoid', 'tanh', 'exp'] as const) {
      row.push(`${name} ref ${time(() => ref.unary(name, xs, out)).toFixed(2)} native ${time(() => native.unary(name, xs, out)).toFixed(2)}`);
    }
    const u = n >= 32 ? 32 : n;
    const b = n / u;
    const [z1, z2, c] = [rand(4 * n), rand(4 * n), rand(n)];
    const o = [new Float32Array(n), new Float32Array(n), new Float32Array(n), new Float32Array(n)] as const;
    row.push(`lstmCarry ref ${time(() => ref.lstmCarry(z1, z2, c, b, u, ...o)).toFixed(2)} native ${time(() => native.lstmCarry(z1, z2, c, b, u, ...o)).toFixed(2)}`);
    const dz = new Float32Array(4 * n);
    row.push(`lstmCarryBackward ref ${time(() => ref.lstmCarryBackward(c, c, c, c, c, c, b, u, dz, o[0])).toFixed(2)} native ${time(() => native.lstmCarryBackward(c, c, c, c, c, c, b, u, dz, o[0])).toFixed(2)}`);
    row.push(`lstmHiddenBackward ref ${time(() => ref.lstmHiddenBackward(c, c, c, b, u, o[0], o[1])).toFixed(2)} native ${time(() => native.lstmHiddenBackward(c, c, c, b, u, o[0], o[1])).toFixed(2)}`);
    console.log(row.join(' | ') + ' (µs per call)');
  }
}

await (mode === 'kernels' ? kernels() : fit(Number(process.argv[3] ?? 1)));
process.exit(0);
