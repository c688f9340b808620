import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CSVLogger, callbacks, layers, sequential, setRandomSeed, train } from '../../src/node.js';
import { pythonFloat } from '../../src/util/python-float.js';
import { randomTensor, xorshift } from '../helpers/rng.js';

const dir = mkdtempSync(join(tmpdir(), 'samebits-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const fresh = (): string => join(dir, `log-${files++}.csv`);

interface CsvCase { separator: string; logs: Record<string, number | string>[]; text: string }
// Keras 3's CSVLogger fed the same logs, once, by test/models/testdata/callbacks-keras.py.
const keras = (JSON.parse(readFileSync(new URL('../models/testdata/callbacks-keras.json', import.meta.url), 'utf8')) as { csv: CsvCase[] }).csv;

describe('pythonFloat', () => {
  it("prints numbers as Python's repr does (values and texts from Python 3)", () => {
    const python: [number, string][] = [[0.5, '0.5'], [1.0, '1.0'], [3.0, '3.0'], [-0, '-0.0'], [0, '0.0'], [1e-05, '1e-05'], [0.0001, '0.0001'], [0.00012345, '0.00012345'], [1e16, '1e+16'], [1e15, '1000000000000000.0'], [1.2345678901234568e17, '1.2345678901234568e+17'], [1.5e-7, '1.5e-07'], [1.401298464324817e-45, '1.401298464324817e-45'], [3.4028234663852886e38, '3.4028234663852886e+38'], [0.1, '0.1'], [-2.5, '-2.5'], [100, '100.0'], [12345.678, '12345.678'], [NaN, 'nan'], [Infinity, 'inf'], [-Infinity, '-inf'], [0.6931471824645996, '0.6931471824645996'], [9.999999747378752e-5, '9.999999747378752e-05'], [1e22, '1e+22'], [1e21, '1e+21']];
    for (const [v, text] of python) expect(pythonFloat(v), String(v)).toBe(text);
  });
});

describe('csvLogger', () => {
  it.each(keras.map((c, i) => [i, c.separator] as const))('writes the bytes Keras 3 writes for the same logs (case %i, separator %s)', async (i) => {
    const c = keras[i] as CsvCase;
    const file = fresh();
    const logger = new CSVLogger(file, { separator: c.separator });
    logger.onTrainBegin();
    for (const [e, logs] of c.logs.entries()) {
      await logger.onEpochEnd(e, Object.fromEntries(Object.entries(logs).map(([k, v]) => [k, v === 'nan' ? NaN : (v as number)])));
    }
    expect(readFileSync(file, 'utf8')).toBe(c.text);
  });

  it('logs History\'s values per epoch, each reading back to the same float32', async () => {
    setRandomSeed(3);
    const m = sequential({ layers: [layers.dense({ units: 1, inputShape: [3] })] });
    m.compile({ optimizer: train.sgd(0.05), loss: 'meanSquaredError', metrics: ['mae'] });
    const file = fresh();
    const history = await m.fit(randomTensor(xorshift(1), [10, 3]), randomTensor(xorshift(2), [10, 1]), { epochs: 3, batchSize: 4, validationSplit: 0.2, verbose: 0, callbacks: [callbacks.csvLogger(file)] });
    const [header, ...rows] = readFileSync(file, 'utf8').split('\r\n').filter((l) => l.length > 0).map((l) => l.split(','));
    expect(header).toEqual(['epoch', 'loss', 'mae', 'val_loss', 'val_mae']);
    expect(rows.map((r) => Number(r[0]))).toEqual(history.epoch);
    for (const [col, key] of (header as string[]).entries()) {
      if (key === 'epoch') continue;
      expect(rows.map((r) => Number(r[col])), key).toEqual(history.history[key]);
    }
  });

  it('replaces the file by default and, with append, adds rows without a second header', async () => {
    const file = fresh();
    writeFileSync(file, 'old\r\n');
    const write = async (logger: CSVLogger, loss: number): Promise<void> => {
      logger.onTrainBegin();
      await logger.onEpochEnd(0, { loss, val_loss: loss });
    };
    await write(new CSVLogger(file), 0.5);
    expect(readFileSync(file, 'utf8')).toBe('epoch,loss,val_loss\r\n0,0.5,0.5\r\n');
    await write(new CSVLogger(file, { append: true }), 0.25);
    expect(readFileSync(file, 'utf8')).toBe('epoch,loss,val_loss\r\n0,0.5,0.5\r\n0,0.25,0.25\r\n');
    const empty = fresh();
    await write(new CSVLogger(empty, { append: true }), 1);
    expect(readFileSync(empty, 'utf8')).toBe('epoch,loss,val_loss\r\n0,1.0,1.0\r\n');
  });

  it('quotes fields holding the separator or a quote', async () => {
    const file = fresh();
    const logger = new CSVLogger(file);
    logger.onTrainBegin();
    await logger.onEpochEnd(0, { 'a,b': 1, 'q"': 2, val_x: 3 });
    expect(readFileSync(file, 'utf8')).toBe('epoch,"a,b","q""",val_x\r\n0,1.0,2.0,3.0\r\n');
  });

  it('refuses bad arguments, naming them', () => {
    expect(() => callbacks.csvLogger('')).toThrow('csvLogger: filename must be a file path. Received: filename=""');
    expect(() => callbacks.csvLogger('x.csv', { separator: '::' })).toThrow('csvLogger: separator must be one character other than a quote or a line break. Received: separator="::"');
    expect(() => callbacks.csvLogger('x.csv', { append: 'yes' as never })).toThrow('csvLogger: append must be true or false. Received: append="yes"');
  });
});
