import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runClassifierExample } from '../../src/examples/classifier.js';
import { predictTwoModels } from '../../src/examples/identical-models.js';
import { trainSequence } from '../../src/examples/sequence.js';
import { runSummationExample } from '../../src/examples/summation-order.js';
import { runWeightsExample } from '../../src/examples/weights-before-after.js';
import { sha256Hex } from '../../src/repro/fingerprint.js';
import { bytesOf } from '../helpers/bits.js';

const golden = JSON.parse(readFileSync(new URL('../golden/examples.json', import.meta.url), 'utf8')) as {
  sequence: { mse: number; fingerprint: string };
  weights: { before: number; after: number; fingerprint: string };
  identicalModels: { predictions: string };
  classifier: { accuracy: number; fingerprint: string };
};
const child = fileURLToPath(new URL('./child.ts', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));

function inNode(example: string): string {
  return execFileSync(process.execPath, ['--import', 'tsx', child, example], { encoding: 'utf8', cwd: root });
}

describe('example 1: sequence', () => {
  it('gives the golden MSE and fingerprint, the same on every run', async () => {
    const runs = [await trainSequence(42), await trainSequence(42), await trainSequence(42)];
    for (const run of runs) {
      expect(run.fingerprint).toBe(golden.sequence.fingerprint);
      expect(Object.is(run.mse, golden.sequence.mse)).toBe(true);
    }
  });

  it('gives identical output bytes in two fresh Node processes', () => {
    const a = inNode('sequence');
    const b = inNode('sequence');
    expect(b).toBe(a);
    expect(JSON.parse(a).fingerprint).toBe(golden.sequence.fingerprint);
  });

  it('gives the golden fingerprint under Bun, a second JavaScript engine', () => {
    const bun = fileURLToPath(new URL('../../node_modules/.bin/bun', import.meta.url));
    const out = execFileSync(bun, [child, 'sequence'], { encoding: 'utf8', cwd: root });
    expect(JSON.parse(out)).toEqual({ mse: golden.sequence.mse, fingerprint: golden.sequence.fingerprint });
  });

  it('gives different results for different seeds', async () => {
    const fingerprints = new Set<string>();
    for (const seed of [1, 2, 3]) fingerprints.add((await trainSequence(seed)).fingerprint);
    expect(fingerprints.size).toBe(3);
    expect(fingerprints.has(golden.sequence.fingerprint)).toBe(false);
  });
});

describe('example 2: weights before and after', () => {
  it('two builds in one process have identical sums before and after training, equal to the golden ones', async () => {
    const [first, second] = await runWeightsExample();
    expect(second).toEqual(first);
    expect(first).toEqual({ before: golden.weights.before, after: golden.weights.after, fingerprint: golden.weights.fingerprint });
    expect(first?.after).not.toBe(first?.before);
  });

  it('a second process prints the same numbers', async () => {
    expect(JSON.parse(inNode('weights'))).toEqual(await runWeightsExample());
  });
});

describe('example 3: identical models, identical predictions', () => {
  it('two models built under the same seed predict identical bits', () => {
    const [a, b] = predictTwoModels(5, 5);
    expect(sha256Hex(bytesOf(b))).toBe(sha256Hex(bytesOf(a)));
    expect(sha256Hex(bytesOf(a))).toBe(golden.identicalModels.predictions);
  });

  it('models built under different seeds predict differently', () => {
    const [a, b] = predictTwoModels(5, 6);
    expect(sha256Hex(bytesOf(b))).not.toBe(sha256Hex(bytesOf(a)));
  });
});

describe('example 4: a classifier', () => {
  it('trains well above chance and matches the golden fingerprint on rerun', async () => {
    const report = await runClassifierExample();
    expect(report.accuracy).toBeGreaterThan(0.5);
    expect(report.fingerprint).toBe(golden.classifier.fingerprint);
    expect(Object.is(report.accuracy, golden.classifier.accuracy)).toBe(true);
  });
});

describe('example 5: order of summation', () => {
  it('a naive float32 sum depends on order; SameBits sum has one answer; fsum is the same in any order', () => {
    const r = runSummationExample();
    expect(r.naiveForward).not.toBe(r.naiveBackward);
    expect(Object.is(r.fsumForward, r.fsumBackward)).toBe(true);
    expect(Object.is(runSummationExample().sameBitsSum, r.sameBitsSum)).toBe(true);
  });
});
