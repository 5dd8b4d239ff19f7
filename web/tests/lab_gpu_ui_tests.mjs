// Browser tests of training on WebGPU in the models workspace: the CNN preset on the GPU (SwiftShader) with the
// backend readout, the probe and the inspectors; the same steps on the CPU and the GPU giving the same losses;
// a lost device falling back to the CPU with the model kept; and a browser without WebGPU training on the CPU
// with a visible note.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../server.mjs';
import {
  test, run, assert, TestFailure, parseOptions, waitForProbe, widgetRect, clipRect, clickAcrossFrames, imageStats,
  CHROMIUM_ARGS, probeReader, framesPerSecond, clickWidget,
} from './harness.mjs';

const USAGE = 'node web/tests/lab_gpu_ui_tests.mjs --root build/wasm/web --out build/screenshots';
const opts = parseOptions(process.argv.slice(2), ['root', 'out'], USAGE);
const root = path.resolve(opts.root);
const out = path.resolve(opts.out);
const VIEWPORT = { width: 1280, height: 720 };
const CNN = 'data=fashion-mnist&layers=conv+8+3x3+same+relu,maxpool+2,conv+16+3x3+same+relu,maxpool+2' +
  '&opt=adam&lr=0.003&batch=32&schedule=cosine&epochs=10&seed=1';
const NO_WEBGPU_ARGS = CHROMIUM_ARGS.filter((a) => a !== '--enable-unsafe-webgpu');

let server, base, browser, plainBrowser;

// Keeps the page's GPUDevice reachable (window.__labDevice) so a test can destroy it, as a driver reset would.
function keepDevice() {
  if (typeof GPUAdapter === 'undefined') return;
  const request = GPUAdapter.prototype.requestDevice;
  GPUAdapter.prototype.requestDevice = async function (...args) {
    const device = await request.apply(this, args);
    window.__labDevice = device;
    return device;
  };
}

async function openLab(hash, on = browser) {
  const context = await on.newContext({ viewport: VIEWPORT });
  await context.addInitScript(keepDevice);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  await page.goto(`${base}/#${hash}`, { waitUntil: 'load', timeout: 30_000 });
  const read = probeReader(page);
  await waitForProbe(read, (p) => p.frame >= 5, { timeoutMs: 120_000, what: 'the app did not start' });
  const p = await waitForProbe(read, (q) => q.lab_load === 'ready' || q.lab_load === 'failed',
    { timeoutMs: 120_000, what: 'the dataset did not load' });
  assert(p.lab_load === 'ready', `the data did not load: ${p.lab_error}`);
  // The start-up request for WebGPU has answered once the readout stops asking.
  await waitForProbe(read, (q) => q.lab_gpu_reason !== 'asking the browser for WebGPU',
    { timeoutMs: 30_000, what: 'WebGPU never answered' });
  return { page, read, context, errors };
}

const click = (page, read, name) => clickWidget(page, read, name, VIEWPORT);

// Picks a backend from the readout's menu (backend-auto, backend-cpu, backend-gpu).
async function chooseBackend(page, read, item) {
  await click(page, read, 'backend');
  await waitForProbe(read, (q) => q.widgets[item] !== undefined, { timeoutMs: 5000, what: 'the backend menu did not open' });
  await click(page, read, item);
}

// Presses Step `count` times, each time waiting for its loss; returns the batch losses.
async function stepLosses(page, read, count) {
  const losses = [];
  for (let i = 0; i < count; i++) {
    const before = (await read()).lab_step;
    await click(page, read, 'step');
    const p = await waitForProbe(read, (q) => q.lab_step === before + 1, { timeoutMs: 60_000, what: `step ${before + 1} did not finish` });
    losses.push(p.lab_batch_loss);
  }
  return losses;
}

async function shoot(page, file) {
  const full = path.join(out, file);
  await page.screenshot({ path: full });
  return full;
}

// A screenshot of the top bar's backend readout, checked for text (not blank).
async function shootReadout(page, read, file) {
  const p = await read();
  const r = widgetRect(p, 'backend');
  const note = p.widgets['backend-note'];
  const right = note ? note[0] + note[2] : r.x + r.w;
  const clip = clipRect({ x: r.x - 8, y: Math.max(0, r.y - 24), w: right - r.x + 16, h: r.h + 32 }, VIEWPORT.width, VIEWPORT.height, 0);
  const full = path.join(out, file);
  await page.screenshot({ path: full, clip });
  const stats = imageStats(full);
  assert(stats.colours >= 8 && stats.stddev > 0.02, `the backend readout looks blank (${stats.colours} colours)`, [`see ${full}`]);
}

