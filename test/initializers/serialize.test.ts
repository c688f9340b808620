import { describe, expect, it } from 'vitest';
import { expectSameBits } from '../helpers/bits.js';
import { key } from '../../src/random/index.js';
import {
  Constant, GlorotNormal, GlorotUniform, HeNormal, Identity, Initializer, LeCunNormal, LeCunUniform, Ones, Orthogonal,
  RandomNormal, RandomUniform, TruncatedNormal, VarianceScaling, Zeros,
  constant, deserializeInitializer, getInitializer, glorotNormal, glorotUniform, heNormal, heUniform, identity,
  initializers, leCunNormal, lecunNormal, lecunUniform, ones, orthogonal, randomNormal, randomUniform,
  serializeInitializer, truncatedNormal, varianceScaling, zeros,
} from '../../src/initializers/index.js';
import type { ConfigDict, SerializedInitializer } from '../../src/initializers/index.js';

/** One of each, with non-default arguments where there are any, and the 2-D shape to try it on. */
const EVERY: readonly [string, Initializer][] = [
  ['zeros', zeros()],
  ['ones', ones()],
  ['constant', constant({ value: 0.25 })],
  ['randomUniform', randomUniform({ minval: 0, maxval: 2, seed: 3 })],
  ['randomNormal', randomNormal({ mean: 1, stddev: 0.5 })],
  ['truncatedNormal', truncatedNormal({ mean: -1, stddev: 0.2, seed: 0 })],
  ['varianceScaling', varianceScaling({ scale: 2, mode: 'fan_out', distribution: 'untruncated_normal', seed: 9 })],
  ['glorotUniform', glorotUniform()],
  ['glorotNormal', glorotNormal({ seed: 1 })],
  ['heNormal', heNormal()],
  ['heUniform', heUniform({ seed: 4 })],
  ['lecunNormal', lecunNormal()],
  ['lecunUniform', lecunUniform()],
  ['orthogonal', orthogonal({ gain: 2, seed: 5 })],
  ['identity', identity({ gain: 3 })],
];

describe('serializeInitializer', () => {
  it('writes TF.js form: presets become VarianceScaling with their full config', () => {
    expect(serializeInitializer(glorotNormal())).toEqual({
      className: 'VarianceScaling',
      config: { scale: 1, mode: 'fanAvg', distribution: 'normal', seed: null },
    });
    expect(serializeInitializer(heUniform({ seed: 7 }))).toEqual({
      className: 'VarianceScaling',
      config: { scale: 2, mode: 'fanIn', distribution: 'uniform', seed: 7 },
    });
  });

  it('writes the TF.js config keys of the other initializers', () => {
    expect(serializeInitializer(zeros())).toEqual({ className: 'Zeros', config: {} });
    expect(serializeInitializer(randomUniform())).toEqual({ className: 'RandomUniform', config: { minval: -0.05, maxval: 0.05, seed: null } });
    expect(serializeInitializer(truncatedNormal())).toEqual({ className: 'TruncatedNormal', config: { mean: 0, stddev: 0.05, seed: null } });
    expect(serializeInitializer(orthogonal())).toEqual({ className: 'Orthogonal', config: { gain: 1, seed: null } });
    expect(serializeInitializer(identity())).toEqual({ className: 'Identity', config: { gain: 1 } });
    expect(serializeInitializer(constant({ value: 2 }))).toEqual({ className: 'Constant', config: { value: 2 } });
  });

  it('stores Keras spellings in TF.js spelling', () => {
    const config = serializeInitializer(varianceScaling({ mode: 'fan_avg', distribution: 'truncated_normal' })).config;
    expect([config['mode'], config['distribution']]).toEqual(['fanAvg', 'truncatedNormal']);
  });

  it('rejects something that is not an initializer', () => {
    expect(() => serializeInitializer({} as Initializer)).toThrow(/serializeInitializer: expected an Initializer/);
  });
});

describe('round trip through JSON', () => {
  for (const [name, init] of EVERY) {
    it(`${name}: serialize, JSON, deserialize gives the same config and the same values`, () => {
      const json = JSON.parse(JSON.stringify(serializeInitializer(init))) as SerializedInitializer;
      const back = deserializeInitializer(json);
      expect(serializeInitializer(back)).toEqual(serializeInitializer(init));
      expectSameBits(back.apply([6, 6], 'float32', key(12)).dataSync(), init.apply([6, 6], 'float32', key(12)).dataSync());
    });
  }
});

