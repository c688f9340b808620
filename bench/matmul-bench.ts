/** SameBits matMul against TF.js cpu and wasm on the same square products, in GFLOP/s. */

import * as tf from '@tensorflow/tfjs';
import { matMul, tensor2d } from '../src/index.js';
import { uniformFloat32 } from './inputs.js';
import { measure, type TimingOptions } from './timing.js';
import { useBackend, type BackendStatus, type TfBackendName } from './tfjs-backends.js';

/** Which operand is transposed in the product. */
export type Variant = 'plain' | 'transposeA' | 'transposeB';

/** One matMul benchmark row: a size³ product, GFLOP/s for each library, and agreement. */
export interface MatMulRow {
  size: number;
  variant: Variant;
  sameBitsGflops: number;
  tfjsCpuGflops: number | null;
  tfjsWasmGflops: number | null;
  /** max |SameBits − TF.js| over the output; null when that backend did not run. */
  maxAbsDiffCpu: number | null;
  maxAbsDiffWasm: number | null;
  /** Timed samples behind each median: SameBits, tfjs-cpu, tfjs-wasm (0 when not run). */
  samples: [number, number, number];
}

const VARIANTS: readonly Variant[] = ['plain', 'transposeA', 'transposeB'];

/**
 * Times every size and variant in SameBits, then in each TF.js backend that starts (a backend
 * that fails is reported in `backends` and its columns are null). TF.js time includes dataSync().
 */
export async function runMatMulBench(
  sizes: readonly number[], timingFor: (size: number) => TimingOptions, log: (line: string) => void,
): Promise<{ rows: MatMulRow[]; backends: BackendStatus[] }> {
  // The three variants of a size share one pair of inputs (square, so every transpose fits).
  const cases = sizes.flatMap((size) => {
    const a = uniformFloat32(size * size, 0xa000 + size);
    const b = uniformFloat32(size * size, 0xb000 + size);
    return VARIANTS.map((variant) => ({ size, variant, a, b }));
  });
  const ours = cases.map((c) => {
    const a = tensor2d(c.a, [c.size, c.size]);
    const b = tensor2d(c.b, [c.size, c.size]);
    let out: Float32Array = new Float32Array(0);
    const t = measure(() => matMul(a, b, c.variant === 'transposeA', c.variant === 'transposeB'), timingFor(c.size), (r) => { out = r.values as Float32Array; });
    log(`  SameBits ${c.size} ${c.variant}: ${(t.seconds * 1e3).toFixed(1)} ms (${t.samples} samples)`);
    return { seconds: t.seconds, samples: t.samples, out };
  });
  const backends: BackendStatus[] = [];
  const theirs = new Map<TfBackendName, { seconds: number; samples: number; out: Float32Array }[]>();
  for (const name of ['cpu', 'wasm'] as const) {
    const status = await useBackend(name);
    backends.push(status);
    if (status.error !== null) {
      log(`  tfjs-${name}: could not start (${status.error}); skipped`);
      continue;
    }
    theirs.set(name, cases.map((c) => {
      const a = tf.tensor2d(c.a, [c.size, c.size]);
      const b = tf.tensor2d(c.b, [c.size, c.size]);
      let out: Float32Array = new Float32Array(0);
      const t = measure(() => {
        // dataSync() waits for the backend and copies the result out, so the kernel is included.
        // NOTE: not tf.tidy(() => ….dataSync()): tidy walks its result looking for tensors, and
        // walking a typed array element by element cost more than the product itself.
        const product = tf.matMul(a, b, c.variant === 'transposeA', c.variant === 'transposeB');
        try {
          return product.dataSync();
        } finally {
          product.dispose();
        }
      }, timingFor(c.size), (r) => { out = r as Float32Array; });
      a.dispose();
      b.dispose();
      log(`  tfjs-${name} ${c.size} ${c.variant}: ${(t.seconds * 1e3).toFixed(1)} ms (${t.samples} samples)`);
      return { seconds: t.seconds, samples: t.samples, out };
    }));
  }
  const rows = cases.map((c, i): MatMulRow => {
    const flops = 2 * c.size * c.size * c.size;
    const mine = ours[i] as { seconds: number; samples: number; out: Float32Array };
    const cpu = theirs.get('cpu')?.[i];
    const wasm = theirs.get('wasm')?.[i];
    return {
      size: c.size, variant: c.variant,
      sameBitsGflops: flops / mine.seconds / 1e9,
      tfjsCpuGflops: cpu ? flops / cpu.seconds / 1e9 : null,
      tfjsWasmGflops: wasm ? flops / wasm.seconds / 1e9 : null,
      maxAbsDiffCpu: cpu ? maxAbsDiff(mine.out, cpu.out) : null,
      maxAbsDiffWasm: wasm ? maxAbsDiff(mine.out, wasm.out) : null,
      samples: [mine.samples, cpu?.samples ?? 0, wasm?.samples ?? 0],
    };
  });
  return { rows, backends };
}

function maxAbsDiff(x: Float32Array, y: Float32Array): number {
  if (x.length !== y.length) return NaN;
  let worst = 0;
  for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs((x[i] as number) - (y[i] as number)));
  return worst;
}
