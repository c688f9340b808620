import { fromBase64 } from '../../util/base64.js';
import { wasmBase64 } from './binary.js';
import { Heap } from './heap.js';
import { MAX_THREADS, WORKER_STACK_BYTES } from './limits.js';

/** The exports of native/*.c (pointers are byte offsets into the shared memory). */
export interface KernelExports {
  matmul(a: number, b: number, out: number, m: number, k: number, n: number, aRow: number, aCol: number, transposeB: number, jBegin: number, jEnd: number, pack: number): void;
  transpose(src: number, dst: number, rows: number, cols: number): void;
  adam(w: number, g: number, m: number, v: number, vHat: number, size: number, alpha: number, c1: number, c2: number, eps: number): void;
  sgd(w: number, g: number, m: number, size: number, lr: number, mu: number, nesterov: number): void;
  rmsprop(w: number, g: number, v: number, mom: number, mg: number, size: number, lr: number, rho: number, c: number, mu: number, eps: number): void;
  adagrad(w: number, g: number, acc: number, size: number, lr: number, eps: number): void;
  adadelta(w: number, g: number, eg: number, edx: number, size: number, lr: number, rho: number, c: number, eps: number): void;
  adamax(w: number, g: number, m: number, u: number, size: number, lr: number, correction: number, c1: number, beta2: number, eps: number): void;
  decay_weights(w: number, size: number, wd: number, lr: number): void;
  sum_of_squares(x: number, size: number, acc: number): number;
  clip_by_norm(g: number, out: number, size: number, c: number, norm: number): void;
  clip_by_global_norm(g: number, out: number, size: number, scale: number): void;
  clip_by_value(g: number, out: number, size: number, c: number): void;
  max_pool(x: number, geometry: number, out: number, positions: number): void;
  avg_pool(x: number, geometry: number, out: number): void;
  avg_pool_backward(dy: number, geometry: number, dx: number): void;
  im2col(x: number, geometry: number, out: number): void;
  col2im(cols: number, geometry: number, out: number): void;
  bias_act(out: number, bias: number, rows: number, cols: number, relu: number): void;
  relu_backward(dy: number, y: number, out: number, size: number): void;
  /** Thread `index` of `threads`'s part of the convolution job described at `job` (native/conv.c). */
  conv_job(job: number, index: number, threads: number): void;
  depthwise_forward(x: number, f: number, geometry: number, multiplier: number, out: number): void;
  depthwise_backprop_input(dy: number, f: number, geometry: number, multiplier: number, out: number): void;
  depthwise_backprop_filter(x: number, dy: number, geometry: number, multiplier: number, out: number): void;
  bias_grad(dy: number, rows: number, cols: number, out: number): void;
  unary_math(fn: number, x: number, out: number, n: number): void;
  lstm_carry(xz: number, hu: number, cPrev: number, batch: number, u: number, carry: number, sf: number, si: number, ag: number): void;
  lstm_carry_backward(dc: number, cPrev: number, sf: number, si: number, ag: number, dO: number, batch: number, u: number, dz: number, dcPrev: number): void;
  lstm_hidden(xz: number, hu: number, carry: number, batch: number, u: number, h: number, so: number, ac: number): void;
  lstm_hidden_backward(dh: number, so: number, ac: number, n: number, dO: number, dcarry: number): void;
  gru_cell(x: number, inner: number, h: number, batch: number, u: number, out: number, zs: number, rs: number, cs: number): void;
  gru_cell_backward(dy: number, inner: number, h: number, zs: number, rs: number, cs: number, batch: number, u: number, dx: number, dinner: number, dh: number): void;
  gru_reset(x: number, hzr: number, hr: number, batch: number, u: number, out: number, zs: number, rs: number): void;
  gru_reset_backward(dm: number, hr: number, rs: number, da1: number, da3: number, batch: number, u: number, dx: number, dhzr: number, dhr: number): void;
  gru_update(x: number, mu: number, h: number, zs: number, batch: number, u: number, out: number, cs: number): void;
  gru_update_backward(dy: number, h: number, zs: number, cs: number, n: number, dh: number, da1: number, da3: number): void;
  simple_tanh(xz: number, hu: number, h: number, n: number): void;
  simple_tanh_backward(dy: number, h: number, dx: number, n: number): void;
  __heap_base: WebAssembly.Global;
}

