/**
 * SameBits for Node (also Bun and Deno): everything the browser-clean root exports, plus the
 * parts that need Node's file system or processes: the file:// handler, checkpoints on disk,
 * fingerprint logs and run manifests on disk, repeated runs in worker processes and their
 * reports. `import ... from 'samebits'` resolves here under the "node" export condition, and
 * `samebits/node` names it explicitly.
 *
 * Loading it installs two things, once: the file:// route (so `model.save('file://…')` works)
 * and the reader of SAMEBITS_FINGERPRINT_LOG / SAMEBITS_MANIFEST that `samebits check` and
 * `verify` use to switch logging on in an unchanged script (read at each fit, guarded).
 */
import { registerFileSystemRoute } from './io/node.js';
import { installEnvironmentCallbacks } from './repro/environment.js';
import { installFileReader } from './data/csv.js';
import { readDataFile } from './io/data-files.js';

export * from './index.js';

registerFileSystemRoute();
installEnvironmentCallbacks();
installFileReader(readDataFile); // data.csv reads paths and file:// URLs

export { io, fileSystem, nodeFileOps, registerFileSystemRoute } from './io/node.js';
export type { FileSystemOptions, FileOps, FileStat } from './io/node.js';
export { callbacks } from './callbacks.js';
export { BackupAndRestore, loadCheckpoint, checkpointFiles } from './io/checkpoint.js';
export type { BackupAndRestoreArgs, LoadedCheckpoint, CheckpointHeader } from './io/checkpoint.js';
export { CSVLogger } from './io/csv-logger.js';
export type { CSVLoggerArgs } from './io/csv-logger.js';
export { FingerprintLogger, fingerprintLogger } from './repro/fingerprint-logger.js';
export type { FingerprintLoggerArgs } from './repro/fingerprint-logger.js';
export { createManifest, writeManifest, readManifest } from './repro/manifest.js';
export { RunManifestCallback, runManifest } from './repro/manifest-callback.js';
export type { RunManifestArgs } from './repro/manifest-callback.js';
export { installEnvironmentCallbacks } from './repro/environment.js';
export { repeat } from './repro/repeat.js';
export type { RepeatOptions, RepeatResult } from './repro/repeat.js';
export type { TrainModule } from './repro/repeat-workers.js';
export { repeatSeed, reportMetrics } from './repro/repeat-channel.js';
export { renderRepeatReport, reportSummary } from './report/repeat-report.js';
export type { RepeatReport, ReportSummary } from './report/repeat-report.js';
export { writeRepeatReport } from './report/write-report.js';
