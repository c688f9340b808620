import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { callbacks, data, input, layers, model } from '../../src/node.js';
import type { LayersModel } from '../../src/node.js';
import { monitorMode } from '../../src/models/monitor.js';
import { setRandomSeed } from '../../src/repro/seed.js';

// Hostile-user probes of functional fitDataset / evaluateDataset (issue 11): each test was
// written failing, before the fix it names.

beforeAll(async () => {
  if (tf.getBackend() !== 'cpu') await tf.setBackend('cpu');
});

/** One input, a regression output 'reg' and a classifier 'cls' with integer labels. */
function regAndClass(): LayersModel {
  setRandomSeed(3);
  const a = input({ shape: [2], name: 'a' });
  const reg = layers.dense({ units: 1, name: 'reg' }).apply(a);
  const cls = layers.dense({ units: 2, activation: 'softmax', name: 'cls' }).apply(a);
  const m = model({ inputs: a, outputs: [reg, cls] });
  m.compile({ optimizer: 'sgd', loss: ['meanSquaredError', 'sparseCategoricalCrossentropy'], metrics: { cls: 'accuracy' } });
  return m;
}
const regAndClassRows = Array.from({ length: 8 }, (_, i) => ({ xs: [i / 8, 1 - i / 8], ys: { reg: [i / 8], cls: i % 2 } }));

describe('functional fitDataset, probed', () => {
  it("callbacks in mode 'auto' watch a per-output key (val_reg_loss min, val_cls_acc max) as TF.js and Keras do, instead of refusing it", async () => {
    // Bug: monitorMode stripped only 'val_', so '<output>_loss' and '<output>_acc' were unknown and 'auto' threw.
    const seen: string[] = [];
    for (const monitor of ['val_reg_loss', 'val_cls_acc', 'cls_loss', 'cls_accuracy']) {
      const m = regAndClass();
      const h = await m.fitDataset(data.array(regAndClassRows).batch(4), { epochs: 2, verbose: 0, validationData: data.array(regAndClassRows).batch(8), callbacks: [callbacks.earlyStopping({ monitor, patience: 5 }), callbacks.reduceLROnPlateau({ monitor, patience: 5 })] });
      seen.push(...h.epoch.map((e) => `${monitor}:${e}`));
    }
    expect(['val_reg_loss', 'val_cls_acc', 'cls_loss', 'cls_accuracy', 'val_out_1_mean_squared_error', 'val_acc'].map((k) => monitorMode(k, 'auto', 'test'))).toEqual(['min', 'max', 'min', 'max', 'min', 'max']);
    expect(() => monitorMode('val_cls_custom', 'auto', 'earlyStopping')).toThrow("earlyStopping: cannot tell whether monitor 'val_cls_custom' should be minimized or maximized");
    expect(seen).toEqual(['val_reg_loss:0', 'val_reg_loss:1', 'val_cls_acc:0', 'val_cls_acc:1', 'cls_loss:0', 'cls_loss:1', 'cls_accuracy:0', 'cls_accuracy:1']);
  });
});
