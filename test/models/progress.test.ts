import { describe, expect, it } from 'vitest';
import { layers } from '../../src/layers/index.js';
import { sequential } from '../../src/models/index.js';
import type { FitArgs, History, ProgressSink } from '../../src/models/index.js';
import { defaultSink, formatLogValue, formatLogs } from '../../src/models/progress.js';
import { setRandomSeed } from '../../src/repro/seed.js';
import { randomTensor, xorshift } from '../helpers/rng.js';

const x = randomTensor(xorshift(41), [6, 3]);
const y = randomTensor(xorshift(42), [6, 1]);

/** A fake terminal or pipe that keeps what fit writes. */
function sink(isTTY: boolean): ProgressSink & { text: string } {
  const s = { text: '', isTTY, write: (t: string): void => { s.text += t; } };
  return s;
}

async function fitTo(progress: ProgressSink, args: FitArgs): Promise<History> {
  setRandomSeed(4);
  const model = sequential({ layers: [layers.dense({ units: 1, inputShape: [3] })] });
  model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  return model.fit(x, y, { batchSize: 3, progressSink: progress, ...args });
}

const ESC = '\x1b';
const TIMING = String.raw`\d+s \d+(s|ms|us)/step`;

describe('verbose 1 on a pipe (isTTY false)', () => {
  it('prints Epoch i/n then one plain bar line per epoch with the epoch logs', async () => {
    const out = sink(false);
    const history = await fitTo(out, { epochs: 3, verbose: 1 });
    const lines = out.text.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.length).toBe(6);
    history.history['loss']?.forEach((loss, e) => {
      expect(lines[2 * e]).toBe(`Epoch ${e + 1}/3`);
      expect(lines[2 * e + 1]).toMatch(new RegExp(`^2/2 ━{20} ${TIMING} - loss: ${loss.toFixed(4).replace('.', '\\.')}$`));
    });
    expect(out.text).not.toContain(ESC);
    expect(out.text).not.toContain('\r');
  });

  it('prints no Epoch line when there is one epoch (Keras)', async () => {
    const out = sink(false);
    await fitTo(out, { epochs: 1 }); // verbose defaults to 1
    expect(out.text).toMatch(new RegExp(`^2/2 ━{20} ${TIMING} - loss: \\d+\\.\\d{4}\\n$`));
  });

  it('lists the logs sorted by key, validation included', async () => {
    const out = sink(false);
    setRandomSeed(4);
    const model = sequential({ layers: [layers.dense({ units: 1, inputShape: [3] })] });
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError', metrics: ['mae'] });
    await model.fit(x, y, { validationSplit: 0.5, progressSink: out });
    expect(out.text).toMatch(/ - loss: [\d.]+ - mae: [\d.]+ - val_loss: [\d.]+ - val_mae: [\d.]+\n$/);
  });
});

describe('verbose 1 on a terminal (isTTY true)', () => {
  it('redraws the bar in place with ANSI colours and ends each epoch with a newline', async () => {
    const out = sink(true);
    await fitTo(out, { epochs: 2, verbose: 1 });
    const finals = out.text.split('\n').filter((l) => l.includes('\r'));
    expect(finals.length).toBe(2);
    for (const line of finals) {
      const final = line.slice(line.lastIndexOf('\r'));
      expect(final).toMatch(new RegExp(String.raw`^\r\x1b\[1m2/2\x1b\[0m \x1b\[32m━{20}\x1b\[37m\x1b\[0m ${TIMING} - loss: \d+\.\d{4}\x1b\[K$`));
    }
    expect(out.text.startsWith('Epoch 1/2\n')).toBe(true);
  });
});

describe('NO_COLOR', () => {
  it('a terminal sink without color redraws in place with no ANSI colour codes', async () => {
    const out = sink(true);
    out.color = false;
    await fitTo(out, { epochs: 2, verbose: 1 });
    expect(out.text).toContain('\r');
    for (const code of ['\x1b[1m', '\x1b[0m', '\x1b[32m', '\x1b[37m']) expect(out.text).not.toContain(code);
  });

  it('the default sink turns colour off when NO_COLOR is set', () => {
    const before = process.env['NO_COLOR'];
    process.env['NO_COLOR'] = '1';
    try {
      expect(defaultSink().color).toBe(false);
    } finally {
      if (before === undefined) delete process.env['NO_COLOR'];
      else process.env['NO_COLOR'] = before;
    }
  });
});

describe('verbose 2', () => {
  it('prints Epoch i/n and one compact line per epoch: count - seconds - time/step - logs', async () => {
    const out = sink(true);
    const history = await fitTo(out, { epochs: 2, verbose: 2 });
    const lines = out.text.split('\n');
    expect(lines[0]).toBe('Epoch 1/2');
    expect(lines[1]).toMatch(new RegExp(String.raw`^2/2 - \d+s - \d+(s|ms|us)/step - loss: ${history.history['loss']?.[0]?.toFixed(4).replace('.', '\\.')}$`));
    expect(lines[2]).toBe('Epoch 2/2');
    expect(out.text).not.toContain(ESC);
  });
});

describe('verbose 0', () => {
  it('prints nothing', async () => {
    const out = sink(true);
    await fitTo(out, { epochs: 2, verbose: 0 });
    expect(out.text).toBe('');
  });
});

describe('log value format (Keras progbar)', () => {
  it('uses 4 decimals above 1e-3 in magnitude, else 4-digit scientific with a two-digit exponent', () => {
    expect(formatLogValue(0.12345)).toBe('0.1235');
    expect(formatLogValue(-2)).toBe('-2.0000');
    expect(formatLogValue(0.0001234)).toBe('1.2340e-04');
    expect(formatLogValue(0)).toBe('0.0000e+00');
    expect(formatLogValue(1.5e-12)).toBe('1.5000e-12');
  });

  it('tests v > 1e-3 rather than |v| on the verbose-2 line, as Keras does', () => {
    expect(formatLogValue(-0.5, true)).toBe('-5.0000e-01');
    expect(formatLogs({ b: 1, a: 0.5 })).toBe(' - a: 0.5000 - b: 1.0000');
  });
});