async function setup() {
  fs.mkdirSync(out, { recursive: true });
  server = await startServer({ root, port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, timeout: 60_000, args: CHROMIUM_ARGS });
  plainBrowser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, timeout: 60_000, args: NO_WEBGPU_ARGS });
}

async function teardown() {
  await browser?.close().catch(() => {});
  await plainBrowser?.close().catch(() => {});
  if (server) await new Promise((resolve) => { server.close(resolve); server.closeAllConnections(); });
}

test('SwiftShader: the CPU trains by default, and says why', async () => {
  const { page, read, context } = await openLab(CNN);
  const p = await read();
  assert(p.lab_adapter !== '', 'no adapter name although WebGPU was enabled');
  assert(p.lab_backend === 'cpu' && /emulates a GPU/.test(p.lab_gpu_reason),
    'an emulated adapter should leave training on the CPU by default, saying so', [p.lab_backend, p.lab_gpu_reason]);
  await shootReadout(page, read, 'models-gpu-default-readout.png');
  await context.close();
  return `adapter "${p.lab_adapter}": ${p.lab_gpu_reason}`;
});

test('CNN on the GPU: the probe says webgpu, the loss falls, the inspectors draw, one mapAsync per step', async () => {
  const { page, read, context, errors } = await openLab(CNN);
  await chooseBackend(page, read, 'backend-gpu');
  let p = await waitForProbe(read, (q) => q.lab_backend === 'webgpu', { timeoutMs: 5000, what: 'choosing the GPU did not switch' });
  assert(p.lab_adapter !== '' && p.lab_backend_label.startsWith('WebGPU'), 'the readout does not name the adapter',
    [p.lab_backend_label]);
  await click(page, read, 'play');
  // SwiftShader runs a CNN step in seconds on this machine's CPU: a few steps show the loss falling.
  p = await waitForProbe(read, (q) => q.lab_step >= 4 && q.lab_batch_loss < 0.8 * q.lab_first_loss,
    { timeoutMs: 180_000, what: 'the GPU\'s batch loss did not fall below 0.8 x the first within 4+ steps' });
  const fps = await framesPerSecond(page, 3000);
  const during = await read();
  assert(during.lab_playing && during.lab_step > p.lab_step, 'training stopped while the frame rate was measured');
  assert(during.lab_backend === 'webgpu' && during.lab_gpu_failure === '', 'the GPU stopped training', [during.lab_gpu_failure]);
  // One mapAsync per step (the loss and probabilities), plus the weights' readback about once a second.
  assert(during.lab_gpu_map_async_per_step > 0 && during.lab_gpu_map_async_per_step <= 2,
    `${during.lab_gpu_map_async_per_step} mapAsync calls per step`);
  assert(during.lab_gpu_synced_step > 0, 'the weights were never read back for the inspectors');
  await shootReadout(page, read, 'models-gpu-readout.png');
  await shoot(page, 'models-gpu-training.png');
  await click(page, read, 'tab-feature-maps');
  await new Promise((r) => setTimeout(r, 1500));
  const maps = await read();
  const mapsFile = await shoot(page, 'models-gpu-feature-maps.png');
  assert(maps.lab_map_layers >= 6 && maps.lab_kernel_layers === 2, 'feature maps or kernels are missing while on the GPU',
    [`map layers ${maps.lab_map_layers}, kernel layers ${maps.lab_kernel_layers}`, `see ${mapsFile}`]);
  assert(errors.length === 0, `${errors.length} page error(s)`, errors.slice(0, 5));
  await context.close();
  const note = `loss ${p.lab_first_loss.toFixed(3)} -> ${p.lab_batch_loss.toFixed(3)} by step ${p.lab_step}; ` +
    `${fps.toFixed(1)} fps, ${during.lab_samples_per_second.toFixed(0)} samples/s, ${during.lab_ms_per_step.toFixed(1)} ms/step ` +
    `(SwiftShader), ${during.lab_gpu_map_async_per_step.toFixed(2)} mapAsync/step`;
  // An emulated adapter shares the CPU with the page (its compute holds up WebGL too): the rate is reported, and
  // asserted only on a real GPU.
  if (fps < 30 && !/swiftshader/i.test(during.lab_adapter)) {
    throw new TestFailure(`only ${fps.toFixed(1)} fps while the CNN trains on the GPU (needs 30)`,
      [note, `load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`]);
  }
  return note;
}, { timeoutMs: 240_000 });

