// CLI acceptance: `layerlab` trains the standard models to their target accuracies on the real datasets,
// saved models evaluate the same after loading, and bad input gets one clear line and exit code 2.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { test, run, assert, bail } from '../../web/tests/harness.mjs';
import { cliRunner, expectCleanFailures, trained, totalParameters } from './cli_run.mjs';

const USAGE = 'node tests/cli/cli_acceptance.mjs <layerlab> <data-dir> <work-dir>';
const [cli, dataDir, workDir] = process.argv.slice(2);
if (!cli || !dataDir || !workDir) bail('needs the CLI, the converted datasets and a work folder', USAGE);
const layerlab = cliRunner(cli, dataDir);

const fashionModel = path.join(workDir, 'fashion-mlp.llm');
let fashionAccuracy = 0;

test('fashion-mnist: MLP 784-128-64-10 with Adam reaches 87% test accuracy in 3 epochs', () => {
  const r = layerlab('train', '--data', 'fashion-mnist', '--layers', 'dense 128 relu, dense 64 relu, dense 10',
    '--optimizer', 'adam', '--lr', '0.002', '--schedule', 'cosine', '--batch', '32', '--epochs', '3', '--quiet',
    '--out', fashionModel);
  fashionAccuracy = trained(r, 'fashion-mnist');
  assert(fashionAccuracy >= 0.87, `test accuracy ${fashionAccuracy} is below 0.87`);
  return `accuracy ${fashionAccuracy.toFixed(4)}`;
}, { timeoutMs: 900_000 });

test('a saved model evaluates to the same accuracy after loading', () => {
  const r = layerlab('eval', fashionModel, '--data', 'fashion-mnist');
  assert(r.status === 0, `eval exited ${r.status}`, r.stderr.trim().split('\n'));
  const m = /^accuracy (\d\.\d+)/m.exec(r.stdout);
  assert(m && Math.abs(Number(m[1]) - fashionAccuracy) < 1e-4, `eval says ${m && m[1]}, training said ${fashionAccuracy}`);
  assert(/confusion matrix/.test(r.stdout) && /Ankle boot/.test(r.stdout), 'no confusion matrix with class names');
  const info = layerlab('info', fashionModel);
  assert(info.status === 0 && /dense 1\s+\(128\)\s+100480/.test(info.stdout) && /total\s+109386/.test(info.stdout),
    'info does not show the layer table', info.stdout.split('\n'));
  return `accuracy ${m[1]}`;
}, { timeoutMs: 300_000 });

test('predict and eval read raw IDX files (the test images, decompressed)', () => {
  const images = path.join(workDir, 't10k-images-idx3-ubyte');
  const labels = path.join(workDir, 't10k-labels-idx1-ubyte');
  const source = '/usr/share/datasets/fashion-mnist';
  fs.writeFileSync(images, zlib.gunzipSync(fs.readFileSync(path.join(source, 't10k-images-idx3-ubyte.gz'))));
  fs.writeFileSync(labels, zlib.gunzipSync(fs.readFileSync(path.join(source, 't10k-labels-idx1-ubyte.gz'))));
  const p = layerlab('predict', fashionModel, '--data', images, '--limit', '5');
  assert(p.status === 0, `predict exited ${p.status}`, p.stderr.trim().split('\n'));
  const rows = p.stdout.trim().split('\n');
  assert(rows.length === 5 && /^\s*0\s+true Ankle boot\s+\S/.test(rows[0]), 'predict output is not one line per example', rows);
  const e = layerlab('eval', fashionModel, '--data', images);
  const m = /^accuracy (\d\.\d+)/m.exec(e.stdout);
  assert(m && Math.abs(Number(m[1]) - fashionAccuracy) < 1e-4, `eval on IDX says ${m && m[1]}, on .lds ${fashionAccuracy}`);
  return `accuracy ${m[1]}`;
});

