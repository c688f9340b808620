import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FileOps } from '../../src/io/node.js';
import { loadLayersModel, saveModel } from '../../src/io/index.js';
import { fileSystem, nodeFileOps } from '../../src/io/node.js';
import { fullModel, tempDir, weightBytes } from './helpers.js';

/** Node's file operations, with the n-th call of one operation throwing as a crash would. */
async function failingOps(operation: keyof FileOps, nth: number): Promise<FileOps> {
  const real = await nodeFileOps();
  let calls = 0;
  const ops = { ...real };
  const original = real[operation] as (...args: unknown[]) => Promise<unknown>;
  (ops as Record<string, unknown>)[operation] = async (...args: unknown[]) => {
    calls++;
    if (calls === nth) throw new Error(`simulated crash in ${operation}`);
    return original(...args);
  };
  return ops;
}

describe('file:// saves are atomic', () => {
  const root = tempDir();
  const cases: [string, keyof FileOps, number][] = [
    ['while writing weights.bin', 'writeFileSynced', 1],
    ['while writing model.json', 'writeFileSynced', 2],
    ['while replacing weights.bin', 'rename', 1],
  ];
  for (const [stage, operation, nth] of cases) {
    it(`a failure ${stage} leaves the previous model loadable, bit for bit, and no temporary files`, async () => {
      const dir = `${root}/${operation}-${nth}`;
      const previous = fullModel(1);
      await saveModel(previous, `file://${dir}`);
      const next = fullModel(2);
      const handler = fileSystem(dir, { fileOps: await failingOps(operation, nth) });
      await expect(saveModel(next, handler)).rejects.toThrow(/simulated crash.*the previous model files, if any, are unchanged/);
      expect(readdirSync(dir).sort()).toEqual(['model.json', 'weights.bin']);
      expect(weightBytes(await loadLayersModel(`file://${dir}`))).toEqual(weightBytes(previous));
    });
  }

  // NOTE: between the two renames (no data is written there) a failure leaves the new, complete
  // weights.bin beside the previous model.json; the error says so.
  for (const [stage, operation, nth] of [['flushing the directory', 'syncDirectory', 1], ['replacing model.json', 'rename', 2]] as const) {
    it(`a failure while ${stage}, between the renames, says that weights.bin was replaced`, async () => {
      const dir = `${root}/between-${operation}`;
      await saveModel(fullModel(1), `file://${dir}`);
      const handler = fileSystem(dir, { fileOps: await failingOps(operation, nth) });
      await expect(saveModel(fullModel(2), handler)).rejects.toThrow(new RegExp(`${stage}.*weights.bin was replaced but model.json was not`));
      expect(readdirSync(dir).sort()).toEqual(['model.json', 'weights.bin']);
    });
  }

  it('a successful save over an existing model replaces it', async () => {
    const dir = `${root}/replace`;
    await saveModel(fullModel(1), `file://${dir}`);
    const next = fullModel(2);
    await saveModel(next, `file://${dir}`);
    expect(weightBytes(await loadLayersModel(`file://${dir}`))).toEqual(weightBytes(next));
  });

  it('refuses to save over a path that is a file', async () => {
    const dir = `${root}/file-target`;
    await saveModel(fullModel(1), `file://${dir}`);
    await expect(saveModel(fullModel(1), `file://${dir}/model.json`)).rejects.toThrow(/exists and is not a directory/);
  });
});