/** Where the fixed regions lie in the module's memory (byte offsets). */
export interface MemoryLayout {
  /** The thread pool's control block (32 int32). */
  readonly control: number;
  /** Worker i's stack grows down from stacks + i·WORKER_STACK_BYTES. */
  readonly stacks: number;
}

/** One instance of the kernel module on its memory, with a scratch arena above the fixed regions. */
export interface WasmModule {
  readonly memory: WebAssembly.Memory;
  readonly exports: KernelExports;
  readonly compiled: WebAssembly.Module;
  readonly layout: MemoryLayout;
  readonly heap: Heap;
  readonly arena: Arena;
}

const MAX_PAGES = 65536; // 4 GiB: the most a wasm32 memory can address.

/**
 * Scratch blocks for the operands of one kernel call: `begin(floats)` makes room for the whole
 * call (a block from the heap, kept and reused while large enough), then `alloc` hands out
 * 64-byte-aligned pieces of it in order.
 */
export class Arena {
  private block = 0;
  private blockClass = -1;
  private capacity = 0;
  private top = 0;
  constructor(private readonly heap: Heap) {}

  /** Frees the previous call's pieces and makes room for `floats` elements (plus alignment). */
  begin(floats: number, pieces: number): void {
    const bytes = floats * 4 + pieces * 64;
    if (bytes > this.capacity) {
      if (this.blockClass >= 0) this.heap.release(this.block, this.blockClass);
      [this.block, this.blockClass] = this.heap.alloc(bytes);
      this.capacity = Heap.classBytes(this.blockClass);
    }
    this.top = this.block;
  }

  /** A piece for `count` float32 (or int32) elements; returns its byte offset. */
  alloc(count: number): number {
    const at = this.top;
    this.top = (at + count * 4 + 63) & ~63;
    return at;
  }

  /** Copies `values` into a new piece; returns its byte offset. */
  copyIn(values: Float32Array): number {
    const at = this.alloc(values.length);
    this.view(at, values.length).set(values);
    return at;
  }

  /** A float32 view of `count` elements at byte offset `at`. */
  view(at: number, count: number): Float32Array {
    return new Float32Array(this.heap.buffer(), at, count);
  }
}

let loaded: WasmModule | null | undefined;
let failure = '';

/**
 * The kernel module, compiled and instantiated on first use (synchronously: it is small enough for
 * every engine to compile on the calling thread), or null where WebAssembly SIMD or shared
 * memory is unavailable; `wasmUnavailableReason()` then says why.
 */
export function loadWasm(): WasmModule | null {
  if (loaded !== undefined) return loaded;
  try {
    const wasm = (globalThis as { WebAssembly?: typeof WebAssembly }).WebAssembly;
    if (!wasm) throw new Error('this engine has no WebAssembly');
    if (typeof SharedArrayBuffer === 'undefined') throw new Error('SharedArrayBuffer is unavailable (a browser page must be cross-origin isolated)');
    const compiled = new wasm.Module(fromBase64(wasmBase64) as Uint8Array<ArrayBuffer>);
    const memory = new wasm.Memory({ initial: 32, maximum: MAX_PAGES, shared: true });
    const instance = new wasm.Instance(compiled, { env: { memory } });
    const exports = instance.exports as unknown as KernelExports;
    const control = ((exports.__heap_base.value as number) + 63) & ~63;
    const stacks = control + 128; // worker i's stack top: stacks + i·WORKER_STACK_BYTES, i ≥ 1
    const heap = new Heap(memory, stacks + MAX_THREADS * WORKER_STACK_BYTES);
    loaded = { memory, exports, compiled, layout: { control, stacks }, heap, arena: new Arena(heap) };
  } catch (e) {
    failure = e instanceof Error ? e.message : String(e);
    loaded = null;
  }
  return loaded;
}

/** Why `loadWasm` returned null ('' if it did not). */
export function wasmUnavailableReason(): string {
  return failure;
}
