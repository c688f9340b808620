/**
 * The page `samebits serve` shows: a shell whose script (main.ts, served as /page/main.js)
 * trains in the browser and fills in the loss curve and the fingerprints.
 */
export const PAGE_HTML: string = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SameBits: the same bits in your browser</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; color: #1d1d1f; }
  h1 { font-size: 1.5rem; margin-bottom: 0.25rem; }
  .lead { color: #555; margin-top: 0; }
  table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
  th, td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid #e3e3e3; vertical-align: top; }
  code { font: 13px ui-monospace, monospace; word-break: break-all; }
  .same { color: #11772d; font-weight: 600; white-space: nowrap; }
  .differ { color: #b3261e; font-weight: 600; }
  #status { font-weight: 600; }
  svg { background: #fafafa; border: 1px solid #e3e3e3; }
  button { font: inherit; padding: 0.3rem 0.9rem; }
</style>
</head>
<body>
<h1>SameBits: the same bits in your browser</h1>
<p class="lead">This page trains two small models with SameBits right here, then compares the weight
fingerprints (SHA-256 of the exact weight bytes) with the ones Node computed on the server from the
same script. Same code, same seed, same data: the same bits.</p>
<p><span id="status">Loading…</span> <button id="again" type="button" disabled>Train again</button></p>
<p id="engine"></p>
<h2>Classifier loss, epoch by epoch</h2>
<p class="lead">8 inputs → 16 relu → dropout 0.25 → 3 softmax, Adam, 12 epochs on synthetic data.</p>
<svg id="curve" width="640" height="260" viewBox="0 0 640 260" role="img" aria-label="loss curve"></svg>
<h2>Fingerprints</h2>
<table>
  <thead><tr><th>model</th><th>this browser</th><th>Node (server)</th><th></th></tr></thead>
  <tbody>
    <tr><td>weights before/after, build 1</td><td><code id="page-build-1">…</code></td><td><code id="node-build-1">…</code></td><td id="match-build-1"></td></tr>
    <tr><td>weights before/after, build 2</td><td><code id="page-build-2">…</code></td><td><code id="node-build-2">…</code></td><td id="match-build-2"></td></tr>
    <tr><td>classifier with dropout</td><td><code id="page-classifier">…</code></td><td><code id="node-classifier">…</code></td><td id="match-classifier"></td></tr>
  </tbody>
</table>
<script type="module" src="/page/main.js"></script>
</body>
</html>
`;
