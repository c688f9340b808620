#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { COMMANDS } from './commands/index.js';
import { reportError } from './user-error.js';

function usage(): string {
  const visible = COMMANDS.filter((c) => !c.hidden);
  const width = Math.max(...visible.map((c) => c.name.length)) + 2;
  return `Usage: samebits <command> [options]   (samebits --version)\n\nCommands:\n${visible.map((c) => `  ${c.name.padEnd(width)}${c.summary}`).join('\n')}\n\nRun 'samebits <command> --help' for a command's options.`;
}

/** Entry point of the `samebits` command; resolves to the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v') {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    console.log(`samebits ${pkg.version}`);
    return 0;
  }
  if (name === undefined || name === '--help' || name === '-h') {
    (name === undefined ? console.error : console.log)(usage());
    return name === undefined ? 1 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    console.error(`samebits: unknown command '${name}'. Valid commands: ${COMMANDS.filter((c) => !c.hidden).map((c) => c.name).join(', ')}.\n\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    return reportError(name, error);
  }
}

// A reader that stops early (`samebits demo | head -3`) is not an error: end quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

process.exitCode = await main(process.argv.slice(2));
