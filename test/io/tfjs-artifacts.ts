import * as tf from '@tensorflow/tfjs';
import type { ModelArtifacts } from '../../src/io/index.js';

/**
 * What real TF.js's `model.save` hands to a save handler, typed as SameBits's artifacts so
 * `io.fromMemory` can load it: the file TF.js would write, without touching the disk.
 * @example const ours = await loadLayersModel(io.fromMemory(await tfjsArtifacts(theirs)));
 */
export async function tfjsArtifacts(model: tf.LayersModel): Promise<ModelArtifacts> {
  let captured: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (a) => {
    captured = a;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  return captured as unknown as ModelArtifacts;
}
