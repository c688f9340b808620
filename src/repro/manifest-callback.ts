import { BaseCallback } from '../models/callbacks.js';
import type { FitArgs } from '../models/fit.js';
import type { Logs } from '../models/history.js';
import type { Sequential } from '../models/sequential.js';
import type { Tensor } from '../ops/tensor.js';
import type { RunManifest } from './manifest.js';
import { createManifest, writeManifest } from './manifest.js';
import { getRandomSeed } from './seed.js';

/** Options of `runManifest`. */
export interface RunManifestArgs {
  /** JSON file to write at the end of training (Node, Bun, Deno). */
  path?: string;
  /** Receives the manifest (browsers, tests); called after the file is written, if any. */
  onManifest?: (manifest: RunManifest) => void;
  /** The training data, for its hash (a callback does not see what fit was given). */
  data?: { x: Tensor; y: Tensor };
  /** fit's options, as passed to fit (JSON values are recorded; tensors as `"given"`). */
  fitOptions?: FitArgs;
  /** The command line that started the run (the CLI sets it). */
  command?: string[];
}

const FIT_OPTION_NAMES = ['epochs', 'batchSize', 'shuffle', 'validationSplit', 'initialEpoch', 'stepsPerEpoch', 'classWeight', 'allowNonFinite', 'yieldEvery', 'validationData', 'sampleWeight'] as const;

/** fit's options as JSON: numbers, booleans, strings and plain objects kept; tensors and arrays of them as "given". */
export function fitOptionsForManifest(options: FitArgs | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of FIT_OPTION_NAMES) {
    const value: unknown = options?.[name];
    if (value === undefined) continue;
    out[name] = name === 'validationData' || name === 'sampleWeight' ? 'given' : value;
  }
  return out;
}

const now = (): string => new Date().toISOString(); // determinism-ok: wall-clock metadata, never a numeric input

/**
 * A callback that writes a run manifest (`RunManifest`: SameBits version, runtime, OS, CPU,
 * seed, model, optimizer and fit settings, data hash, lockfile hash, wall-clock start and end,
 * final fingerprint and metrics) when training ends.
 * @example await model.fit(x, y, { epochs: 5, callbacks: [runManifest({ path: 'run.json', data: { x, y } })] });
 */
export class RunManifestCallback extends BaseCallback {
  private readonly options: RunManifestArgs;
  private startedAt = '';
  private seed = 0;
  private lastLogs: Logs = {};

  constructor(args: RunManifestArgs) {
    super();
    if (args === undefined || (args.path === undefined && args.onManifest === undefined)) throw new Error('runManifest: give path (a file) or onManifest (a function receiving the manifest), or both');
    this.options = args;
  }

  override onTrainBegin(): void {
    this.startedAt = now();
    this.seed = getRandomSeed();
    this.lastLogs = {};
  }

  override onEpochEnd(_epoch: number, logs?: Logs): void {
    this.lastLogs = { ...logs };
  }

  override async onTrainEnd(): Promise<void> {
    const { path, onManifest, data, fitOptions, command } = this.options;
    const manifest = await createManifest({
      model: this.model as Sequential,
      seed: this.seed,
      fit: { ...fitOptionsForManifest(fitOptions), params: { ...(this.params ?? {}) } },
      ...(data ? { data } : {}),
      ...(command ? { command } : {}),
      startedAt: this.startedAt,
      endedAt: now(),
      metrics: this.lastLogs,
    });
    if (path !== undefined) await writeManifest(path, manifest);
    onManifest?.(manifest);
  }
}

/**
 * A `RunManifestCallback`: writes the run's manifest when training ends.
 * @example callbacks: [runManifest({ path: 'run.json', data: { x, y } })]
 */
export function runManifest(args: RunManifestArgs): RunManifestCallback {
  return new RunManifestCallback(args);
}
