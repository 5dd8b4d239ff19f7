// Recurrent acceptance: the standard LSTM on Fashion-MNIST rows, the long-range memory task (an LSTM learns it,
// a simple RNN stays at chance with the same budget), word generation, forecasting, and bad sequence input.
import path from 'node:path';
import fs from 'node:fs';
import { test, run, assert, bail } from '../../web/tests/harness.mjs';
import { cliRunner, expectCleanFailures, trained } from './cli_run.mjs';

const USAGE = 'node tests/cli/recurrent_acceptance.mjs <layerlab> <data-dir> <work-dir>';
const [cli, dataDir, workDir] = process.argv.slice(2);
if (!cli || !dataDir || !workDir) bail('needs the CLI, the converted datasets and a work folder', USAGE);
const layerlab = cliRunner(cli, dataDir);

test('fashion-mnist rows: LSTM 64 -> dense 10 reaches 85% test accuracy', () => {
  const acc = trained(layerlab('train', '--data', 'fashion-mnist', '--layers', 'lstm 64, dense 10', '--optimizer', 'adam',
    '--lr', '0.003', '--schedule', 'cosine', '--batch', '32', '--epochs', '3', '--clip', '5', '--quiet'), 'LSTM on rows');
  assert(acc >= 0.85, `test accuracy ${acc} is below 0.85`);
  return `accuracy ${acc.toFixed(4)}`;
});

// Same data, seed, optimizer and number of steps for both; only the recurrent layer differs.
test('memory task (first symbol after 60 distractors): the LSTM learns it, the simple RNN stays near chance', () => {
  const budget = ['--data', 'memory-60', '--optimizer', 'adam', '--lr', '0.005', '--clip', '1', '--batch', '32',
    '--steps', '500', '--seed', '1', '--quiet'];
  const lstm = trained(layerlab('train', '--layers', 'lstm 32 forget_bias=3, dense 2', ...budget), 'LSTM');
  const rnn = trained(layerlab('train', '--layers', 'rnn 32, dense 2', ...budget), 'RNN');
  assert(lstm >= 0.95, `the LSTM reached only ${lstm}`);
  assert(rnn < 0.60, `the simple RNN reached ${rnn}: the task no longer separates them`);
  return `LSTM ${lstm.toFixed(4)}, simple RNN ${rnn.toFixed(4)} after 500 steps`;
});

// Pronounceable: letters only, at least one vowel (or y), no run of more than three consonants.
function wordLike(w) {
  return /^[a-z]{2,}$/.test(w) && /[aeiouy]/.test(w) && !/[^aeiouy]{4,}/.test(w);
}

test('words: a next-character LSTM generates mostly pronounceable, word-like strings', () => {
  const model = path.join(workDir, 'words.llm');
  const r = layerlab('train', '--data', 'words', '--layers', 'lstm 128 sequences, dense 27', '--optimizer', 'adam',
    '--lr', '0.005', '--batch', '32', '--epochs', '4', '--clip', '5', '--quiet', '--out', model);
  trained(r, 'words');
  const g = layerlab('generate', model, '--count', '100', '--temperature', '0.8', '--seed', '3');
  assert(g.status === 0, `generate failed: ${g.stderr}`);
  const words = g.stdout.trim().split('\n');
  const good = words.filter(wordLike);
  assert(words.length === 100, `asked for 100 words, got ${words.length}`);
  assert(good.length >= 70, `only ${good.length} of 100 samples look like words`, words.slice(0, 20));
  return `${good.length}/100 word-like, e.g. ${words.slice(0, 8).join(' ')}`;
});

test('seattle temperatures: an LSTM and an MLP on the same 24-hour window both beat "same as last hour"', () => {
  const common = ['--data', 'seattle-temps', '--optimizer', 'adam', '--lr', '0.003', '--batch', '32', '--epochs', '8', '--quiet'];
  const rmse = (r, what) => {
    assert(r.status === 0, `${what}: exit ${r.status}`, r.stderr.trim().split('\n').slice(-3));
    const m = /rmse (\d+\.\d+)/.exec(r.stdout);
    assert(m, `${what}: no rmse`, [r.stdout]);
    return Number(m[1]);
  };
  const lstm = rmse(layerlab('train', '--layers', 'lstm 32, dense 1', ...common), 'LSTM');
  const mlp = rmse(layerlab('train', '--layers', 'flatten, dense 32 relu, dense 1', ...common), 'MLP on the window');
  // Persistence (the next hour equals this hour) in standardised units: hourly changes are ~1.5 °F against a
  // spread of ~9.6 °F, about 0.16; both models must do better than a loose 0.2.
  assert(lstm < 0.2 && mlp < 0.2, `rmse LSTM ${lstm}, MLP ${mlp}`);
  return `rmse (standardised) LSTM ${lstm.toFixed(4)}, MLP on the window ${mlp.toFixed(4)}`;
});

test('without --layers, sequence sets get a recurrent default that fits their labels', () => {
  const notes = [];
  for (const data of ['memory-5', 'words', 'seattle-temps']) {
    const r = layerlab('train', '--data', data, '--steps', '5', '--quiet');
    assert(r.status === 0, `${data}: exit ${r.status}`, r.stderr.trim().split('\n').slice(-3));
    notes.push(`${data}: ${/(accuracy|rmse) \d\.\d+/.exec(r.stdout)?.[0]}`);
  }
  return notes.join(', ');
});

test('bad sequence input gets one clear line and exit code 2', () => {
  const cases = [
    [['train', '--data', 'seattle-temps-9000', '--layers', 'lstm 8, dense 1'], /window of 9000 values/],
    [['train', '--data', 'iris', '--layers', 'lstm 8, dense 3'], /lstm needs a sequence/],
    [['info', '--layers', 'rnn 8, dense 2', '--input', '3x8x8'], /one-channel image/],
    [['train', '--data', 'memory-200'], /memory-N takes N from 0 to/],
    [['info', '--layers', 'lstm 8, dense 2', '--input', '0x5'], /at least 1 step/],
    [['info', '--layers', 'lstm 8, dense 2', '--input', '784'], /lstm needs a sequence/],
    [['generate', path.join(workDir, 'words.llm'), '--temperature', '0'], /temperature/],
  ];
  const fashionLstm = path.join(workDir, 'rows.llm');
  const t = layerlab('train', '--data', 'fashion-mnist', '--layers', 'lstm 4, dense 10', '--steps', '2', '--quiet', '--out', fashionLstm);
  assert(t.status === 0, `could not train a tiny LSTM: ${t.stderr}`);
  cases.push([['eval', fashionLstm, '--data', 'memory'], /model expects/]);
  return expectCleanFailures(layerlab, cases);
});

await run({
  setup: async () => {
    assert(fs.existsSync(cli), `${cli} does not exist`);
    fs.mkdirSync(workDir, { recursive: true });
  },
});
