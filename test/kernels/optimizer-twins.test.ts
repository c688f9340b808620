import { describe, expect, it } from 'vitest';
import type { KernelSet } from '../../src/kernels/kernel-set.js';
import { referenceKernels } from '../../src/kernels/reference/index.js';
import { loadWasm } from '../../src/kernels/wasm/module.js';
import { wasmKernelSet } from '../../src/kernels/wasm/set.js';
import { ThreadPool } from '../../src/kernels/wasm/threads.js';
import { expectSameBits } from '../helpers/bits.js';
import type { Rng } from '../helpers/rng.js';
import { xorshift } from '../helpers/rng.js';

/**
 * DESIGN.md law 2 for the optimizer kernels: the wasm twins give the reference bits on every
 * option combination, odd sizes and special values, whether the arrays live in the module's
 * memory (used in place) or not (copied in and out). `native` runs the native code at every size;
 * `wasm` is the shipped set, which keeps the reference loop for arrays under 64 elements.
 */
const mod = loadWasm();
if (!mod) throw new Error('the wasm kernel set must load in Node');
const pool = new ThreadPool(mod);
const native = wasmKernelSet(mod, pool, 0);
const wasm = wasmKernelSet(mod, pool);
const ref = referenceKernels;

const SIZES = [1, 3, 4, 7, 17, 129, 1000];
const SPECIALS = [0, -0, 1e-40, -1e-40, 1.4e-45, NaN, Infinity, -Infinity, 3.4e38, -3.4e38, 1, -1];
const f = Math.fround;

function values(rng: Rng, n: number, special = 0.2): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = rng.next() < special ? (SPECIALS[rng.int(SPECIALS.length)] as number) : rng.uniform(-2, 2) * 2 ** (rng.int(9) - 4);
  }
  return out;
}

/** Runs `trial` often enough that small sizes also meet every pair of special values. */
function repeat(n: number, trial: () => void): void {
  for (let t = 0; t < Math.ceil(256 / n); t++) trial();
}

type Run = (k: KernelSet, arrays: Float32Array[]) => number | void;

/**
 * Runs `run` on copies of `arrays` with the reference set and with each wasm variant (arrays
 * resident in the module's memory or not), and expects identical bits in every array and result.
 */
function expectTwins(what: string, arrays: readonly Float32Array[], run: Run): void {
  const expected = arrays.map((a) => a.slice());
  const result = run(ref, expected);
  const variants: [string, KernelSet, boolean][] = [['native', native, false], ['native resident', native, true], ['wasm', wasm, false], ['wasm resident', wasm, true]];
  for (const [name, set, resident] of variants) {
    const copies = arrays.map((a) => {
      const c = resident ? set.allocFloat32(a.length) : new Float32Array(a.length);
      c.set(a);
      return c;
    });
    const got = run(set, copies);
    if (typeof result === 'number') {
      expect(Number.isNaN(got) ? NaN : got, `${what} ${name}: result`).toBe(result);
    }
    copies.forEach((c, i) => expectSameBits(c, expected[i] as Float32Array, `${what} ${name}: array ${i}`));
  }
}