describe('deserializeInitializer', () => {
  it("reads the TF.js model.json form of Dense's default kernel initializer", () => {
    const init = deserializeInitializer({ class_name: 'VarianceScaling', config: { scale: 1, mode: 'fan_avg', distribution: 'normal', seed: null } });
    expect(init).toBeInstanceOf(VarianceScaling);
    expectSameBits(init.apply([5, 7], 'float32', key(1)).dataSync(), glorotNormal().apply([5, 7], 'float32', key(1)).dataSync());
  });

  it('reads the Keras 3 form with module and registered_name', () => {
    const init = deserializeInitializer({ module: 'keras.initializers', class_name: 'GlorotUniform', config: { seed: null }, registered_name: null });
    expect(init).toBeInstanceOf(GlorotUniform);
  });

  it('reads Keras class names that differ from TF.js ones', () => {
    expect(deserializeInitializer({ class_name: 'OrthogonalInitializer', config: { gain: 1, seed: 2 } })).toBeInstanceOf(Orthogonal);
    expect(deserializeInitializer({ class_name: 'LecunNormal', config: { seed: null } })).toBeInstanceOf(LeCunNormal);
  });

  it('tolerates null-valued extra keys (newer Keras) and dtype (older tf.keras), refuses others', () => {
    expect(deserializeInitializer({ class_name: 'GlorotUniform', config: { seed: null, input_axes: null, output_axes: null } })).toBeInstanceOf(GlorotUniform);
    expect(deserializeInitializer({ class_name: 'Zeros', config: { dtype: 'float32' } })).toBeInstanceOf(Zeros);
    expect(() => deserializeInitializer({ class_name: 'GlorotUniform', config: { seed: null, input_axes: [0] } })).toThrow(
      /GlorotUniform: unsupported config key 'input_axes' \(received input_axes=\[0\]\); expected seed/,
    );
  });

  it('passes bad values to the constructor checks', () => {
    expect(() => deserializeInitializer({ className: 'RandomUniform', config: { minval: 1, maxval: 0 } })).toThrow(/RandomUniform: expected minval <= maxval/);
    expect(() => deserializeInitializer({ className: 'VarianceScaling', config: { mode: 'fan' } })).toThrow(/VarianceScaling: expected mode/);
  });

  it('rejects malformed input', () => {
    expect(() => deserializeInitializer('zeros' as unknown as SerializedInitializer)).toThrow(/deserializeInitializer: expected \{className, config\}/);
    expect(() => deserializeInitializer({ config: {} } as unknown as SerializedInitializer)).toThrow(/expected a string className/);
    expect(() => deserializeInitializer({ className: 'Zeros', config: [] as unknown as ConfigDict })).toThrow(/expected config to be an object/);
  });
});

describe('getInitializer', () => {
  it('returns an initializer instance as is', () => {
    const init = heNormal();
    expect(getInitializer(init)).toBe(init);
  });

  it('resolves TF.js camelCase ids', () => {
    const cases: [string, unknown][] = [
      ['zeros', Zeros], ['ones', Ones], ['constant', Constant], ['randomUniform', RandomUniform], ['randomNormal', RandomNormal],
      ['truncatedNormal', TruncatedNormal], ['varianceScaling', VarianceScaling], ['glorotUniform', GlorotUniform],
      ['glorotNormal', GlorotNormal], ['heNormal', HeNormal], ['leCunNormal', LeCunNormal], ['lecunUniform', LeCunUniform],
      ['orthogonal', Orthogonal], ['identity', Identity],
    ];
    for (const [id, cls] of cases) expect(getInitializer(id), id).toBeInstanceOf(cls);
  });

  it('resolves Keras snake_case ids, class names and aliases', () => {
    expect(getInitializer('glorot_uniform')).toBeInstanceOf(GlorotUniform);
    expect(getInitializer('he_normal')).toBeInstanceOf(HeNormal);
    expect(getInitializer('random_uniform')).toBeInstanceOf(RandomUniform);
    expect(getInitializer('truncated_normal')).toBeInstanceOf(TruncatedNormal);
    expect(getInitializer('lecun_uniform')).toBeInstanceOf(LeCunUniform);
    expect(getInitializer('GlorotUniform')).toBeInstanceOf(GlorotUniform);
    expect(getInitializer('Zeros')).toBeInstanceOf(Zeros);
    expect(getInitializer('uniform')).toBeInstanceOf(RandomUniform);
    expect(getInitializer('normal')).toBeInstanceOf(RandomNormal);
    expect(getInitializer('one')).toBeInstanceOf(Ones);
    expect(getInitializer('zero')).toBeInstanceOf(Zeros);
  });

  it('gives string ids their defaults: constant 0, randomUniform ±0.05', () => {
    expect(serializeInitializer(getInitializer('constant')).config).toEqual({ value: 0 });
    expect(serializeInitializer(getInitializer('uniform')).config).toEqual({ minval: -0.05, maxval: 0.05, seed: null });
  });

  it('resolves serialized objects in either spelling', () => {
    expect(getInitializer({ className: 'Orthogonal', config: { gain: 1, seed: null } })).toBeInstanceOf(Orthogonal);
    expect(getInitializer({ class_name: 'he_uniform', config: {} })).toBeInstanceOf(VarianceScaling);
  });

  it('rejects an unknown id, suggesting the closest and listing the valid ids', () => {
    expect(() => getInitializer('glorot_unifrom')).toThrow(/Unknown initializer 'glorot_unifrom'\. Did you mean 'glorot_uniform'\? Valid initializer ids: .*glorotUniform/);
    expect(() => getInitializer('GlorotUnifrom')).toThrow(/Did you mean 'glorotUniform'\?/);
    expect(() => getInitializer({ className: 'Xavier', config: {} })).toThrow(/Unknown initializer 'Xavier'/);
  });

  it('rejects identifiers of the wrong type', () => {
    expect(() => getInitializer(42 as unknown as string)).toThrow(/getInitializer: expected an Initializer, a string id .* received 42/);
    expect(() => getInitializer(undefined as unknown as string)).toThrow(/received undefined/);
  });
});

describe('the initializers namespace', () => {
  it('holds the TF.js factory functions, both LeCun spellings included', () => {
    expect(initializers.glorotUniform({ seed: 1 })).toBeInstanceOf(GlorotUniform);
    expect(initializers.leCunNormal()).toBeInstanceOf(LeCunNormal);
    expect(initializers.leCunUniform).toBe(initializers.lecunUniform);
    expect(leCunNormal).toBe(lecunNormal);
    expect(Object.isFrozen(initializers)).toBe(true);
  });
});
