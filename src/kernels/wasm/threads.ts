import { MAX_THREADS, WORKER_STACK_BYTES } from './limits.js';
import type { WasmModule } from './module.js';
import { workerSource } from './worker-source.js';

/** Smallest product (m·k·n) worth waking workers for (waking one costs about as much as 4M multiply-adds on one thread, measured on the MLP); smaller ones stay on the calling thread. */
const THREADED_MATMUL_WORK = 1 << 22;

interface WorkerHandle {
  postMessage(message: unknown): void;
  terminate(): unknown;
}

/** Starts one worker running `workerSource`; calls onReady when it reports ready. */
export type WorkerFactory = (onReady: () => void) => WorkerHandle;

/**
 * Worker threads over the kernel module's shared memory. The calling thread is thread 0 and
 * takes part in every job; workers are threads 1…n−1. Jobs split output columns between threads
 * (each output element is computed whole by one thread, in the reference order), so the bits do
 * not depend on the number of threads. Workers start asynchronously; until they report ready,
 * jobs run on fewer threads, with the same bits.
 */
export class ThreadPool {
  private readonly ctl: Int32Array;
  private readonly workers: (WorkerHandle | undefined)[] = [];
  private readonly ready: boolean[] = [];
  private wanted = 1;
  private readonly canBlock: boolean;
  private factory: WorkerFactory | null = null;

  constructor(private readonly mod: WasmModule) {
    this.ctl = new Int32Array(mod.memory.buffer, mod.layout.control, 32);
    this.canBlock = blockingAllowed(this.ctl);
  }

  /** Gives the pool a way to start workers (none until then: one thread). */
  attach(factory: WorkerFactory | null): void {
    this.factory = factory;
    this.resize(this.wanted);
  }

  /** Threads requested (the calling thread included). */
  get threads(): number {
    return this.wanted;
  }

  /** Asks for `n` threads in all; new workers start in the background. */
  resize(n: number): void {
    this.wanted = Math.max(1, Math.min(MAX_THREADS, Math.floor(n)));
    if (!this.factory) return;
    for (let i = 1; i < this.wanted; i++) {
      if (this.workers[i]) continue;
      const index = i;
      const worker = this.factory(() => { this.ready[index] = true; });
      worker.postMessage({
        module: this.mod.compiled, memory: this.mod.memory, control: this.mod.layout.control,
        stackTop: this.mod.layout.stacks + index * WORKER_STACK_BYTES, index,
      });
      this.workers[i] = worker;
    }
  }

  /** Threads that can take part now: 1 + the workers 1, 2, … that have reported ready, in a row. */
  private usable(): number {
    let t = 1;
    while (t < this.wanted && this.ready[t]) t++;
    return t;
  }

  /** Resolves once every requested worker has started (or at once without workers). */
  async whenReady(): Promise<void> {
    while (this.usable() < this.wanted && this.factory) await new Promise((r) => setTimeout(r, 1));
  }

  /**
   * out[m, n] = op(A)·op(B) for operands already in the module's memory (byte offsets), split by
   * columns in panels of 8 over the usable threads; `pack` points at threads × packStride bytes.
   */
  matmul(pa: number, pb: number, po: number, m: number, k: number, n: number, aRow: number, aCol: number, transposeB: boolean, packFor: (threads: number) => { base: number; stride: number }): void {
    const x = this.mod.exports;
    const panels = (n + 7) >> 3;
    const threads = m * k * n < THREADED_MATMUL_WORK ? 1 : Math.min(this.usable(), panels);
    const { base, stride } = packFor(threads);
    if (threads === 1) {
      x.matmul(pa, pb, po, m, k, n, aRow, aCol, transposeB ? 1 : 0, 0, n, base);
      return;
    }
    const c = this.ctl;
    c.set([1, threads, pa, pb, po, m, k, n, aRow, aCol, transposeB ? 1 : 0, base, stride], 2);
    Atomics.store(c, 1, 0);
    Atomics.add(c, 0, 1);
    Atomics.notify(c, 0);
    const p1 = Math.floor(panels / threads);
    x.matmul(pa, pb, po, m, k, n, aRow, aCol, transposeB ? 1 : 0, 0, Math.min(n, p1 * 8), base);
    this.awaitWorkers(threads - 1);
  }

  /**
   * Runs the convolution job whose block is at byte offset `job` (native/conv.c `conv_job`) on
   * up to `threads` threads (the usable ones); each thread computes whole outputs, so the bits
   * do not depend on how many take part. Returns the number of threads used.
   */
  convJob(job: number, threads: number): number {
    const x = this.mod.exports;
    const used = Math.max(1, Math.min(threads, this.usable()));
    if (used > 1) {
      const c = this.ctl;
      c.set([2, used, job], 2);
      Atomics.store(c, 1, 0);
      Atomics.add(c, 0, 1);
      Atomics.notify(c, 0);
    }
    x.conv_job(job, 0, used);
    if (used > 1) this.awaitWorkers(used - 1);
    return used;
  }

  private awaitWorkers(count: number): void {
    const c = this.ctl;
    for (;;) {
      const done = Atomics.load(c, 1);
      if (done >= count) return;
      if (this.canBlock) Atomics.wait(c, 1, done);
    }
  }
}

/** Atomics.wait is refused on a browser's main thread; there the pool spins instead. */
function blockingAllowed(ctl: Int32Array): boolean {
  try {
    Atomics.wait(ctl, 31, 1, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * How this engine starts a worker from source: Web Workers from a Blob URL (browsers, Deno,
 * Bun), else Node's worker_threads (loaded by a computed specifier, so bundlers for the browser
 * do not follow it). Null when neither exists.
 */
export async function workerFactory(): Promise<WorkerFactory | null> {
  const g = globalThis as { Worker?: new (url: string) => WebWorkerLike; Blob?: typeof Blob; URL?: typeof URL; process?: { versions?: { node?: string } }; Bun?: unknown; Deno?: unknown };
  const isNode = g.process?.versions?.node !== undefined && g.Bun === undefined && g.Deno === undefined;
  if (!isNode && g.Worker && g.Blob && g.URL?.createObjectURL) {
    const WebWorker = g.Worker;
    const url = g.URL.createObjectURL(new g.Blob([workerSource], { type: 'text/javascript' }));
    return (onReady) => {
      const w = new WebWorker(url);
      w.onmessage = () => onReady();
      w.onerror = () => {}; // a worker that fails never reports ready: its share stays on other threads
      w.unref?.(); // Bun and Deno: an idle kernel worker must not keep the program alive
      return w;
    };
  }
  if (!isNode) return null;
  const specifier = 'node:worker_threads';
  const { Worker } = (await import(/* @vite-ignore */ specifier)) as { Worker: new (source: string, options: { eval: boolean; execArgv: string[] }) => NodeWorkerLike };
  return (onReady) => {
    // NOTE: execArgv [] so that the host's flags (--input-type=module, loaders) do not turn the
    // worker's script into an ES module, where it has no require.
    const w = new Worker(workerSource, { eval: true, execArgv: [] });
    w.once('message', onReady);
    w.on('error', () => {}); // a worker that fails never reports ready: its share stays on other threads
    w.unref();
    return w;
  };
}

interface WebWorkerLike extends WorkerHandle {
  onmessage: ((e: unknown) => void) | null;
  onerror: ((e: unknown) => void) | null;
  unref?: () => void;
}

interface NodeWorkerLike extends WorkerHandle {
  once(event: 'message', f: () => void): void;
  on(event: 'error', f: (error: unknown) => void): void;
  unref(): void;
}
