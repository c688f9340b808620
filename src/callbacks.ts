import { BackupAndRestore } from './io/checkpoint.js';
import type { BackupAndRestoreArgs } from './io/checkpoint.js';
import { EarlyStopping, TerminateOnNaN } from './models/callbacks.js';
import type { EarlyStoppingArgs } from './models/callbacks.js';
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
} = {
  earlyStopping: (args) => new EarlyStopping(args),
  backupAndRestore: (args) => new BackupAndRestore(args),
  fingerprintLogger: (args) => new FingerprintLogger(args),
  runManifest: (args) => new RunManifestCallback(args),
  terminateOnNaN: () => new TerminateOnNaN(),
};
