import { BackupAndRestore } from './io/checkpoint.js';
import type { BackupAndRestoreArgs } from './io/checkpoint.js';
import { EarlyStopping } from './models/callbacks.js';
import type { EarlyStoppingArgs } from './models/callbacks.js';

/**
 * Callback factories with TF.js / Keras names, gathered from the layers that define them.
 * @example model.fit(x, y, { callbacks: [callbacks.earlyStopping({ patience: 3 }), callbacks.backupAndRestore({ backupDir: './backup' })] })
 */
export const callbacks: {
  earlyStopping: (args?: EarlyStoppingArgs) => EarlyStopping;
  backupAndRestore: (args: BackupAndRestoreArgs) => BackupAndRestore;
} = {
  earlyStopping: (args) => new EarlyStopping(args),
  backupAndRestore: (args) => new BackupAndRestore(args),
};