test('the same seed gives the same losses on the CPU and on the GPU (4 steps, Adam, CNN)', async () => {
  const cpu = await openLab(CNN);
  await chooseBackend(cpu.page, cpu.read, 'backend-cpu');
  const cpuLosses = await stepLosses(cpu.page, cpu.read, 4);
  assert((await cpu.read()).lab_backend === 'cpu', 'the CPU run was not on the CPU');
  await cpu.context.close();
  const gpu = await openLab(CNN);
  await chooseBackend(gpu.page, gpu.read, 'backend-gpu');
  const gpuLosses = await stepLosses(gpu.page, gpu.read, 4);
  assert((await gpu.read()).lab_backend === 'webgpu', 'the GPU run was not on the GPU');
  await gpu.context.close();
  let worst = 0;
  for (let i = 0; i < cpuLosses.length; i++) worst = Math.max(worst, Math.abs(gpuLosses[i] - cpuLosses[i]) / Math.abs(cpuLosses[i]));
  assert(worst <= 1e-3, `the GPU's losses differ from the CPU's by up to ${worst.toExponential(2)} (relative)`,
    [`cpu ${cpuLosses.map((l) => l.toFixed(6)).join(' ')}`, `gpu ${gpuLosses.map((l) => l.toFixed(6)).join(' ')}`]);
  return `worst relative difference ${worst.toExponential(2)} over ${cpuLosses.length} steps ` +
    `(${cpuLosses[0].toFixed(4)} -> ${cpuLosses[cpuLosses.length - 1].toFixed(4)})`;
}, { timeoutMs: 400_000 });

test('a lost device: training falls back to the CPU with the weights read back, and says so', async () => {
  const { page, read, context } = await openLab(CNN);
  await chooseBackend(page, read, 'backend-gpu');
  await click(page, read, 'play');
  const before = await waitForProbe(read, (q) => q.lab_step >= 3 && q.lab_gpu_synced_step > 0,
    { timeoutMs: 180_000, what: 'the GPU did not train 3 steps with a readback' });
  await page.evaluate(() => window.__labDevice.destroy());
  const lost = await waitForProbe(read, (q) => q.lab_backend === 'cpu' && q.lab_gpu_failure !== '',
    { timeoutMs: 20_000, what: 'the lost device was not noticed' });
  // The loss reaches the page either as the device's lost promise or as the failed step in flight.
  assert(/lost|step failed/.test(lost.lab_gpu_failure) && /CPU/.test(lost.lab_gpu_failure), 'the failure does not say what happened',
    [lost.lab_gpu_failure]);
  const after = await waitForProbe(read, (q) => q.lab_step >= lost.lab_step + 10, { timeoutMs: 90_000, what: 'the CPU did not carry on' });
  // The model was kept: the CPU continues from the GPU's weights, not from new random ones.
  assert(after.lab_batch_loss < 0.8 * after.lab_first_loss, `the loss went back up to ${after.lab_batch_loss} after the fallback`,
    [`first ${after.lab_first_loss}, before the loss ${before.lab_batch_loss}`]);
  await shootReadout(page, read, 'models-gpu-lost-readout.png');
  await shoot(page, 'models-gpu-lost.png');
  await context.close();
  return `${lost.lab_gpu_failure}; loss ${after.lab_batch_loss.toFixed(3)} at step ${after.lab_step}`;
}, { timeoutMs: 240_000 });

test('without --enable-unsafe-webgpu: the CPU trains, with a visible note', async () => {
  const { page, read, context } = await openLab(CNN, plainBrowser);
  const p = await read();
  assert(p.lab_backend === 'cpu' && p.lab_gpu_reason === 'WebGPU is not available in this browser: training on the CPU',
    'no note that WebGPU is missing', [p.lab_backend, p.lab_gpu_reason]);
  assert(p.widgets['backend-note'] !== undefined, 'the note is not on screen');
  await click(page, read, 'play');
  const q = await waitForProbe(read, (r) => r.lab_step >= 15 && r.lab_batch_loss < 0.8 * r.lab_first_loss,
    { timeoutMs: 90_000, what: 'the CPU did not train without WebGPU' });
  await shootReadout(page, read, 'models-no-webgpu-readout.png');
  await shoot(page, 'models-no-webgpu.png');
  await context.close();
  return `${p.lab_backend_label}; loss ${q.lab_first_loss.toFixed(3)} -> ${q.lab_batch_loss.toFixed(3)}`;
}, { timeoutMs: 180_000 });

const { failed } = await run({ setup, teardown });
process.exit(failed ? 1 : 0);
