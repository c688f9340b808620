// Runs a samebits command in this process and captures what it prints.
import { vi } from 'vitest';
import { COMMANDS } from '../../src/cli/commands/index.js';

/** The command's exit status and its console output (stdout and stderr lines, in order). */
export async function runCommand(name: string, argv: string[]): Promise<{ code: number; output: string }> {
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) throw new Error(`no command ${name}`);
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => { lines.push(a.join(' ')); });
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => { lines.push(a.join(' ')); });
  try {
    const code = await command.run(argv);
    return { code, output: lines.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}
