/** The machine a benchmark ran on, reported with every absolute figure. */

import { cpus as listCpus, loadavg } from 'node:os';

/** CPU model, core count, Node version, platform, date and load of the run. */
export interface MachineInfo {
  cpu: string;
  cores: number;
  node: string;
  platform: string;
  date: string;
  /** 1-minute load average when the run started: other work on the machine skews timings. */
  loadAverage: number;
}

/** Describes the current machine (os.cpus(), process.version) and the current time. */
export function machineInfo(): MachineInfo {
  const cpus = listCpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    date: new Date().toISOString(),
    loadAverage: loadavg()[0] ?? NaN,
  };
}
