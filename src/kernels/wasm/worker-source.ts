/**
 * The source of a kernel worker, run as a Node worker_threads `eval` script or a Web Worker
 * from a Blob URL. It instantiates the kernel module on the shared memory with its own stack,
 * reports ready, then waits on the control block for jobs and runs its share of each: the
 * output columns (never a part of a sum) that the job assigns to its thread index.
 * Control block (Int32Array at `control`): [0] generation, [1] workers done, [2] kernel
 * (1 matmul, 2 a convolution job whose block lies at [4]), [3] threads, [4…] the job's arguments.
 */
export const workerSource = `
const port = typeof require === 'function' ? require('node:worker_threads').parentPort : self;
const on = (f) => typeof require === 'function' ? port.once('message', f) : (self.onmessage = (e) => f(e.data));
on((msg) => {
  const { module, memory, control, stackTop, index } = msg;
  const x = new WebAssembly.Instance(module, { env: { memory } }).exports;
  x.__stack_pointer.value = stackTop;
  const ctl = new Int32Array(memory.buffer, control, 32);
  let seen = Atomics.load(ctl, 0);
  port.postMessage('ready');
  for (;;) {
    Atomics.wait(ctl, 0, seen);
    seen = Atomics.load(ctl, 0);
    const kernel = ctl[2];
    if (kernel === -1) return;
    // A job names how many threads it uses; a worker beyond them (started for an earlier, larger
    // count) neither computes nor reports done, or the caller could stop waiting too early.
    if (index >= ctl[3]) continue;
    if (kernel === 1) {
      const threads = ctl[3], n = ctl[9], panels = (n + 7) >> 3;
      const p0 = Math.floor(index * panels / threads), p1 = Math.floor((index + 1) * panels / threads);
      if (p1 > p0) x.matmul(ctl[4], ctl[5], ctl[6], ctl[7], ctl[8], n, ctl[10], ctl[11], ctl[12], p0 * 8, Math.min(n, p1 * 8), ctl[13] + index * ctl[14]);
    } else if (kernel === 2) {
      x.conv_job(ctl[4], index, ctl[3]);
    }
    Atomics.add(ctl, 1, 1);
    Atomics.notify(ctl, 1);
  }
});
`;
