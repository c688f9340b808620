#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { runDemo } from './demo.js';

const USAGE = `Usage: samebits <command> [options]

Commands:
  demo          Run the engine twice and show that the results are bit-identical.

Options:
  -h, --help    Show this help.`;

/** Entry point of the `samebits` command; returns the process exit code. */
export function main(argv: readonly string[]): number {
  const { positionals, values } = parseArgs({ args: [...argv], allowPositionals: true, strict: false, options: { help: { type: 'boolean', short: 'h' } } });
  const command = positionals[0];
  if (values.help === true || command === undefined) {
    console.log(USAGE);
    return command === undefined && values.help !== true ? 1 : 0;
  }
  if (command === 'demo') return runDemo(console.log);
  console.error(`samebits: unknown command '${command}'. Valid commands: demo.\n\n${USAGE}`);
  return 2;
}

process.exitCode = main(process.argv.slice(2));
