// WebGPU tests: serve the test pages of build/wasm/tests/gpu, run them in headless chromium, count their ok/FAIL lines.
// The wasm program prints one line per registry case (op × shape, CPU against WebGPU) and per check of the
// standard models' training comparison (MLP, CNN, LSTM: 50 steps, WebGPU against CPU); this runner adds its own
// checks (adapter found, every case reported, no page errors but the one provoked on purpose, no WebGPU without
// --enable-unsafe-webgpu) and ends with 'N passed, N failed'.
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../server.mjs';
import { parseOptions } from './harness.mjs';

const USAGE = 'node web/tests/gpu_tests.mjs --root build/wasm/tests/gpu';
const opts = parseOptions(process.argv.slice(2), ['root'], USAGE);
const root = path.resolve(opts.root);
const BASE_ARGS = ['--no-sandbox', '--no-first-run', '--disable-background-networking', '--disable-component-update',
  '--disable-sync'];
const RUN_TIMEOUT_MS = 30 * 60_000;  // SwiftShader on a busy 2-core machine: about 8 minutes unloaded

let passed = 0;
let failed = 0;
function check(ok, name, details = []) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}`);
  if (!ok) for (const d of details) console.log(`  ${d}`);
  if (ok) passed++; else failed++;
}

// Opens the page in a fresh chromium, runs gpuRunAll(); returns {state, lines, errors, caseCount}.
async function runPage(base, browserArgs) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: browserArgs });
  try {
    const page = await browser.newPage();
    const lines = [];
    const errors = [];
    page.on('console', (msg) => {
      const text = msg.text();
      if (msg.type() === 'error') errors.push(text);
      else if (/^(ok|FAIL) /.test(text)) { lines.push(text); console.log(text); }
      else if (/^  /.test(text)) console.log(text);
      else if (/^adapter: /.test(text)) console.log(`lab: ${text}`);
    });
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${base}/index.html`);
    await page.waitForFunction(() => window.gpuRuntimeReady === true, null, { timeout: 60_000 });
    const state = await page.evaluate(() => window.gpuRunAll(), null);
    const caseCount = await page.evaluate(() => Module._gpu_case_count() + Module._gpu_training_check_count());
    const unexpected = errors.length;
    if (state === 1) await page.evaluate(() => window.gpuErrorCheck(), null);
    return { state, lines, errors: errors.slice(0, unexpected), deliberate: errors.slice(unexpected), caseCount };
  } finally {
    await browser.close();
  }
}

async function main() {
  const server = await startServer({ root, port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${server.address().port}`;
  const stop = () => { server.close(); process.exit(130); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const started = Date.now();
    const run = await Promise.race([
      runPage(base, [...BASE_ARGS, '--enable-unsafe-webgpu']),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no result within ${RUN_TIMEOUT_MS / 1000} s`)),
        RUN_TIMEOUT_MS)),
    ]);
    check(run.state === 1, 'a WebGPU adapter and device (chromium --enable-unsafe-webgpu)',
      run.state === 1 ? [] : [`device state ${run.state} (-1: no WebGPU, -2: failed)`]);
    for (const line of run.lines) line.startsWith('ok') ? passed++ : failed++;
    check(run.lines.length === run.caseCount + 1, `every registry case, training and error check reported ` +
      `(${run.lines.length} of ${run.caseCount + 1}, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    check(run.errors.length === 0, 'no page or WebGPU errors', run.errors.slice(0, 10));
    check(run.deliberate.some((e) => /^webgpu: validation: /.test(e)),
      'the deliberate validation error reaches the console as a webgpu error', run.deliberate.slice(0, 5));

    const without = await runPage(base, BASE_ARGS);
    check(without.state === -1 && without.errors.length === 0,
      'without --enable-unsafe-webgpu the page reports WebGPU unavailable', [`device state ${without.state}`,
        ...without.errors.slice(0, 5)]);
  } catch (err) {
    check(false, `the WebGPU test page: ${err.message}`);
  } finally {
    server.close();
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main();
