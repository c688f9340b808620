/** Saving a repeat report to a directory (Node only: node:fs is imported on first use). */

import { stableJson } from './format.js';
import type { RepeatReport } from './repeat-report.js';

/**
 * Writes report.html, summary.json and one SVG per figure into `dir` (created if needed);
 * resolves to the paths written.
 * @example await writeRepeatReport('report', await renderRepeatReport([result], []))
 */
export async function writeRepeatReport(dir: string, report: RepeatReport): Promise<string[]> {
  const [{ mkdirSync, writeFileSync }, { join }] = await Promise.all([import('node:fs'), import('node:path')]);
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const save = (name: string, text: string): void => {
    const path = join(dir, name);
    writeFileSync(path, text);
    written.push(path);
  };
  save('report.html', report.html);
  save('summary.json', stableJson(report.summary));
  for (const f of report.figures) save(f.file, f.svg);
  return written;
}
