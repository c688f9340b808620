import { describe, expect, it } from 'vitest';
import { packCheckpoint, unpackCheckpoint } from '../../src/io/checkpoint-format.js';
import { checkpointBytes, parseCheckpoint, restoreCheckpoint } from '../../src/io/checkpoint.js';
import { layers, modelToJSON, sequential, setRandomSeed } from '../../src/node.js';
import type { FitSnapshot } from '../../src/models/fit-state.js';
import { bytesOf } from '../helpers/bits.js';

const snapshot: FitSnapshot = {
  epoch: 1, batch: 2, seed: 5,
  options: { batchSize: 4, steps: 3, samples: 12, shuffle: true },
  data: { x: 'a'.repeat(64), y: 'b'.repeat(64), sampleWeight: null, validationX: null, validationY: null, validationSampleWeight: null },
  history: { epoch: [0], history: { loss: [0.5] } },
  partial: { loss: { sum: [1.25], count: [8] }, metrics: [] },
  callbacks: [],
};

function model(units = 3) {
  setRandomSeed(9);
  const m = sequential({ layers: [layers.dense({ units, inputShape: [2] })] });
  m.compile({ optimizer: 'adam', loss: 'mse' });
  return m;
}

describe('checkpoint files', () => {
  it('round-trip the header and payload', () => {
    const bytes = packCheckpoint({ a: 1 }, new Uint8Array([1, 2, 3]));
    const { header, payload } = unpackCheckpoint(bytes, 'x.sbckpt');
    expect(header).toEqual({ a: 1 });
    expect(Array.from(payload)).toEqual([1, 2, 3]);
  });

  it('refuse any single flipped bit, naming the file', () => {
    const bytes = checkpointBytes(model(), snapshot);
    for (const at of [0, 20, Math.floor(bytes.length / 2), bytes.length - 40, bytes.length - 1]) {
      const bad = bytes.slice();
      bad[at] = (bad[at] as number) ^ 0x10;
      expect(() => parseCheckpoint(bad, '/tmp/ckpt-1.sbckpt')).toThrow(/checkpoint \/tmp\/ckpt-1\.sbckpt: .*(checksum mismatch|magic)/);
    }
  });

  it('refuse a truncated file', () => {
    const bytes = checkpointBytes(model(), snapshot);
    expect(() => parseCheckpoint(bytes.subarray(0, bytes.length - 5), 'c.sbckpt')).toThrow(/checkpoint c\.sbckpt/);
    expect(() => parseCheckpoint(bytes.subarray(0, 10), 'c.sbckpt')).toThrow(/only 10 bytes/);
  });

  it('restore weights bit for bit and keep the snapshot and the topology', () => {
    const a = model();
    const loaded = parseCheckpoint(checkpointBytes(a, snapshot), 'c');
    expect(loaded.header.snapshot).toEqual(snapshot);
    expect(loaded.header.topology).toEqual(JSON.parse(JSON.stringify(modelToJSON(a))));
    setRandomSeed(10);
    const b = sequential({ layers: [layers.dense({ units: 3, inputShape: [2] })] });
    b.compile({ optimizer: 'adam', loss: 'mse' });
    restoreCheckpoint(b, loaded, 'c');
    b.weights.forEach((v, i) => expect(Buffer.from(bytesOf(v)).equals(Buffer.from(bytesOf((a.weights[i] as typeof v))))).toBe(true));
  });

  it('refuse a checkpoint of another architecture, naming both', () => {
    const loaded = parseCheckpoint(checkpointBytes(model(3), snapshot), 'c.sbckpt');
    expect(() => restoreCheckpoint(model(4), loaded, 'c.sbckpt')).toThrow(/checkpoint c\.sbckpt: weight 0 .* shape \[2,3\], but the model's is \[2,4\]/);
  });
});
