import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { matMul, mean, randomNormal, square, sub, variableGrads } from '../../src/ops/index.js';
import { variable, zeros } from '../../src/ops/create.js';
import { train } from '../../src/optimizers/index.js';
import type { StepObserver } from '../../src/optimizers/step-observer.js';
import { installStepObserver, stepObserver } from '../../src/optimizers/step-observer.js';
import { diffLogs } from '../../src/repro/diff.js';
import { formatComparison } from '../../src/repro/diff-format.js';
import { parseFingerprintLog } from '../../src/repro/log-format.js';
import type { LoopLoggerArgs } from '../../src/repro/loop-logger.js';
import { LoopLogger } from '../../src/repro/loop-logger.js';
import { fingerprint } from '../../src/repro/model-fingerprint.js';
import { trainTiny } from './tiny-training.js';

let before: StepObserver | undefined;
beforeEach(() => { before = stepObserver(); });
afterEach(() => installStepObserver(before));

/** A custom loop of `steps` minimize steps under a LoopLogger; its lines and variables. */
function loggedLoop(steps: number, options: Omit<LoopLoggerArgs, 'onLine'> = {}, nudge = 0): { lines: string[]; logger: LoopLogger; w: ReturnType<typeof variable> } {
  const lines: string[] = [];
  const logger = new LoopLogger({ ...options, onLine: (l) => lines.push(l) });
  installStepObserver(logger);
  const x = randomNormal([16, 3], 0, 1, 'float32', 1);
  const y = randomNormal([16, 1], 0, 1, 'float32', 2);
  const w = variable(randomNormal([3, 1], 0, 0.1, 'float32', 3), true);
  const b = variable(zeros([1]), true);
  const optimizer = train.adam(0.05);
  for (let i = 0; i < steps; i++) {
    const target = i === 2 && nudge !== 0 ? y.add(nudge) : y;
    optimizer.minimize(() => mean(square(sub(matMul(x, w).add(b), target))));
  }
  logger.finish();
  return { lines, logger, w };
}

describe('LoopLogger: fingerprint logs of custom training loops', () => {
  it('logs the header, the variables before the first step, every step with minimize\'s cost, and the end', () => {
    const { lines, logger } = loggedLoop(3);
    const [fit] = parseFingerprintLog(lines.join('\n')).fits;
    expect(fit?.header.params).toEqual({ loop: 'custom' });
    expect(fit?.records.map((r) => `${r.kind} ${r.step} ${r.batch}`)).toEqual(['begin -1 null', 'batch 0 null', 'batch 1 null', 'batch 2 null', 'end 2 null']);
    expect(fit?.records[1]?.loss).toEqual(expect.any(Number));
    expect(fit?.records[1]?.tensors.map((t) => t.group)).toEqual(['weight', 'weight']);
    expect(fit?.records.at(-1)?.fingerprint).toBe(logger.fingerprint());
  });

  it('logs every n steps, and gradients and optimizer state when asked', () => {
    const { lines } = loggedLoop(4, { every: 2, gradients: true, optimizerSlots: true });
    const records = parseFingerprintLog(lines.join('\n')).fits[0]?.records ?? [];
    expect(records.map((r) => `${r.kind} ${r.step}`)).toEqual(['begin -1', 'batch 1', 'batch 3', 'end 3']);
    expect(records[1]?.tensors.map((t) => t.group)).toEqual(['gradient', 'gradient', 'optimizer', 'optimizer', 'optimizer', 'optimizer', 'optimizer', 'weight', 'weight']);
    expect(records[1]?.tensors[2]?.name).toBe('iter');
  });

  it('fingerprints the updated variables as fingerprint() does a model holding them', () => {
    const { logger, w } = loggedLoop(2);
    expect(logger.fingerprint()).not.toBe(fingerprint({ weights: [w], trainableWeights: [w] })); // b is updated too
    expect(logger.steps).toBe(2);
  });

  it('lets diffLogs name the first step where two loops part', () => {
    const a = loggedLoop(4).lines.join('\n');
    const b = loggedLoop(4, {}, 0.5).lines.join('\n');
    expect(diffLogs(a, loggedLoop(4).lines.join('\n')).identical).toBe(true);
    const c = diffLogs(a, b);
    expect(formatComparison(c)).toContain('first divergence: after step 2 (counting optimizer steps from 0); the 3 logged records before it are bit-identical');
  });

  it('is not told about fit\'s steps: fit logs through its callbacks', async () => {
    const lines: string[] = [];
    installStepObserver(new LoopLogger({ onLine: (l) => lines.push(l) }));
    await trainTiny(3, 1, []);
    expect(lines).toEqual([]);
  });

  it('hears applyGradients steps too, but not empty ones', () => {
    const lines: string[] = [];
    installStepObserver(new LoopLogger({ onLine: (l) => lines.push(l) }));
    const w = variable(zeros([2]), true);
    const optimizer = train.sgd(0.1);
    optimizer.applyGradients({});
    expect(lines).toEqual([]);
    optimizer.applyGradients(variableGrads(() => mean(square(w.sub(1)))).grads);
    expect(lines.map((l) => (JSON.parse(l) as { kind: string }).kind)).toEqual(['header', 'begin', 'batch']);
  });
});
