import { BackupAndRestore } from './io/checkpoint.js';
import type { BackupAndRestoreArgs } from './io/checkpoint.js';
import { CSVLogger } from './io/csv-logger.js';
import type { CSVLoggerArgs } from './io/csv-logger.js';
import { callbacks as coreCallbacks } from './models/callback-factories.js';
import type { EarlyStopping, EarlyStoppingArgs } from './models/early-stopping.js';
import type { TerminateOnNaN } from './models/callbacks.js';
import type { LearningRateScheduler, LearningRateSchedulerFunction } from './models/learning-rate-scheduler.js';
import type { ReduceLROnPlateau, ReduceLROnPlateauArgs } from './models/reduce-lr-on-plateau.js';
import { FingerprintLogger } from './repro/fingerprint-logger.js';
import type { FingerprintLoggerArgs } from './repro/fingerprint-logger.js';
import { RunManifestCallback } from './repro/manifest-callback.js';
import type { RunManifestArgs } from './repro/manifest-callback.js';

/**
 * Callback factories with TF.js / Keras names, gathered from the layers that define them.
 * @example model.fit(x, y, { callbacks: [callbacks.earlyStopping({ patience: 3 }), callbacks.backupAndRestore({ backupDir: './backup' })] })
 */
export const callbacks: {
  earlyStopping: (args?: EarlyStoppingArgs) => EarlyStopping;
  backupAndRestore: (args: BackupAndRestoreArgs) => BackupAndRestore;
  fingerprintLogger: (args: FingerprintLoggerArgs) => FingerprintLogger;
  runManifest: (args: RunManifestArgs) => RunManifestCallback;
  terminateOnNaN: () => TerminateOnNaN;
  reduceLROnPlateau: (args?: ReduceLROnPlateauArgs) => ReduceLROnPlateau;
  learningRateScheduler: (schedule: LearningRateSchedulerFunction, args?: { verbose?: number }) => LearningRateScheduler;
  csvLogger: (filename: string, args?: CSVLoggerArgs) => CSVLogger;
} = {
  ...coreCallbacks,
  backupAndRestore: (args) => new BackupAndRestore(args),
  fingerprintLogger: (args) => new FingerprintLogger(args),
  runManifest: (args) => new RunManifestCallback(args),
  csvLogger: (filename, args) => new CSVLogger(filename, args),
};
