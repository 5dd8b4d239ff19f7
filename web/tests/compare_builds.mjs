// Cross-build test: the native and wasm command-line trainers must print the same losses, run after run.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { test, run, assert, TestFailure, bail } from './harness.mjs';

const USAGE = 'node web/tests/compare_builds.mjs <native-cli> <wasm-cli.js>';
const [nativeCli, wasmCli] = process.argv.slice(2);
if (!nativeCli || !wasmCli) bail('needs the two trainers', USAGE);

const TRAIN_ARGS = ['train', '--data', 'spiral', '--seed', '7', '--steps', '100', '--print-losses'];
const STEPS = 100;

// Runs a trainer and returns its stdout; fails with the exit code and the last stderr lines.
function runTrainer(cmd, args) {
  try {
    return execFileSync(cmd, args, { timeout: 300_000, maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
  } catch (err) {
    const why = err.code === 'ETIMEDOUT' ? 'timed out after 300 s'
      : err.code === 'ENOENT' ? 'was not found' : `exited with ${err.status ?? err.signal}`;
    const stderr = String(err.stderr ?? '').trim().split('\n').slice(-10).map((l) => `stderr: ${l}`);
    throw new TestFailure(`'${[cmd, ...args].join(' ')}' ${why}`, stderr);
  }
}

// One loss per line; lines that are not a number are ignored ('nan' and 'inf' count, so they fail loudly).
function losses(stdout) {
  return stdout.split('\n').map((l) => l.trim()).filter((l) => /^[-+]?((\d+\.?\d*|\.\d+)(e[-+]?\d+)?|nan|inf(inity)?)$/i.test(l))
    .map((l) => (/nan/i.test(l) ? NaN : /inf/i.test(l) ? (l.startsWith('-') ? -Infinity : Infinity) : Number(l)));
}

const runNative = () => runTrainer(nativeCli, TRAIN_ARGS);
const runWasm = () => runTrainer(process.execPath, ['--no-experimental-fetch', wasmCli, ...TRAIN_ARGS]);
let firstNative = null;

async function setup() {
  for (const f of [nativeCli, wasmCli]) assert(fs.existsSync(f), `${f} does not exist: build it first (./lab test builds both)`);
}

test('native and wasm agree on the first 100 losses', () => {
  firstNative = runNative();
  const a = losses(firstNative);
  const b = losses(runWasm());
  assert(a.length === STEPS, `the native trainer printed ${a.length} losses, expected ${STEPS}`);
  assert(b.length === STEPS, `the wasm trainer printed ${b.length} losses, expected ${STEPS}`);
  let worst = { rel: 0, step: 0 };
  const bad = [];
  for (let i = 0; i < STEPS; i++) {
    const scale = Math.max(Math.abs(a[i]), Math.abs(b[i]));
    const rel = a[i] === b[i] ? 0 : Math.abs(a[i] - b[i]) / scale;
    if (!(rel <= 1e-4)) bad.push(`step ${i + 1}: native ${a[i]}, wasm ${b[i]} (relative difference ${rel})`);
    if (!(rel <= worst.rel)) worst = { rel, step: i + 1 };
  }
  assert(bad.length === 0, `${bad.length} of ${STEPS} losses differ by more than 1e-4 (relative)`, bad.slice(0, 10));
  return `worst relative difference ${worst.rel.toExponential(2)} at step ${worst.step}`;
});

test('training is deterministic run to run', () => {
  const first = firstNative ?? runNative();
  const second = runNative();
  if (first === second) return `${losses(first).length} identical losses`;
  const [x, y] = [first.split('\n'), second.split('\n')];
  let i = x.findIndex((line, k) => line !== y[k]);
  if (i < 0) i = x.length; // the first run's output is a prefix of the second's
  throw new TestFailure('two native runs with the same seed printed different output',
    [`first difference at line ${i + 1}: '${x[i]}' vs '${y[i]}'`]);
});

const { failed } = await run({ setup });
process.exit(failed ? 1 : 0);
