import type { KernelSet } from '../kernel-set.js';
import { referenceKernels as ref } from '../reference/index.js';
import type { WasmModule } from './module.js';

/** The optimizer kernels this file implements natively. */
export type OptimizerKernels = Pick<KernelSet,
  'adamUpdate' | 'sgdUpdate' | 'rmspropUpdate' | 'adagradUpdate' | 'adadeltaUpdate' | 'adamaxUpdate' |
  'decayWeights' | 'sumOfSquares' | 'clipByNorm' | 'clipByGlobalNorm' | 'clipByValue'>;

/** How the kernel uses an array: read only, read and written in place, or written only. */
type Role = 'in' | 'inout' | 'out';

/** Below this many elements the reference loop is faster than a call into the module. */
export const NATIVE_FROM = 64;

/**
 * The optimizer updates, weight decay and gradient clipping of native/kernels.c. Arrays in the
 * module's memory (variables, slots) are used in place; others (gradients, fresh outputs) are
 * copied into the arena, and the written ones copied back. Arrays shorter than `nativeFrom` run
 * the reference loop, with the same bits.
 */
export function optimizerKernels(mod: WasmModule, nativeFrom: number = NATIVE_FROM): OptimizerKernels {
  const { exports: x, arena, heap } = mod;

  /** Runs `call` on the byte offsets of `arrays` (null: 0), placed as their roles need. */
  function placed(arrays: readonly (Float32Array | null)[], roles: readonly Role[], call: (at: readonly number[]) => void): void {
    const copied = arrays.map((a) => a !== null && !heap.isResident(a));
    arena.begin(arrays.reduce((s, a, i) => s + (copied[i] ? (a as Float32Array).length : 0), 0), arrays.length);
    const at = arrays.map((a, i) => {
      if (a === null) return 0;
      if (!copied[i]) return a.byteOffset;
      return roles[i] === 'out' ? arena.alloc(a.length) : arena.copyIn(a);
    });
    call(at);
    arrays.forEach((a, i) => {
      if (a && copied[i] && roles[i] !== 'in') a.set(arena.view(at[i] as number, a.length));
    });
  }

  return {
    adamUpdate(w, g, m, v, vHat, c) {
      if (w.length < nativeFrom) return ref.adamUpdate(w, g, m, v, vHat, c);
      placed([w, g, m, v, vHat], ['inout', 'in', 'inout', 'inout', 'inout'], ([pw, pg, pm, pv, ph]) =>
        x.adam(pw!, pg!, pm!, pv!, ph!, w.length, c.alpha, c.c1, c.c2, c.eps));
    },
    sgdUpdate(w, g, m, c) {
      if (w.length < nativeFrom) return ref.sgdUpdate(w, g, m, c);
      placed([w, g, m], ['inout', 'in', 'inout'], ([pw, pg, pm]) => x.sgd(pw!, pg!, pm!, w.length, c.lr, c.momentum, c.nesterov ? 1 : 0));
    },
    rmspropUpdate(w, g, v, mom, mg, c) {
      if (w.length < nativeFrom) return ref.rmspropUpdate(w, g, v, mom, mg, c);
      placed([w, g, v, mom, mg], ['inout', 'in', 'inout', 'inout', 'inout'], ([pw, pg, pv, pmom, pmg]) =>
        x.rmsprop(pw!, pg!, pv!, pmom!, pmg!, w.length, c.lr, c.rho, c.c, c.momentum, c.eps));
    },
    adagradUpdate(w, g, acc, lr, eps) {
      if (w.length < nativeFrom) return ref.adagradUpdate(w, g, acc, lr, eps);
      placed([w, g, acc], ['inout', 'in', 'inout'], ([pw, pg, pa]) => x.adagrad(pw!, pg!, pa!, w.length, lr, eps));
    },
    adadeltaUpdate(w, g, eg, edx, c) {
      if (w.length < nativeFrom) return ref.adadeltaUpdate(w, g, eg, edx, c);
      placed([w, g, eg, edx], ['inout', 'in', 'inout', 'inout'], ([pw, pg, pe, pd]) => x.adadelta(pw!, pg!, pe!, pd!, w.length, c.lr, c.rho, c.c, c.eps));
    },
    adamaxUpdate(w, g, m, u, c) {
      if (w.length < nativeFrom) return ref.adamaxUpdate(w, g, m, u, c);
      placed([w, g, m, u], ['inout', 'in', 'inout', 'inout'], ([pw, pg, pm, pu]) =>
        x.adamax(pw!, pg!, pm!, pu!, w.length, c.lr, c.correction, c.c1, c.beta2, c.eps));
    },
    decayWeights(w, weightDecay, learningRate) {
      if (w.length < nativeFrom) return ref.decayWeights(w, weightDecay, learningRate);
      placed([w], ['inout'], ([pw]) => x.decay_weights(pw!, w.length, weightDecay, learningRate));
    },
    sumOfSquares(v, acc) {
      if (v.length < nativeFrom) return ref.sumOfSquares(v, acc);
      let sum = acc;
      placed([v], ['in'], ([pv]) => (sum = x.sum_of_squares(pv!, v.length, acc)));
      return sum;
    },
    clipByNorm(g, out, clipNorm, norm) {
      if (g.length < nativeFrom) return ref.clipByNorm(g, out, clipNorm, norm);
      placed([g, out], ['in', 'out'], ([pg, po]) => x.clip_by_norm(pg!, po!, g.length, clipNorm, norm));
    },
    clipByGlobalNorm(g, out, scale) {
      if (g.length < nativeFrom) return ref.clipByGlobalNorm(g, out, scale);
      placed([g, out], ['in', 'out'], ([pg, po]) => x.clip_by_global_norm(pg!, po!, g.length, scale));
    },
    clipByValue(g, out, clipValue) {
      if (g.length < nativeFrom) return ref.clipByValue(g, out, clipValue);
      placed([g, out], ['in', 'out'], ([pg, po]) => x.clip_by_value(pg!, po!, g.length, clipValue));
    },
  };
}
