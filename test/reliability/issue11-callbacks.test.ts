import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { callbacks, layers, ones, sequential, setRandomSeed } from '../../src/node.js';
import type { Sequential } from '../../src/node.js';

// Found by probing issue 11's callbacks as a TF.js user would use them.

const dir = mkdtempSync(join(tmpdir(), 'samebits-issue11-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tiny(): Sequential {
  setRandomSeed(1);
  const m = sequential({ layers: [layers.dense({ units: 1, inputShape: [2] })] });
  m.compile({ optimizer: 'sgd', loss: 'mse' });
  return m;
}

describe('callbacks.csvLogger', () => {
  it('refuses an unknown option (Keras spells it separator; sep was ignored for ",")', () => {
    expect(() => callbacks.csvLogger(join(dir, 'x.csv'), { sep: ';' } as never)).toThrow("csvLogger: unknown option 'sep'; expected one of separator, append");
  });

  it('takes a file:// URL, as model.save and data.csv do (it tried to open the URL as a path)', async () => {
    const path = join(dir, 'url.csv');
    await tiny().fit(ones([4, 2]), ones([4, 1]), { epochs: 2, verbose: 0, callbacks: [callbacks.csvLogger(pathToFileURL(path).href)] });
    expect(readFileSync(path, 'utf8').split('\r\n')[0]).toBe('epoch,loss,val_loss');
  });

  it('refuses a missing directory when training begins, naming it, before any epoch (it failed after the first epoch with a bare ENOENT)', async () => {
    const epochs: number[] = [];
    const target = join(dir, 'missing', 'log.csv');
    await expect(tiny().fit(ones([4, 2]), ones([4, 1]), { epochs: 2, verbose: 0, callbacks: [callbacks.csvLogger(target), { onEpochEnd: async (e: number) => { epochs.push(e); } }] }))
      .rejects.toThrow(`csvLogger: cannot write '${target}': the directory '${join(dir, 'missing')}' does not exist`);
    expect(epochs).toEqual([]);
    expect(existsSync(target)).toBe(false);
  });
});