describe('optimizer update kernels: wasm gives the reference bits', () => {
  const rng = xorshift(1234);
  const arrays = (n: number, count: number): Float32Array[] => Array.from({ length: count }, () => values(rng, n));

  it.each(SIZES)('sgdUpdate, plain, momentum and Nesterov, size %i', (n) => {
    repeat(n, () => {
      for (const lr of [f(0.01), f(3)]) {
        expectTwins(`sgd plain lr ${lr}`, arrays(n, 2), (k, [w, g]) => k.sgdUpdate(w!, g!, null, { lr, momentum: 0, nesterov: false }));
        for (const nesterov of [false, true]) {
          const c = { lr, momentum: f(0.9), nesterov };
          expectTwins(`sgd momentum nesterov ${nesterov}`, arrays(n, 3), (k, [w, g, m]) => k.sgdUpdate(w!, g!, m!, c));
        }
      }
    });
  });

  it.each(SIZES)('rmspropUpdate, plain, momentum, centered and both, size %i', (n) => {
    repeat(n, () => {
      for (const eps of [f(1e-7), 0]) {
        const c = { lr: f(0.001), rho: f(0.9), c: f(1 - 0.9), momentum: f(0.5), eps };
        for (const withMom of [false, true]) {
          for (const centered of [false, true]) {
            expectTwins(`rmsprop momentum ${withMom} centered ${centered} eps ${eps}`, arrays(n, 5), (k, [w, g, v, mom, mg]) =>
              k.rmspropUpdate(w!, g!, v!, withMom ? mom! : null, centered ? mg! : null, c));
          }
        }
      }
    });
  });

  it.each(SIZES)('adagradUpdate, size %i', (n) => {
    repeat(n, () => {
      for (const eps of [f(1e-7), 0]) {
        expectTwins(`adagrad eps ${eps}`, arrays(n, 3), (k, [w, g, acc]) => k.adagradUpdate(w!, g!, acc!, f(0.01), eps));
      }
    });
  });

  it.each(SIZES)('adadeltaUpdate, size %i', (n) => {
    repeat(n, () => {
      for (const eps of [f(1e-7), 0]) {
        const c = { lr: f(1), rho: f(0.95), c: f(1 - 0.95), eps };
        expectTwins(`adadelta eps ${eps}`, arrays(n, 4), (k, [w, g, eg, edx]) => k.adadeltaUpdate(w!, g!, eg!, edx!, c));
      }
    });
  });

  it.each(SIZES)('adamaxUpdate, size %i', (n) => {
    repeat(n, () => {
      for (const eps of [f(1e-7), 0]) {
        const c = { lr: f(0.002), correction: f(1 - 0.9 ** 3), c1: f(1 - 0.9), beta2: f(0.999), eps };
        expectTwins(`adamax eps ${eps}`, arrays(n, 4), (k, [w, g, m, u]) => k.adamaxUpdate(w!, g!, m!, u!, c));
      }
    });
  });
});

describe('weight decay and clipping kernels: wasm gives the reference bits', () => {
  const rng = xorshift(5678);

  it.each(SIZES)('decayWeights, size %i', (n) => {
    repeat(n, () => {
      expectTwins('decayWeights', [values(rng, n)], (k, [w]) => k.decayWeights(w!, f(0.004), f(0.001)));
    });
  });

  it.each(SIZES)('sumOfSquares, from zero and chained, with and without special values, size %i', (n) => {
    repeat(n, () => {
      for (const special of [0, 0.1]) {
        const x = values(rng, n, special);
        expectTwins(`sumOfSquares special ${special}`, [x], (k, [a]) => k.sumOfSquares(a!, 0));
        expectTwins(`sumOfSquares chained special ${special}`, [x, values(rng, n, special)], (k, [a, b]) => k.sumOfSquares(b!, k.sumOfSquares(a!, 0.1)));
      }
    });
  });

  it.each(SIZES)('clipByNorm with the norm under, over and at the threshold, and NaN, size %i', (n) => {
    repeat(n, () => {
      for (const norm of [f(0.5), f(7.3), 1, NaN, Infinity]) {
        expectTwins(`clipByNorm norm ${norm}`, [values(rng, n), new Float32Array(n)], (k, [g, out]) => k.clipByNorm(g!, out!, 1, norm));
      }
    });
  });

  it.each(SIZES)('clipByGlobalNorm and clipByValue, size %i', (n) => {
    repeat(n, () => {
      for (const scale of [f(0.37), 1, NaN]) {
        expectTwins(`clipByGlobalNorm scale ${scale}`, [values(rng, n), new Float32Array(n)], (k, [g, out]) => k.clipByGlobalNorm(g!, out!, scale));
      }
      for (const c of [f(0.5), f(1e-40), Infinity]) {
        expectTwins(`clipByValue ${c}`, [values(rng, n), new Float32Array(n)], (k, [g, out]) => k.clipByValue(g!, out!, c));
      }
    });
  });

  it('sumOfSquares keeps the sequential float64 order (a four-lane sum differs on this input)', () => {
    const x = values(xorshift(99), 4096, 0);
    const lanes = [0, 0, 0, 0];
    for (let i = 0; i < x.length; i++) lanes[i % 4] += (x[i] as number) ** 2;
    const reassociated = (lanes[0]! + lanes[1]!) + (lanes[2]! + lanes[3]!);
    const got = native.sumOfSquares(x, 0);
    expect(got).toBe(ref.sumOfSquares(x, 0));
    expect(got).not.toBe(reassociated);
  });
});
