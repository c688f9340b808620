import { parseArgs } from 'node:util';
import { diffLogs } from '../../repro/diff.js';
import { formatComparison } from '../../repro/diff-format.js';
import { parseFingerprintLog } from '../../repro/log-format.js';
import { guarded, readUserFile } from '../user-error.js';
import type { Command } from './types.js';

const HELP = `Usage: samebits diff <a.jsonl> <b.jsonl> [--json]

Compares two fingerprint logs (written by fingerprintLogger, or by samebits check --out) and
reports the first logged step where the runs differ, which tensors differ there (gradients,
optimizer state, weights; layers in forward order) and, when the logs hold tensor values,
by how much (elements that differ, max abs, max rel, max ulps).

Options:
  --json      print the comparison as JSON
  -h, --help  show this help

Exit status: 0 when the logs are bit-identical, 1 when they differ, 2 on a usage error.`;

/** \`samebits diff a.jsonl b.jsonl\`: where two runs' fingerprint logs first differ. */
export const diffCommand: Command = {
  name: 'diff',
  summary: 'Show the first step where two fingerprint logs differ, which tensors, and by how much.',
  run: guarded('diff', async (argv) => {
    let parsed;
    try {
      parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
    } catch (error) {
      console.error(`samebits diff: ${(error as Error).message}\n\n${HELP}`);
      return 2;
    }
    if (parsed.values.help) {
      console.log(HELP);
      return 0;
    }
    const [a, b, ...extra] = parsed.positionals;
    if (a === undefined || b === undefined || extra.length > 0) {
      console.error(`samebits diff: expected two log files, received ${parsed.positionals.length}\n\n${HELP}`);
      return 2;
    }
    let comparison;
    try {
      comparison = diffLogs(parseFingerprintLog(readUserFile(a, 'log'), a), parseFingerprintLog(readUserFile(b, 'log'), b));
    } catch (error) {
      console.error(`samebits diff: ${(error as Error).message}`);
      return 2;
    }
    console.log(parsed.values.json ? JSON.stringify(comparison, null, 2) : formatComparison(comparison, { a, b }));
    return comparison.identical ? 0 : 1;
  }),
};
