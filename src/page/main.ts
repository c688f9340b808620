// The browser side of `samebits serve`: trains the cross-engine script, draws the classifier's
// loss as it goes, and compares the fingerprints with Node's (GET /node.json).
import { trainEverywhere } from './training.js';
import type { EngineRun } from './training.js';

const WIDTH = 640;
const HEIGHT = 260;
const PAD = 40;
const EPOCHS = 12;

function byId(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element;
}

/** The loss curve as SVG markup: axes, a polyline through the epochs so far, a dot per epoch. */
function curveMarkup(losses: readonly number[]): string {
  const top = Math.max(1.2, ...losses);
  const x = (epoch: number): number => PAD + (epoch / (EPOCHS - 1)) * (WIDTH - 2 * PAD);
  const y = (loss: number): number => HEIGHT - PAD - (loss / top) * (HEIGHT - 2 * PAD);
  const points = losses.map((l, i) => `${x(i).toFixed(1)},${y(l).toFixed(1)}`);
  const ticks = [0, 0.5, 1].map((f) => top * f).map((v) =>
    `<text x="${PAD - 6}" y="${y(v) + 4}" text-anchor="end" font-size="11">${v.toFixed(2)}</text>`).join('');
  return `<line x1="${PAD}" y1="${HEIGHT - PAD}" x2="${WIDTH - PAD}" y2="${HEIGHT - PAD}" stroke="#999"/>`
    + `<line x1="${PAD}" y1="${PAD}" x2="${PAD}" y2="${HEIGHT - PAD}" stroke="#999"/>${ticks}`
    + `<text x="${WIDTH / 2}" y="${HEIGHT - 8}" text-anchor="middle" font-size="12">epoch (1–${EPOCHS})</text>`
    + `<polyline fill="none" stroke="#2a6fdb" stroke-width="2" points="${points.join(' ')}"/>`
    + points.map((p) => `<circle r="3" fill="#2a6fdb" cx="${p.split(',')[0]}" cy="${p.split(',')[1]}"/>`).join('');
}

function show(row: string, mine: string | undefined, node: string | undefined): boolean {
  byId(`page-${row}`).textContent = mine ?? '…';
  byId(`node-${row}`).textContent = node ?? '…';
  const same = mine !== undefined && mine === node;
  const match = byId(`match-${row}`);
  match.textContent = node === undefined ? '' : same ? 'same bits' : 'DIFFERENT';
  match.className = same ? 'same' : 'differ';
  return same;
}

async function run(): Promise<void> {
  const status = byId('status');
  const again = byId('again') as HTMLButtonElement;
  again.disabled = true;
  document.body.dataset['state'] = 'training';
  status.textContent = 'Training in this browser…';
  const losses: number[] = [];
  const curve = byId('curve');
  curve.innerHTML = curveMarkup(losses);
  const nodeRun = fetch('/node.json').then((r) => r.json() as Promise<EngineRun>);
  const mine = await trainEverywhere((_, loss) => {
    losses.push(loss);
    curve.innerHTML = curveMarkup(losses);
  });
  byId('engine').textContent = `Kernels: ${mine.backend}${mine.backend === 'wasm' ? ' (WebAssembly SIMD with threads; the page is cross-origin isolated)' : ' (plain JavaScript; the wasm kernels need a cross-origin isolated page)'}. The bits are the same either way.`;
  status.textContent = 'Waiting for Node’s fingerprints…';
  const node = await nodeRun;
  const same = [
    show('build-1', mine.weightsBeforeAfter[0], node.weightsBeforeAfter[0]),
    show('build-2', mine.weightsBeforeAfter[1], node.weightsBeforeAfter[1]),
    show('classifier', mine.classifier, node.classifier),
  ].every(Boolean);
  status.textContent = same ? 'Same bits as Node.' : 'The fingerprints differ from Node’s: please report this.';
  status.className = same ? 'same' : 'differ';
  document.body.dataset['state'] = 'done';
  document.body.dataset['backend'] = mine.backend;
  again.disabled = false;
}

byId('again').addEventListener('click', () => void run());
run().catch((error: unknown) => {
  byId('status').textContent = `Training failed: ${error instanceof Error ? error.message : String(error)}`;
  document.body.dataset['state'] = 'failed';
});
