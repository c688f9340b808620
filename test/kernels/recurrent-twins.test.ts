import { describe, it } from 'vitest';
import type { KernelSet } from '../../src/kernels/kernel-set.js';
import { referenceKernels } from '../../src/kernels/reference/index.js';
import { loadWasm } from '../../src/kernels/wasm/module.js';
import { wasmKernelSet } from '../../src/kernels/wasm/set.js';
import { ThreadPool } from '../../src/kernels/wasm/threads.js';
import { expectSameBits } from '../helpers/bits.js';
import type { Rng } from '../helpers/rng.js';
import { xorshift } from '../helpers/rng.js';

/**
 * DESIGN.md law 2 for the fused recurrent cells of native/recurrent.c: every output of every
 * cell, forward and backward, has the reference loop's bits, on odd batch and unit counts, with
 * special values among the inputs, with and without the optional gradients, whether the operands
 * live in the module's memory (used in place) or not (copied in and out); and the shipped set
 * (which keeps the reference below its size thresholds) agrees too.
 */
const mod = loadWasm();
if (!mod) throw new Error('the wasm kernel set must load in Node');
const pool = new ThreadPool(mod);
const native = wasmKernelSet(mod, pool, 0); // 0: the native code at every size
const shipped = wasmKernelSet(mod, pool);
const ref = referenceKernels;

const SPECIALS = [0, -0, 1e-40, -1e-40, NaN, Infinity, -Infinity, 3.4e38, -3.4e38, 1, -1, 38.5, -701, 22.5, 0.55];

function values(rng: Rng, n: number, special: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.next() < special ? (SPECIALS[rng.int(SPECIALS.length)] as number) : rng.uniform(-6, 6) * 2 ** (rng.int(7) - 3);
  return out;
}

/** A cell: its input and output sizes (in units of n = batch·units) and how to call it. */
interface Cell {
  name: string;
  ins: number[];
  outs: number[];
  /** Indices of inputs that may be null (the optional gradients). */
  optional?: number[];
  call(k: KernelSet, i: (Float32Array | null)[], o: Float32Array[], b: number, u: number): void;
}

const CELLS: Cell[] = [
  { name: 'lstmCarry', ins: [4, 4, 1], outs: [1, 1, 1, 1], call: (k, i, o, b, u) => k.lstmCarry(i[0]!, i[1]!, i[2]!, b, u, o[0]!, o[1]!, o[2]!, o[3]!) },
  { name: 'lstmCarryBackward', ins: [1, 1, 1, 1, 1, 1], outs: [4, 1], optional: [5], call: (k, i, o, b, u) => k.lstmCarryBackward(i[0]!, i[1]!, i[2]!, i[3]!, i[4]!, i[5] ?? null, b, u, o[0]!, o[1]!) },
  { name: 'lstmHidden', ins: [4, 4, 1], outs: [1, 1, 1], call: (k, i, o, b, u) => k.lstmHidden(i[0]!, i[1]!, i[2]!, b, u, o[0]!, o[1]!, o[2]!) },
  { name: 'lstmHiddenBackward', ins: [1, 1, 1], outs: [1, 1], call: (k, i, o, b, u) => k.lstmHiddenBackward(i[0]!, i[1]!, i[2]!, b, u, o[0]!, o[1]!) },
  { name: 'gruCell', ins: [3, 3, 1], outs: [1, 1, 1, 1], call: (k, i, o, b, u) => k.gruCell(i[0]!, i[1]!, i[2]!, b, u, o[0]!, o[1]!, o[2]!, o[3]!) },
  { name: 'gruCellBackward', ins: [1, 3, 1, 1, 1, 1], outs: [3, 3, 1], call: (k, i, o, b, u) => k.gruCellBackward(i[0]!, i[1]!, i[2]!, i[3]!, i[4]!, i[5]!, b, u, o[0]!, o[1]!, o[2]!) },
  { name: 'gruReset', ins: [3, 2, 1], outs: [1, 1, 1], call: (k, i, o, b, u) => k.gruReset(i[0]!, i[1]!, i[2]!, b, u, o[0]!, o[1]!, o[2]!) },
  { name: 'gruResetBackward', ins: [1, 1, 1, 1, 1], outs: [3, 2, 1], optional: [3, 4], call: (k, i, o, b, u) => k.gruResetBackward(i[0]!, i[1]!, i[2]!, i[3] ?? null, i[4] ?? null, b, u, o[0]!, o[1]!, o[2]!) },
  { name: 'gruUpdate', ins: [3, 1, 1, 1], outs: [1, 1], call: (k, i, o, b, u) => k.gruUpdate(i[0]!, i[1]!, i[2]!, i[3]!, b, u, o[0]!, o[1]!) },
  { name: 'gruUpdateBackward', ins: [1, 1, 1, 1], outs: [1, 1, 1], call: (k, i, o, b, u) => k.gruUpdateBackward(i[0]!, i[1]!, i[2]!, i[3]!, b * u, o[0]!, o[1]!, o[2]!) },
  { name: 'simpleTanh', ins: [1, 1], outs: [1], call: (k, i, o) => k.simpleTanh(i[0]!, i[1]!, o[0]!) },
  { name: 'simpleTanhBackward', ins: [1, 1], outs: [1], call: (k, i, o) => k.simpleTanhBackward(i[0]!, i[1]!, o[0]!) },
];

const SHAPES: [number, number][] = [[1, 1], [1, 7], [3, 5], [2, 13], [5, 3], [64, 32], [7, 33]];

/** Runs `cell` on the reference and on `twin` with the same inputs; outputs start from the same sentinel. */
function expectTwins(twin: KernelSet, cell: Cell, ins: (Float32Array | null)[], b: number, u: number, alloc: (n: number) => Float32Array, what: string): void {
  const n = b * u;
  const make = (): Float32Array[] => cell.outs.map((m) => alloc(m * n).fill(0.125));
  const expected = make();
  const actual = make();
  cell.call(ref, ins, expected, b, u);
  cell.call(twin, ins, actual, b, u);
  expected.forEach((e, j) => expectSameBits(actual[j]!, e, `${cell.name} ${what} output ${j}`));
}

describe('native fused recurrent cells give the reference bits', () => {
  const rng = xorshift(2718);
  for (const cell of CELLS) {
    it(`${cell.name}: odd shapes, special values, optional gradients present and absent, copied and resident operands`, () => {
      for (const [b, u] of SHAPES) {
        for (const special of [0, 0.05, 0.5]) {
          const n = b * u;
          const ins: (Float32Array | null)[] = cell.ins.map((m) => values(rng, m * n, special));
          expectTwins(native, cell, ins, b, u, (m) => new Float32Array(m), `[${b}, ${u}] specials ${special}`);
          expectTwins(shipped, cell, ins, b, u, (m) => new Float32Array(m), `shipped set [${b}, ${u}]`);
          for (const j of cell.optional ?? []) {
            const without = ins.slice();
            without[j] = null;
            expectTwins(native, cell, without, b, u, (m) => new Float32Array(m), `[${b}, ${u}] without input ${j}`);
          }
          const resident = ins.map((a) => (a ? native.allocFloat32(a.length) : null));
          resident.forEach((r, j) => r?.set(ins[j]!));
          expectTwins(native, cell, resident, b, u, (m) => native.allocFloat32(m), `[${b}, ${u}] resident`);
        }
      }
    });
  }
});