// The standard CNN must beat the MLP above with far fewer parameters (parameter sharing).
test('fashion-mnist: the standard CNN reaches 90% test accuracy and beats the MLP with fewer parameters', () => {
  const cnn = 'conv 8 3x3 same relu, maxpool 2, conv 16 3x3 same relu, maxpool 2, flatten, dense 10';
  const r = layerlab('train', '--data', 'fashion-mnist', '--layers', cnn, '--optimizer', 'adam', '--lr', '0.003',
    '--schedule', 'cosine', '--batch', '32', '--epochs', '10', '--out', path.join(workDir, 'fashion-cnn.llm'));
  const acc = trained(r, 'fashion-mnist CNN');
  const cnnParams = totalParameters(r), mlpParams = 785 * 128 + 129 * 64 + 65 * 10;
  assert(acc >= 0.90, `test accuracy ${acc} is below 0.90`);
  assert(acc > fashionAccuracy, `the CNN (${acc}) does not beat the MLP (${fashionAccuracy})`);
  assert(cnnParams < mlpParams / 10, `the CNN has ${cnnParams} parameters, the MLP ${mlpParams}`);
  return `CNN ${acc.toFixed(4)} with ${cnnParams} parameters; MLP ${fashionAccuracy.toFixed(4)} with ${mlpParams}`;
});

test('info reproduces the worked example: 203,840 connections, 10x14x14 after pooling, 392,200 weights', () => {
  const r = layerlab('info', '--layers', 'conv 10 5x5 stride=1, maxpool 2 stride=2, flatten, dense 200', '--input', '1x32x32');
  assert(r.status === 0, `info failed: ${r.stderr}`);
  const rows = r.stdout.split('\n');
  const row = (name) => rows.find((l) => l.startsWith(name)) || '';
  assert(/\(10, 28, 28\)\s+260\s+203840/.test(row('conv 1')), 'the conv row is wrong', [row('conv 1')]);
  assert(/\(10, 14, 14\)/.test(row('maxpool')), 'the pooling row is wrong', [row('maxpool')]);
  assert(/\(1960\)/.test(row('flatten')), 'the flatten row is wrong', [row('flatten')]);
  assert(/\(200\)\s+392200/.test(row('dense 1')), 'the dense row is wrong', [row('dense 1')]);
  return row('conv 1').replace(/\s+/g, ' ');
});

test('iris reaches 95% test accuracy', () => {
  const acc = trained(layerlab('train', '--data', 'iris', '--layers', 'dense 16 relu, dense 3', '--optimizer', 'adam',
    '--lr', '0.01', '--epochs', '100', '--quiet'), 'iris');
  assert(acc >= 0.95, `test accuracy ${acc} is below 0.95`);
  return `accuracy ${acc.toFixed(4)}`;
});

test('digits reach 95% test accuracy', () => {
  const acc = trained(layerlab('train', '--data', 'digits', '--optimizer', 'adam', '--lr', '0.002', '--batch', '32',
    '--epochs', '30', '--quiet'), 'digits');
  assert(acc >= 0.95, `test accuracy ${acc} is below 0.95`);
  return `accuracy ${acc.toFixed(4)}`;
});

test('bad input gets one clear line and exit code 2, never a crash', () => {
  const truncated = path.join(workDir, 'truncated.llm');
  fs.writeFileSync(truncated, fs.readFileSync(fashionModel).subarray(0, 5000));
  const blob = path.join(workDir, 'blob.csv');
  fs.writeFileSync(blob, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
  const cases = [
    [['info', truncated], /truncated/],
    [['eval', truncated, '--data', 'iris'], /truncated/],
    [['info', '--layers', 'dense 99999999', '--input', '784'], /units/],
    [['info', '--layers', 'dense 60000, dense 60000', '--input', '60000'], /parameters/],
    [['train', '--data', blob], /not a CSV text file/],
    [['train', '--data', 'no-such-dataset'], /unknown dataset/],
    [['train', '--data', 'iris', '--lr', 'fast'], /needs a number/],
    [['eval', path.join(workDir, 'missing.llm'), '--data', 'iris'], /cannot open/],
    [['info', '--layers', 'conv 4 9x9, flatten, dense 2', '--input', '1x6x6'], /layer 1: the 9x9 kernel is larger than the padded input/],
    [['info', '--layers', 'conv 4 3x3 stride=0', '--input', '1x28x28'], /stride/],
    [['info', '--layers', 'maxpool 2, flatten, dense 2', '--input', '784'], /pooling needs an image/],
    [['eval', path.join(workDir, 'fashion-cnn.llm'), '--data', 'digits'], /model expects \(1, 28, 28\)/],
  ];
  return expectCleanFailures(layerlab, cases);
});

await run({
  setup: async () => {
    assert(fs.existsSync(cli), `${cli} does not exist`);
    assert(fs.existsSync(path.join(dataDir, 'fashion-mnist-train.lds')), `no converted datasets in ${dataDir}: run ./lab setup`);
    fs.mkdirSync(workDir, { recursive: true });
  },
});
