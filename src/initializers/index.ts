// Weight initializers: TF.js names and options, Keras numerics (REFERENCE.md §4, §8).
import { constant, ones, zeros } from './constant.js';
import { identity } from './identity.js';
import { orthogonal } from './orthogonal.js';
import { glorotNormal, glorotUniform, heNormal, heUniform, lecunNormal, lecunUniform } from './presets.js';
import { randomNormal, randomUniform, truncatedNormal } from './random.js';
import { varianceScaling } from './variance-scaling.js';

export { Initializer } from './initializer.js';
export type { ConfigDict, ConfigValue } from './initializer.js';
export { computeFans } from './fans.js';
export { Zeros, Ones, Constant, zeros, ones, constant } from './constant.js';
export type { ConstantArgs } from './constant.js';
export { RandomUniform, RandomNormal, TruncatedNormal, randomUniform, randomNormal, truncatedNormal } from './random.js';
export type { RandomUniformArgs, RandomNormalArgs } from './random.js';
export { VarianceScaling, varianceScaling } from './variance-scaling.js';
export type { VarianceScalingArgs, FanMode, Distribution } from './variance-scaling.js';
export {
  GlorotUniform, GlorotNormal, HeNormal, HeUniform, LeCunNormal, LeCunUniform,
  glorotUniform, glorotNormal, heNormal, heUniform, lecunNormal, lecunUniform,
} from './presets.js';
export type { SeedOnlyInitializerArgs } from './presets.js';
export { Orthogonal, orthogonal } from './orthogonal.js';
export type { OrthogonalArgs } from './orthogonal.js';
export { Identity, identity } from './identity.js';
export type { IdentityArgs } from './identity.js';
export { serializeInitializer, deserializeInitializer, getInitializer } from './serialize.js';
export type { SerializedInitializer, KerasSerializedInitializer, InitializerIdentifier } from './serialize.js';

/** TF.js spelling of `lecunNormal`. */
export const leCunNormal: typeof lecunNormal = lecunNormal;
/** TF.js spelling of `lecunUniform`. */
export const leCunUniform: typeof lecunUniform = lecunUniform;

/**
 * The factories under one name, as TF.js `tf.initializers`.
 * @example initializers.glorotUniform({ seed: 1 }).apply([4, 3])
 */
export const initializers: Readonly<{
  zeros: typeof zeros;
  ones: typeof ones;
  constant: typeof constant;
  randomUniform: typeof randomUniform;
  randomNormal: typeof randomNormal;
  truncatedNormal: typeof truncatedNormal;
  varianceScaling: typeof varianceScaling;
  glorotUniform: typeof glorotUniform;
  glorotNormal: typeof glorotNormal;
  heNormal: typeof heNormal;
  heUniform: typeof heUniform;
  lecunNormal: typeof lecunNormal;
  lecunUniform: typeof lecunUniform;
  leCunNormal: typeof lecunNormal;
  leCunUniform: typeof lecunUniform;
  orthogonal: typeof orthogonal;
  identity: typeof identity;
}> = Object.freeze({
  zeros, ones, constant, randomUniform, randomNormal, truncatedNormal, varianceScaling,
  glorotUniform, glorotNormal, heNormal, heUniform, lecunNormal, lecunUniform,
  leCunNormal: lecunNormal, leCunUniform: lecunUniform, orthogonal, identity,
});
