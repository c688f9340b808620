import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { data } from '../../src/node.js';
import type { CSVConfig } from '../../src/node.js';
import { useTfjsCpu } from '../peer/harness.js';

// Found by probing issue 11's data module as a TF.js user would use it.

describe('data.csv ported from TF.js', () => {
  beforeAll(useTfjsCpu);

  it('columnNames() gives TF.js CSVDataset.columnNames() (the tf.data.csv doc example counts features with it)', async () => {
    const text = 'crim,zn,"a, b",medv\n1,2,3,4\n5,6,7,8\n';
    const configs: CSVConfig[] = [
      { columnConfigs: { medv: { isLabel: true } } },
      {},
      { hasHeader: false, columnNames: ['p', 'q', 'r', 's'] },
      { columnNames: ['p', 'q', 'r', 's'] },
      { columnConfigs: { zn: {}, medv: { isLabel: true } }, configuredColumnsOnly: true },
    ];
    const url = `data:text/csv,${encodeURIComponent(text)}`;
    for (const config of configs) {
      const peer = await tf.data.csv(url, config as Parameters<typeof tf.data.csv>[1]).columnNames();
      expect(await data.csv({ text }, config).columnNames()).toEqual(peer);
    }
  });
});
