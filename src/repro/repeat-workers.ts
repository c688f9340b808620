/**
 * Parallel runs of a train function given by its module (Node only). Each lane is a child
 * process started with this process's runtime flags (so a loader such as `--import tsx`
 * applies there too: it does not in worker threads under Node 20), which imports the module
 * once and runs one seed at a time, calling setRandomSeed(seed) first. A crash (out of memory,
 * process.exit) fails only the seed it was running.
 */

import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import type { RunMetrics } from './repeat-types.js';

/** Where the train function lives: a module path or URL, and the export to call. */
export interface TrainModule {
  module: string | URL;
  /** The export to call (default 'default'). */
  exportName?: string;
}

const LANE_VARIABLE = 'SAMEBITS_REPEAT_LANE';

// The lane's program, run with --eval as an ES module. Messages use the structured-clone
// serialization, so NaN, ±Infinity and −0 metrics arrive intact.
const LANE_SOURCE = `
const lane = JSON.parse(process.env.${LANE_VARIABLE});
const mod = await import(lane.module);
const train = mod[lane.exportName];
const { setRandomSeed } = await import(lane.seedModule);
process.on('message', async (seed) => {
  try {
    if (typeof train !== 'function') throw new Error(lane.module + ' has no function export ' + JSON.stringify(lane.exportName));
    setRandomSeed(seed);
    process.send({ seed, metrics: await train(seed) });
  } catch (error) {
    process.send({ seed, error: error && error.stack ? String(error.stack) : String(error) });
  }
});
process.send({ ready: true });
`;

function moduleUrl(module: string | URL): string {
  if (module instanceof URL) return module.href;
  return /^[a-z][a-z0-9+.-]+:/i.test(module) ? module : pathToFileURL(module).href;
}

/** This process's runtime flags minus those that name a program or open a debugger port. */
function laneFlags(): string[] {
  const flags: string[] = [];
  const argv = process.execArgv;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
    if (['-e', '--eval', '-p', '--print', '--input-type'].includes(flag)) i++;
    else if (!/^(--eval=|--print=|--input-type=|--inspect|--debug)/.test(flag)) flags.push(flag);
  }
  return flags;
}

type LaneMessage = { ready?: true; seed?: number; metrics?: RunMetrics; error?: string };

/** A pool of lane processes, each running one seed at a time. */
export class WorkerPool {
  private readonly lanes: (ChildProcess | undefined)[];
  private readonly data: string;

  constructor(train: TrainModule, size: number) {
    this.lanes = new Array<ChildProcess | undefined>(size).fill(undefined);
    this.data = JSON.stringify({ module: moduleUrl(train.module), exportName: train.exportName ?? 'default', seedModule: new URL('./seed.js', import.meta.url).href });
  }

  private start(slot: number): ChildProcess {
    const child = spawn(process.execPath, [...laneFlags(), '--input-type=module', '--eval', LANE_SOURCE], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
      env: { ...process.env, [LANE_VARIABLE]: this.data },
    });
    this.lanes[slot] = child;
    return child;
  }

  /** Runs `seed` on lane `slot` (started on first use); resolves to what the function returned. */
  run(seed: number, slot: number): Promise<unknown> {
    const child = this.lanes[slot] ?? this.start(slot);
    return new Promise((resolve, reject) => {
      const cleanup = (): void => {
        child.off('message', onMessage);
        child.off('exit', onExit);
        child.off('error', onError);
      };
      const onMessage = (message: LaneMessage): void => {
        if (message.ready) return;
        cleanup();
        if (message.error !== undefined) reject(new Error(`seed ${seed}: ${message.error}`));
        else resolve(message.metrics);
      };
      const onExit = (code: number | null, signal: string | null): void => {
        cleanup();
        this.lanes[slot] = undefined;
        reject(new Error(`seed ${seed}: the worker process ${signal !== null ? `was killed by ${signal}` : `exited with code ${code}`} (did the module fail to load?)`));
      };
      const onError = (error: Error): void => {
        cleanup();
        this.lanes[slot] = undefined;
        reject(new Error(`seed ${seed}: worker process failed: ${error.message}`));
      };
      child.on('message', onMessage);
      child.on('exit', onExit);
      child.on('error', onError);
      child.send(seed);
    });
  }

  /** Stops every lane. */
  async close(): Promise<void> {
    await Promise.all(this.lanes.map((child) => new Promise<void>((resolve) => {
      if (child === undefined || child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.disconnect();
    })));
    this.lanes.fill(undefined);
  }
}
