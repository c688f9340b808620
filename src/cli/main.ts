#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { demoChild, runDemo } from './demo.js';

const USAGE = `Usage: samebits <command> [options]

Commands:
  demo          Train the classic reproducibility examples and show that repeated runs are bit-identical.

Options:
  -h, --help    Show this help.`;

/** Entry point of the `samebits` command; resolves to the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const { positionals, values } = parseArgs({ args: [...argv], allowPositionals: true, strict: false, options: { help: { type: 'boolean', short: 'h' } } });
  const command = positionals[0];
  if (values.help === true) {
    console.log(USAGE);
    return 0;
  }
  if (command === undefined) {
    console.error(USAGE);
    return 1;
  }
  if (command === 'demo') return runDemo(console.log);
  if (command === 'demo-child') {
    await demoChild();
    return 0;
  }
  console.error(`samebits: unknown command '${command}'. Valid commands: demo.\n\n${USAGE}`);
  return 2;
}

process.exitCode = await main(process.argv.slice(2));
