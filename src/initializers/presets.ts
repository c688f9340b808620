/**
 * The Glorot, He and LeCun initializers: VarianceScaling with fixed (scale, mode, distribution)
 * (REFERENCE.md §4). Their `'normal'` variants are Keras': the truncated normal with corrected
 * σ, so the values' standard deviation is √(scale / n). As in TF.js, each serializes as
 * `VarianceScaling` with its full config.
 */

import { optionsOf } from './validate.js';
import { VarianceScaling } from './variance-scaling.js';

/** Options of the presets: only a seed. */
export interface SeedOnlyInitializerArgs {
  /** Fixed seed: every call gives the same values. Default: the key the layer passes. */
  seed?: number | null;
}

/** Glorot (Xavier) uniform: U(±√(6 / (fanIn + fanOut))). Keras' default kernel initializer. */
export class GlorotUniform extends VarianceScaling {
  override readonly className: string = 'GlorotUniform';
  constructor(args?: SeedOnlyInitializerArgs) {
    super({ scale: 1, mode: 'fanAvg', distribution: 'uniform', seed: optionsOf('GlorotUniform', args).seed ?? null });
  }
}

/** Glorot (Xavier) normal: truncated normal with std √(2 / (fanIn + fanOut)). */
export class GlorotNormal extends VarianceScaling {
  override readonly className: string = 'GlorotNormal';
  constructor(args?: SeedOnlyInitializerArgs) {
    super({ scale: 1, mode: 'fanAvg', distribution: 'normal', seed: optionsOf('GlorotNormal', args).seed ?? null });
  }
}

/** He normal: truncated normal with std √(2 / fanIn). */
export class HeNormal extends VarianceScaling {
  override readonly className: string = 'HeNormal';
  constructor(args?: SeedOnlyInitializerArgs) {
    super({ scale: 2, mode: 'fanIn', distribution: 'normal', seed: optionsOf('HeNormal', args).seed ?? null });
  }
}

/** He uniform: U(±√(6 / fanIn)). */
export class HeUniform extends VarianceScaling {
  override readonly className: string = 'HeUniform';
  constructor(args?: SeedOnlyInitializerArgs) {
    super({ scale: 2, mode: 'fanIn', distribution: 'uniform', seed: optionsOf('HeUniform', args).seed ?? null });
  }
}

/** LeCun normal: truncated normal with std √(1 / fanIn). */
export class LeCunNormal extends VarianceScaling {
  override readonly className: string = 'LeCunNormal';
  constructor(args?: SeedOnlyInitializerArgs) {
    super({ scale: 1, mode: 'fanIn', distribution: 'normal', seed: optionsOf('LeCunNormal', args).seed ?? null });
  }
}

/** LeCun uniform: U(±√(3 / fanIn)). */
export class LeCunUniform extends VarianceScaling {
  override readonly className: string = 'LeCunUniform';
  constructor(args?: SeedOnlyInitializerArgs) {
    super({ scale: 1, mode: 'fanIn', distribution: 'uniform', seed: optionsOf('LeCunUniform', args).seed ?? null });
  }
}

/** Glorot uniform. @example glorotUniform({ seed: 42 }).apply([784, 128]) */
export function glorotUniform(args?: SeedOnlyInitializerArgs): GlorotUniform {
  return new GlorotUniform(args);
}

/** Glorot normal (Keras numerics: corrected truncated normal). @example glorotNormal() */
export function glorotNormal(args?: SeedOnlyInitializerArgs): GlorotNormal {
  return new GlorotNormal(args);
}

/** He normal. @example heNormal({ seed: 1 }) */
export function heNormal(args?: SeedOnlyInitializerArgs): HeNormal {
  return new HeNormal(args);
}

/** He uniform. @example heUniform() */
export function heUniform(args?: SeedOnlyInitializerArgs): HeUniform {
  return new HeUniform(args);
}

/** LeCun normal (TF.js spells it `leCunNormal`; both are exported). @example lecunNormal() */
export function lecunNormal(args?: SeedOnlyInitializerArgs): LeCunNormal {
  return new LeCunNormal(args);
}

/** LeCun uniform (TF.js spells it `leCunUniform`; both are exported). @example lecunUniform() */
export function lecunUniform(args?: SeedOnlyInitializerArgs): LeCunUniform {
  return new LeCunUniform(args);
}
