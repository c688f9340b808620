import { TerminateOnNaN } from './callbacks.js';
import { EarlyStopping } from './early-stopping.js';
import type { EarlyStoppingArgs } from './early-stopping.js';
import { LearningRateScheduler } from './learning-rate-scheduler.js';
import type { LearningRateSchedulerFunction } from './learning-rate-scheduler.js';
import { ReduceLROnPlateau } from './reduce-lr-on-plateau.js';
import type { ReduceLROnPlateauArgs } from './reduce-lr-on-plateau.js';

/**
 * Callback factories with TF.js / Keras names (the node entry adds the ones that write files).
 * @example model.fit(x, y, { callbacks: [callbacks.earlyStopping({ patience: 3 }), callbacks.reduceLROnPlateau({ patience: 2 })] })
 */
export const callbacks: {
  earlyStopping: (args?: EarlyStoppingArgs) => EarlyStopping;
  terminateOnNaN: () => TerminateOnNaN;
  reduceLROnPlateau: (args?: ReduceLROnPlateauArgs) => ReduceLROnPlateau;
  learningRateScheduler: (schedule: LearningRateSchedulerFunction, args?: { verbose?: number }) => LearningRateScheduler;
} = {
  earlyStopping: (args) => new EarlyStopping(args),
  terminateOnNaN: () => new TerminateOnNaN(),
  reduceLROnPlateau: (args) => new ReduceLROnPlateau(args),
  learningRateScheduler: (schedule, args) => new LearningRateScheduler(schedule, args),
};
