import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fingerprintTensors } from '../../src/repro/fingerprint.js';
import { fingerprintLogger } from '../../src/repro/fingerprint-logger.js';
import type { FingerprintLoggerArgs } from '../../src/repro/fingerprint-logger.js';
import type { LogRecord } from '../../src/repro/log-format.js';
import { parseFingerprintLog } from '../../src/repro/log-format.js';
import { fingerprint } from '../../src/repro/model-fingerprint.js';
import { printValues } from '../../src/repro/tensor-print.js';
import { STEPS_PER_EPOCH, tinyModel, tinyData, trainTiny } from './tiny-training.js';

const dir = mkdtempSync(join(tmpdir(), 'samebits-logger-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function logged(options: Omit<FingerprintLoggerArgs, 'path' | 'onLine'>, epochs = 2): Promise<{ lines: string[]; records: LogRecord[]; final: string }> {
  const lines: string[] = [];
  const model = await trainTiny(3, epochs, [fingerprintLogger({ ...options, onLine: (line) => lines.push(line) })]);
  return { lines, records: parseFingerprintLog(lines.join('\n')).fits[0]?.records ?? [], final: fingerprint(model) };
}

describe('fingerprintLogger', () => {
  it('writes a header, the initial weights, one record per epoch and an end record with fingerprint(model)', async () => {
    const { lines, records, final } = await logged({}, 3);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ kind: 'header', format: 'samebits-fingerprint-log', version: 1, seed: 3, every: 'epoch', params: { epochs: 3, steps: STEPS_PER_EPOCH } });
    expect(records.map((r) => [r.kind, r.epoch, r.step])).toEqual([['begin', 0, -1], ['epoch', 0, 7], ['epoch', 1, 15], ['epoch', 2, 23], ['end', 2, 23]]);
    expect(records.at(-1)?.fingerprint).toBe(final);
    // Layer names come from a per-process counter (dense_1, dense_2, …), so only their form is fixed.
    expect(records[1]?.tensors.map((t) => `${t.group} ${t.layer}/${t.name} [${t.shape.join(',')}]`)).toEqual([
      expect.stringMatching(/^weight dense(_\d+)?\/kernel \[4,8\]$/), expect.stringMatching(/^weight dense(_\d+)?\/bias \[8\]$/),
      expect.stringMatching(/^weight dense_\d+\/kernel \[8,1\]$/), expect.stringMatching(/^weight dense_\d+\/bias \[1\]$/),
    ]);
  });

  it('fingerprints each tensor as SHA-256 of its canonical bytes, and stores its exact bits when asked', async () => {
    const model = tinyModel(3);
    const { x, y } = tinyData();
    const lines: string[] = [];
    await model.fit(x, y, { epochs: 1, batchSize: 8, verbose: 0, callbacks: [fingerprintLogger({ onLine: (l) => lines.push(l), values: true })] });
    const end = parseFingerprintLog(lines.join('\n')).fits[0]?.records.at(-1) as LogRecord;
    expect(end.tensors.map((t) => `${t.layer}/${t.name}`)).toEqual(model.weights.map((v) => v.name));
    model.weights.forEach((v, i) => {
      const print = end.tensors[i];
      expect(print?.sha256).toBe(fingerprintTensors([{ name: '', tensor: v }]));
      const stored = printValues(print as NonNullable<typeof print>) as Float32Array;
      expect(new Uint32Array(stored.buffer)).toEqual(new Uint32Array((v.values as Float32Array).slice().buffer));
    });
  });

  it('logs every batch, or every n steps', async () => {
    const batch = await logged({ every: 'batch' });
    expect(batch.records.filter((r) => r.kind === 'batch').map((r) => r.step)).toEqual([...Array(16).keys()]);
    expect(batch.records.filter((r) => r.kind === 'batch').map((r) => r.batch)).toEqual([...Array(16).keys()].map((s) => s % 8));
    const every5 = await logged({ every: 5 });
    expect(every5.records.filter((r) => r.kind === 'batch').map((r) => r.step)).toEqual([4, 9, 14]);
  });

  it('logs gradients, then optimizer slots, then weights, in forward order of layers', async () => {
    const { records } = await logged({ gradients: true, optimizerSlots: true }, 1);
    const epoch = records.find((r) => r.kind === 'epoch') as LogRecord;
    const names = epoch.tensors.map((t) => `${t.group} ${t.name}`);
    expect(names).toEqual([
      'gradient kernel', 'gradient bias', 'gradient kernel', 'gradient bias',
      'optimizer iter', 'optimizer kernel/m', 'optimizer kernel/v', 'optimizer bias/m', 'optimizer bias/v', 'optimizer kernel/m', 'optimizer kernel/v', 'optimizer bias/m', 'optimizer bias/v',
      'weight kernel', 'weight bias', 'weight kernel', 'weight bias',
    ]);
    const layersInOrder = epoch.tensors.filter((t) => t.group === 'gradient').map((t) => t.layer);
    expect(layersInOrder[0]).toBe(layersInOrder[1]);
    expect(layersInOrder[2]).not.toBe(layersInOrder[0]);
    expect(records[0]?.tensors.some((t) => t.group === 'gradient')).toBe(false); // no gradient before the first step
  });

  it('gives the same log for the same seed and leaves the training bits unchanged', async () => {
    const a = await logged({ gradients: true, optimizerSlots: true, every: 'batch' }, 1);
    const b = await logged({ gradients: true, optimizerSlots: true, every: 'batch' }, 1);
    const strip = (lines: string[]): string[] => lines.map((l) => l.replace(/dense_\d+/g, 'dense'));
    expect(strip(b.lines)).toEqual(strip(a.lines));
    const plain = await trainTiny(3, 1, []);
    expect(fingerprint(plain)).toBe(a.final);
  });

  it('removes its gradient hook from the optimizer when training ends', async () => {
    const model = tinyModel(3);
    const { x, y } = tinyData();
    await model.fit(x, y, { epochs: 1, batchSize: 8, verbose: 0, callbacks: [fingerprintLogger({ onLine: () => {}, gradients: true })] });
    expect(Object.getOwnPropertyNames(model.compiled?.optimizer)).not.toContain('apply');
  });

  it('writes each line to its file as soon as it is made', async () => {
    const path = join(dir, 'run.jsonl');
    const linesSeen: number[] = [];
    const peek = { onEpochEnd: () => { linesSeen.push(readFileSync(path, 'utf8').split('\n').filter(Boolean).length); } };
    await trainTiny(3, 2, [fingerprintLogger({ path }), peek]);
    expect(linesSeen).toEqual([3, 4]); // header, begin, epoch 0 | + epoch 1
    expect(parseFingerprintLog(readFileSync(path, 'utf8')).fits[0]?.records.at(-1)?.kind).toBe('end');
  });

  it('refuses bad options with a message naming them', () => {
    expect(() => fingerprintLogger({ onLine: () => {}, every: 0 })).toThrow(/every must be 'epoch', 'batch' or a positive integer. Received: every=0/);
    expect(() => fingerprintLogger({})).toThrow(/exactly one of path .* and onLine/);
  });
});
