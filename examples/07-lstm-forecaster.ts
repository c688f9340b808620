// Example 7: an LSTM forecaster on a synthetic seasonal time series, against the naive forecast.
// Run: npx tsx examples/07-lstm-forecaster.ts
import { runLstmForecaster } from '../src/examples/lstm-forecaster.js';

const report = await runLstmForecaster();
console.log(`held-out mse ${report.mse.toFixed(5)} (naive last-value forecast ${report.naiveMse.toFixed(5)}), fingerprint ${report.fingerprint}`);
