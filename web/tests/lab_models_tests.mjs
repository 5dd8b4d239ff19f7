// Browser tests of the models workspace: each model family (CNN, LSTM, MLP) built, trained and inspected
// through the page in headless chromium; links that restore an experiment; bad links and bad stacks.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { startServer } from '../server.mjs';
import {
  test, run, assert, TestFailure, parseOptions, waitForProbe, widgetRect, clipRect, clickAcrossFrames, imageStats,
  CHROMIUM_ARGS, probeReader, framesPerSecond, sleep, clickWidget,
} from './harness.mjs';

const USAGE = 'node web/tests/lab_models_tests.mjs --root build/wasm/web --out build/screenshots';
const opts = parseOptions(process.argv.slice(2), ['root', 'out'], USAGE);
const root = path.resolve(opts.root);
const out = path.resolve(opts.out);
const VIEWPORT = { width: 1280, height: 720 };
const CNN = 'data=fashion-mnist&layers=conv+8+3x3+same+relu,maxpool+2,conv+16+3x3+same+relu,maxpool+2' +
  '&opt=adam&lr=0.003&batch=32&schedule=cosine&epochs=10&seed=1';
const LSTM = 'data=memory-10&layers=lstm+32&opt=adam&lr=0.01&batch=32&clip=5&seed=1';
const DIGITS = 'data=digits&layers=conv+8+3x3+same+relu&opt=adam&lr=0.003&batch=32&seed=2';

let server, base, browser;
const pageErrors = [];

async function openLab(hash, context = null) {
  const ctx = context ?? await browser.newContext({ viewport: VIEWPORT });
  const page = await ctx.newPage();
  page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => pageErrors.push(`page error: ${e.message}`));
  await page.goto(`${base}/${hash ? '#' + hash : ''}`, { waitUntil: 'load', timeout: 30_000 });
  const read = probeReader(page);
  await waitForProbe(read, (p) => p.frame >= 5, { timeoutMs: 60_000, what: 'the app did not start' });
  return { page, read, context: ctx };
}

function waitLoaded(read) {
  return waitForProbe(read, (p) => p.lab_load === 'ready' || p.lab_load === 'failed',
    { timeoutMs: 120_000, what: 'the dataset did not load' });
}

const click = (page, read, name) => clickWidget(page, read, name, VIEWPORT);

// Screenshots the inspector panel after opening `tab`, and checks it is not blank.
async function shootTab(page, read, tab, file, minColours = 40) {
  await click(page, read, tab);
  await new Promise((r) => setTimeout(r, 400));
  const probe = await read();
  const tabRect = widgetRect(probe, tab);
  const clip = clipRect({ x: tabRect.x - 8, y: tabRect.y, w: VIEWPORT.width - tabRect.x, h: VIEWPORT.height - tabRect.y - 10 },
    VIEWPORT.width, VIEWPORT.height, 0);
  const full = path.join(out, file);
  await page.screenshot({ path: full });
  const part = full.replace(/\.png$/, '-panel.png');
  await page.screenshot({ path: part, clip });
  const stats = imageStats(part);
  assert(stats.colours >= minColours && stats.stddev > 0.03, `${tab} looks blank (${stats.colours} colours, std dev ` +
    `${stats.stddev.toFixed(3)})`, [`see ${part}`]);
  return stats;
}

async function playUntil(page, read, predicate, what, timeoutMs = 60_000) {
  const before = await read();
  if (!before.lab_playing) await click(page, read, 'play');
  await waitForProbe(read, (p) => p.lab_playing, { timeoutMs: 5000, what: 'play did not start training' });
  return waitForProbe(read, predicate, { timeoutMs, what });
}

async function setup() {
  fs.mkdirSync(out, { recursive: true });
  server = await startServer({ root, port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, timeout: 60_000, args: CHROMIUM_ARGS });
}

async function teardown() {
  await browser?.close().catch(() => {});
  if (server) await new Promise((resolve) => { server.close(resolve); server.closeAllConnections(); });
}

test('CNN on Fashion-MNIST from a link: trains at 30 fps or more, and every inspector draws', async () => {
  const { page, read, context } = await openLab(CNN);
  let p = await waitLoaded(read);
  assert(p.lab_load === 'ready', `the data did not load: ${p.lab_error}`);
  assert(p.mode === 'models' && p.lab_layers.startsWith('conv 8 3x3'), 'the link did not open the CNN', [p.lab_layers]);
  p = await playUntil(page, read, (q) => q.lab_step >= 60 && q.lab_batch_loss < 0.6 * q.lab_first_loss,
    'the batch loss did not fall below 0.6 x the first one within 60 steps', 90_000);
  const fps = await framesPerSecond(page, 3000);
  const during = await read();
  assert(during.lab_playing && during.lab_step > p.lab_step, 'training stopped while the frame rate was measured');
  if (fps < 30) {
    throw new TestFailure(`only ${fps.toFixed(1)} fps while the CNN trains (needs 30)`,
      [`load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`]);
  }
  const notes = [`loss ${p.lab_first_loss.toFixed(3)} -> ${p.lab_batch_loss.toFixed(3)} by step ${p.lab_step}`,
    `${fps.toFixed(1)} fps, ${during.lab_samples_per_second.toFixed(0)} samples/s, ${during.lab_ms_per_step.toFixed(1)} ms/step`];
  await shootTab(page, read, 'tab-training', 'models-cnn-training.png', 20);
  await shootTab(page, read, 'tab-feature-maps', 'models-cnn-feature-maps.png');
  const maps = await read();
  assert(maps.lab_map_layers >= 6 && maps.lab_kernel_layers === 2, 'feature maps or kernels are missing',
    [`map layers ${maps.lab_map_layers}, kernel layers ${maps.lab_kernel_layers}`]);
  await shootTab(page, read, 'tab-examples', 'models-cnn-examples.png');
  assert((await read()).lab_top3 === 24, 'the examples grid has no top-3 predictions');
  await context.close();
  return notes.join('; ');
}, { timeoutMs: 240_000 });

test('LSTM on the memory task: gates over time and the gradient norm per step', async () => {
  const { page, read, context } = await openLab(LSTM);
  let p = await waitLoaded(read);
  assert(p.lab_load === 'ready', `the data did not load: ${p.lab_error}`);
  p = await playUntil(page, read, (q) => q.lab_step >= 100 && q.lab_batch_loss < 0.8 * q.lab_first_loss,
    'the LSTM\'s batch loss did not fall below 0.8 x the first within 100+ steps', 90_000);
  await shootTab(page, read, 'tab-gates', 'models-lstm-gates.png');
  const g = await read();
  assert(g.lab_gates === 6, `expected 6 gate heatmaps (f, i, g, c, o, h), got ${g.lab_gates}`);
  assert(g.lab_grad_norms === 11, `expected a gradient norm for each of the 11 steps, got ${g.lab_grad_norms}`);
  await shootTab(page, read, 'tab-confusion', 'models-lstm-confusion.png', 10);
  await context.close();
  return `loss ${p.lab_first_loss.toFixed(3)} -> ${p.lab_batch_loss.toFixed(3)} by step ${p.lab_step}`;
}, { timeoutMs: 180_000 });

test('MLP on digits through the buttons: preset, train an epoch, confusion matrix of the whole test set', async () => {
  const { page, read, context } = await openLab(DIGITS);
  await waitLoaded(read);
  await click(page, read, 'preset-MLP');
  let p = await read();
  assert(p.lab_layers.startsWith('flatten, dense 128'), 'the MLP preset did not replace the stack', [p.lab_layers]);
  p = await playUntil(page, read, (q) => q.lab_epoch >= 3 && q.lab_confusion_total > 0,
    'three epochs with a counted test set', 90_000);
  assert(p.lab_test_accuracy >= 0.85, `test accuracy ${p.lab_test_accuracy} after 3 epochs (expected 0.85 or more)`);
  assert(p.lab_confusion_total === 359, `the confusion matrix counts ${p.lab_confusion_total} examples, not the 359 test examples`);
  await click(page, read, 'play');
  await shootTab(page, read, 'tab-confusion', 'models-mlp-confusion.png');
  await context.close();
  return `test accuracy ${(100 * p.lab_test_accuracy).toFixed(1)}% at epoch ${p.lab_epoch}`;
}, { timeoutMs: 180_000 });

test('a link copied from the page restores the same experiment in a fresh browser context', async () => {
  const first = await openLab(DIGITS);
  await waitLoaded(first.read);
  await click(first.page, first.read, 'preset-CNN');
  const hash = await first.page.evaluate(() => window.location.hash.slice(1));
  const before = await first.read();
  assert(hash === before.lab_hash, 'the URL hash does not follow the experiment', [hash, before.lab_hash]);
  await first.context.close();
  const second = await openLab(hash);
  const after = await waitLoaded(second.read);
  await second.context.close();
  for (const key of ['lab_dataset', 'lab_layers', 'lab_hash'])
    assert(after[key] === before[key], `${key} differs after opening the link`, [`before: ${before[key]}`, `after: ${after[key]}`]);
  return `${hash.length} characters`;
}, { timeoutMs: 120_000 });

test('a bad link and a stack that cannot take the data are explained, and the lab keeps working', async () => {
  const bad = await openLab('data=digits&lr=abc');
  let p = await bad.read();
  assert(p.mode === 'models' && /could not be read/.test(p.lab_notice) && /'lr'/.test(p.lab_notice),
    'no clear notice for a link with lr=abc', [p.lab_notice]);
  await bad.context.close();
  const wrong = await openLab('data=digits&layers=conv+8+9x9');
  p = await waitLoaded(wrong.read);
  assert(/layer 1/.test(p.lab_error) && /larger than the padded input/.test(p.lab_error),
    'the 9x9 kernel on 8x8 digits was not explained', [p.lab_error]);
  await wrong.page.screenshot({ path: path.join(out, 'models-invalid-stack.png') });
  await click(wrong.page, wrong.read, 'play');
  p = await wrong.read();
  assert(!p.lab_playing && p.lab_step === 0, 'an invalid model started training');
  await click(wrong.page, wrong.read, 'preset-MLP');
  p = await playUntil(wrong.page, wrong.read, (q) => q.lab_step >= 20, 'the MLP preset did not train after the fix');
  await wrong.context.close();
  assert(pageErrors.length === 0, `${pageErrors.length} page error(s)`, pageErrors.slice(0, 5));
  return 'notice and inline error shown; fixed by a preset';
}, { timeoutMs: 120_000 });

test('a page killed mid-training reopens with its autosaved session', async () => {
  const first = await openLab(DIGITS);
  await waitLoaded(first.read);
  await click(first.page, first.read, 'preset-MLP');
  const saved = await playUntil(first.page, first.read, (q) => q.lab_autosaves >= 2 && q.lab_saved_step >= 50,
    'two autosaves while training', 60_000);
  const url = first.page.url();
  // Every save asked for so far has reached IndexedDB (the page counts finished transactions).
  const last = await waitForProbe(
    async () => ({ ...(await first.read()), written: await first.page.evaluate(() => Module.labAutosaves || 0) }),
    (q) => q.written >= q.lab_autosaves, { timeoutMs: 10_000, what: 'the autosaves did not reach IndexedDB' });
  await first.page.close({ runBeforeUnload: false });  // no goodbye, mid-training: as if the tab were killed
  const second = await openLab(url.split('#')[1], first.context);
  const p = await waitForProbe(second.read, (q) => q.lab_load === 'ready' && /Restored/.test(q.lab_notice),
    { timeoutMs: 60_000, what: 'the reopened page did not restore the autosave' });
  assert(p.lab_step >= last.lab_saved_step && last.lab_saved_step > 0, `restored at step ${p.lab_step}, but step ` +
    `${last.lab_saved_step} had been saved`, [p.lab_notice]);
  assert(p.lab_layers === saved.lab_layers, 'the restored model is not the one trained', [p.lab_layers]);
  await click(second.page, second.read, 'play');
  await waitForProbe(second.read, (q) => q.lab_step > p.lab_step + 20, { timeoutMs: 30_000, what: 'training did not continue' });
  await second.context.close();
  return `${p.lab_notice} (killed at step ${saved.lab_step} or later)`;
}, { timeoutMs: 150_000 });

test('a damaged autosave is reported and the lab opens fresh', async () => {
  const first = await openLab('');
  await first.page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('layerlab', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('autosave');
    open.onsuccess = () => {
      const tx = open.result.transaction('autosave', 'readwrite');
      const junk = new Uint8Array(5000).map((_, i) => (i * 37) & 255);
      junk.set([0x4c, 0x4c, 0x53, 0x53, 1, 0, 0, 0]);  // a snapshot's magic and version, then garbage
      tx.objectStore('autosave').put(junk, 'session');
      tx.oncomplete = () => { open.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }));
  await first.page.close();
  const second = await openLab('', first.context);
  const p = await waitForProbe(second.read, (q) => q.banner !== '', { timeoutMs: 20_000, what: 'no message about the damaged autosave' });
  assert(/could not be restored/.test(p.banner) && /damaged/.test(p.banner), 'the message does not say what happened', [p.banner]);
  await second.page.screenshot({ path: path.join(out, 'models-damaged-autosave.png') });
  const frame = p.frame;
  await waitForProbe(second.read, (q) => q.frame > frame + 10, { timeoutMs: 10_000, what: 'the lab stopped drawing' });
  await second.context.close();
  return p.banner;
}, { timeoutMs: 90_000 });

test('a playground link opens the playground with its data, network and settings; the page keeps it current', async () => {
  const link = 'playground&shape=spiral&points=600&noise=0.1&train=0.6&hidden=16,16,16&act=relu&lr=0.1&batch=10&loss=softmax&seed=3';
  const { page, read, context } = await openLab(link);
  const p = await read();
  assert(p.mode === 'playground' && p.dataset === 'spiral' && p.hidden === '16,16,16', 'the link did not set up the playground',
    [JSON.stringify({ mode: p.mode, dataset: p.dataset, hidden: p.hidden })]);
  await click(page, read, 'dataset-xor');
  const hash = await page.evaluate(() => window.location.hash);
  await context.close();
  assert(hash.includes('shape=xor') && hash.includes('hidden=16,16,16') && hash.includes('seed=3'),
    'the URL does not follow the playground', [hash]);
  const bad = await openLab('playground&hidden=99');
  const q = await bad.read();
  await bad.context.close();
  assert(q.mode === 'playground' && /could not be read/.test(q.banner) && /hidden/.test(q.banner), 'no message for hidden=99', [q.banner]);
  return hash;
}, { timeoutMs: 60_000 });

// Clicks a button that makes the page open its file picker, and answers the picker with `file`.
async function openFile(page, read, file) {
  const chooser = page.waitForEvent('filechooser', { timeout: 10_000 });
  await click(page, read, 'open-model');
  await (await chooser).setFiles(file);
}

test('model files: a saved model opens again in a fresh page; truncated, empty and foreign files are refused', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-models-'));
  const first = await openLab(DIGITS);
  await waitLoaded(first.read);
  await playUntil(first.page, first.read, (q) => q.lab_step >= 30, '30 steps');
  await click(first.page, first.read, 'play');
  const saved = await first.read();
  const downloading = first.page.waitForEvent('download', { timeout: 10_000 });
  await click(first.page, first.read, 'save-model');
  const file = path.join(tmp, (await downloading).suggestedFilename());
  await (await downloading).saveAs(file);
  await first.context.close();
  const bytes = fs.readFileSync(file);
  assert(bytes.length > 1000, `the downloaded model has only ${bytes.length} bytes`);

  const second = await openLab('data=digits&layers=dense+16');
  await waitLoaded(second.read);
  await openFile(second.page, second.read, file);
  let p = await waitForProbe(second.read, (q) => /Restored the model file/.test(q.lab_notice) && q.lab_load === 'ready',
    { timeoutMs: 30_000, what: 'the saved model did not open' });
  assert(p.lab_layers === saved.lab_layers && p.lab_step === saved.lab_step,
    'the opened model is not the saved one', [`saved ${saved.lab_layers} at ${saved.lab_step}`, `opened ${p.lab_layers} at ${p.lab_step}`]);
  const bad = {
    'truncated.llm': bytes.subarray(0, Math.floor(bytes.length / 2)),
    'empty.llm': Buffer.alloc(0),
    'blob.llm': Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) & 255)),
    'data.csv': Buffer.from('a,b,label\n1,2,0\n'),
  };
  const messages = [];
  for (const [name, content] of Object.entries(bad)) {
    fs.writeFileSync(path.join(tmp, name), content);
    await openFile(second.page, second.read, path.join(tmp, name));
    p = await waitForProbe(second.read, (q) => q.lab_notice.includes(name),
      { timeoutMs: 10_000, what: `no message for ${name}` });
    assert(/Cannot open/.test(p.lab_notice) && p.lab_layers === saved.lab_layers, `${name}: not refused clearly`, [p.lab_notice]);
    messages.push(p.lab_notice);
  }
  await second.page.screenshot({ path: path.join(out, 'models-bad-file.png') });
  await playUntil(second.page, second.read, (q) => q.lab_step >= saved.lab_step + 20, 'training after the bad files');
  await second.context.close();
  fs.rmSync(tmp, { recursive: true, force: true });
  return messages.join(' | ');
}, { timeoutMs: 150_000 });

// A model file that claims an absurd network: three dense layers of 65,000 (billions of weights), the rest
// of the header valid and the checksum right, so only the architecture check can refuse it.
function absurdModelFile() {
  const parts = [];
  const u32 = (v) => { const b = Buffer.alloc(4); b.writeUInt32LE(v); parts.push(b); };
  const i32 = (v) => { const b = Buffer.alloc(4); b.writeInt32LE(v); parts.push(b); };
  const u64 = (v) => { const b = Buffer.alloc(8); b.writeBigUInt64LE(BigInt(v)); parts.push(b); };
  const f32 = (v) => { const b = Buffer.alloc(4); b.writeFloatLE(v); parts.push(b); };
  const str = (t) => { u32(Buffer.byteLength(t)); parts.push(Buffer.from(t)); };
  str('flatten, dense 65000, dense 65000, dense 65000, dense 10');
  [784, 1, 28, 28, 0].forEach(i32);
  u64(1); i32(0); u64(0); f32(0.01); i32(32); u32(0); str('fashion-mnist'); u32(0); u64(0); u32(0xffffffff);
  const payload = Buffer.concat(parts);
  const head = Buffer.alloc(16);
  head.write('LLMD', 0, 'latin1'); head.writeUInt32LE(2, 4); head.writeBigUInt64LE(BigInt(payload.length), 8);
  const crc = Buffer.alloc(4); crc.writeUInt32LE(zlib.crc32(payload));
  return Buffer.concat([head, payload, crc]);
}

test('CSV data: a real CSV trains; a binary blob as CSV and a model with absurd dimensions are refused', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-csv-'));
  const rows = ['x1,x2,label'];
  for (let i = 0; i < 300; i++) {  // three clusters
    const k = i % 3;
    rows.push(`${(k * 2 + Math.sin(i) * 0.4).toFixed(3)},${(k - 1 + Math.cos(i * 1.7) * 0.4).toFixed(3)},${k}`);
  }
  fs.writeFileSync(path.join(tmp, 'clusters.csv'), rows.join('\n') + '\n');
  fs.writeFileSync(path.join(tmp, 'blob.csv'), Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 97 + 13) & 255)));
  fs.writeFileSync(path.join(tmp, 'absurd.llm'), absurdModelFile());
  const { page, read, context } = await openLab(DIGITS);
  await waitLoaded(read);
  const open = async (widget, file) => {
    const chooser = page.waitForEvent('filechooser', { timeout: 10_000 });
    await click(page, read, widget);
    await (await chooser).setFiles(path.join(tmp, file));
  };
  await open('open-csv', 'clusters.csv');
  let p = await waitForProbe(read, (q) => q.lab_dataset.endsWith('clusters.csv') && q.lab_load === 'ready',
    { timeoutMs: 20_000, what: 'the CSV did not load' });
  assert(/switched to the MLP preset/.test(p.lab_notice), 'the CNN was not swapped for a model that takes 2 columns', [p.lab_notice]);
  p = await playUntil(page, read, (q) => q.lab_epoch >= 5, 'five epochs on the CSV');
  assert(p.lab_test_accuracy >= 0.9, `test accuracy ${p.lab_test_accuracy} on three separable clusters`);
  const accuracy = p.lab_test_accuracy;
  await click(page, read, 'play');
  await open('open-csv', 'blob.csv');
  p = await waitForProbe(read, (q) => q.lab_dataset.endsWith('blob.csv') && q.lab_load === 'failed',
    { timeoutMs: 20_000, what: 'the binary CSV was not refused' });
  const blobMessage = p.lab_error;
  await page.screenshot({ path: path.join(out, 'models-blob-csv.png') });
  await open('open-model', 'absurd.llm');
  p = await waitForProbe(read, (q) => q.lab_notice.includes('absurd.llm'), { timeoutMs: 10_000, what: 'no message for absurd.llm' });
  assert(/Cannot open/.test(p.lab_notice) && /(parameters|memory|units)/.test(p.lab_notice), 'the absurd model was not refused clearly', [p.lab_notice]);
  const absurdMessage = p.lab_notice;
  // The lab still works: back to a catalog dataset by link, and it trains.
  await page.evaluate(() => { window.location.hash = 'data=iris&layers=dense+8+relu&opt=adam&lr=0.01&batch=16'; });
  await waitForProbe(read, (q) => q.lab_dataset === 'iris' && q.lab_load === 'ready', { timeoutMs: 20_000, what: 'iris did not load after' });
  await playUntil(page, read, (q) => q.lab_step >= 20, 'training on iris afterwards');
  await context.close();
  fs.rmSync(tmp, { recursive: true, force: true });
  return `clusters.csv ${(100 * accuracy).toFixed(0)}%; blob.csv: ${blobMessage}; absurd.llm: ${absurdMessage}`;
}, { timeoutMs: 150_000 });

// ---- Draw tab, training controls, layer reordering and touch sizes (helper h7b) ----

// Holds the mouse down at `points` in turn (page pixels), a few frames apart, like a hand drawing a stroke.
async function drawStroke(page, read, points) {
  const frameAfter = async () => {
    const start = (await read()).frame;
    await waitForProbe(read, (p) => p.frame >= start + 2, { timeoutMs: 10_000, intervalMs: 20, what: 'no frames while drawing' });
  };
  await page.mouse.move(points[0][0], points[0][1]);
  await frameAfter();
  await page.mouse.down();
  await frameAfter();
  for (const [x, y] of points.slice(1)) {
    await page.mouse.move(x, y, { steps: 2 });
    await frameAfter();
  }
  await page.mouse.up();
  await frameAfter();
  await page.mouse.move(VIEWPORT.width - 1, VIEWPORT.height - 1);
}

async function chooseSpeed(page, read, k) {
  await click(page, read, 'lab-speed');
  await waitForProbe(read, (p) => p.widgets?.[`lab-speed-${k}`], { timeoutMs: 5000, what: 'the speed list did not open' });
  await click(page, read, `lab-speed-${k}`);
}

const parseTop3 = (text) => text.split(',').filter(Boolean).map((e) => { const [k, p] = e.split(':'); return { k: Number(k), p: Number(p) }; });

// The most mini-batches a frame trained while the probe was sampled for `ms`.
async function mostStepsInAFrame(read, ms) {
  let most = 0;
  for (const end = Date.now() + ms; Date.now() < end; await sleep(15)) most = Math.max(most, (await read()).lab_steps_last_frame);
  return most;
}

test('training controls: the speed caps steps a frame; "step one epoch" (button and E) trains exactly one epoch', async () => {
  const { page, read, context } = await openLab('data=digits&layers=flatten,dense+16+relu&opt=adam&lr=0.003&batch=32&seed=2');
  let p = await waitLoaded(read);
  const perEpoch = p.lab_steps_per_epoch;
  assert(perEpoch === 45, `digits (1438 examples, batch 32) should take 45 steps an epoch, the probe says ${perEpoch}`);
  await chooseSpeed(page, read, 0);
  assert((await read()).lab_speed_steps === 1, 'the speed did not become 1 step a frame');
  await click(page, read, 'play');
  await waitForProbe(read, (q) => q.lab_playing && q.lab_step >= 3, { timeoutMs: 10_000, what: 'play at 1 step a frame' });
  const one = await mostStepsInAFrame(read, 1500);
  await chooseSpeed(page, read, 1);
  const ten = await mostStepsInAFrame(read, 1500);
  await chooseSpeed(page, read, 2);
  const fast = await mostStepsInAFrame(read, 1500);
  // (As fast as possible is capped only by the frame's time budget: how far past 10 it goes depends on the machine.)
  assert(one === 1 && ten > 1 && ten <= 10 && fast > 1, 'the speed does not set the steps a frame',
    [`most steps in a frame: ${one} at 1 a frame, ${ten} at 10 a frame, ${fast} as fast as possible`]);
  await click(page, read, 'play');
  p = await waitForProbe(read, (q) => !q.lab_playing, { timeoutMs: 5000, what: 'pause' });
  // Mid-epoch (S steps three mini-batches, four when three would end the epoch where play paused): the
  // button trains the rest of it and stops at the boundary.
  const presses = (p.lab_epoch_steps_done + 3) % perEpoch === 0 ? 4 : 3;
  for (let k = 0; k < presses; k++) await page.keyboard.press('s');
  p = await waitForProbe(read, (q) => q.lab_step === p.lab_step + presses, { timeoutMs: 5000, what: `S did not step ${presses} times` });
  assert(p.lab_epoch_steps_done > 0, `not mid-epoch after three steps (${p.lab_epoch_steps_done} of ${perEpoch} done)`);
  const epoch = p.lab_epoch;
  const before = p.lab_step;
  await click(page, read, 'step-epoch');
  p = await waitForProbe(read, (q) => q.lab_epoch_target < 0 && q.lab_epoch > epoch, { timeoutMs: 30_000, what: 'step one epoch did not finish' });
  assert(p.lab_epoch === epoch + 1 && p.lab_step === (epoch + 1) * perEpoch && p.lab_epoch_steps_done === 0 && !p.lab_playing,
    `after "step one epoch" from step ${before} (epoch ${epoch}): epoch ${p.lab_epoch}, step ${p.lab_step} (expected ${(epoch + 1) * perEpoch})`);
  await sleep(300);
  assert((await read()).lab_step === p.lab_step, 'training went on after the epoch');
  await page.keyboard.press('e');
  p = await waitForProbe(read, (q) => q.lab_epoch_target < 0 && q.lab_epoch === epoch + 2, { timeoutMs: 30_000, what: 'E did not step an epoch' });
  assert(p.lab_step === (epoch + 2) * perEpoch, `E trained to step ${p.lab_step}, not ${(epoch + 2) * perEpoch}`);
  await page.screenshot({ path: path.join(out, 'models-training-controls.png') });
  await context.close();
  return `most steps in a frame ${one} / ${ten} / ${fast}; step ${before} (epoch ${epoch}) -> ${(epoch + 1) * perEpoch} -> ${p.lab_step} (epoch ${p.lab_epoch})`;
}, { timeoutMs: 120_000 });

test('model builder: move a layer down and up again; the shapes follow at once', async () => {
  const { page, read, context } = await openLab('data=digits&layers=conv+8+3x3+same,maxpool+2&opt=adam&lr=0.003&batch=32&seed=2');
  let p = await waitLoaded(read);
  const layers = p.lab_layers.split(', ');
  const shapes = p.lab_shapes.split('|');
  assert(layers.length === 2 && layers[0].startsWith('conv 8 3x3') && shapes[0] === '(8, 8, 8)' && shapes[1] === '(8, 4, 4)',
    'the link did not set the stack', [p.lab_layers, p.lab_shapes]);
  await click(page, read, 'layer-down-1');
  p = await waitForProbe(read, (q) => q.lab_layers.startsWith('maxpool'), { timeoutMs: 5000, what: 'move down did nothing' });
  const moved = p.lab_shapes.split('|');
  assert(p.lab_layers === [layers[1], layers[0]].join(', ') && moved[0] === '(1, 4, 4)' && moved[1] === '(8, 4, 4)' &&
    p.lab_error === '', 'move down gave the wrong stack or shapes', [p.lab_layers, p.lab_shapes, p.lab_error]);
  await page.screenshot({ path: path.join(out, 'models-moved-layer.png') });
  await click(page, read, 'layer-up-2');
  p = await waitForProbe(read, (q) => q.lab_layers.startsWith('conv'), { timeoutMs: 5000, what: 'move up did nothing' });
  assert(p.lab_layers === layers.join(', ') && p.lab_shapes.split('|')[0] === '(8, 8, 8)', 'move up did not restore the order',
    [p.lab_layers, p.lab_shapes]);
  await context.close();
  return `shapes ${shapes.slice(0, 2).join(' ')} -> ${moved.slice(0, 2).join(' ')} -> back`;
}, { timeoutMs: 60_000 });

test('Draw tab: strokes drawn with the mouse change the prediction; a "1" on a trained digits MLP; a real example predicts as in the inspector', async () => {
  const { page, read, context } = await openLab(DIGITS);
  await waitLoaded(read);
  await click(page, read, 'preset-MLP');
  let p = await playUntil(page, read, (q) => q.lab_epoch >= 4, 'four epochs of the MLP', 60_000);
  await click(page, read, 'play');
  await click(page, read, 'tab-draw');
  p = await waitForProbe(read, (q) => q.draw_width === 8 && q.widgets?.['draw-canvas'], { timeoutMs: 5000, what: 'the Draw tab did not open for digits' });
  assert(p.draw_ink === 0 && Math.abs(p.draw_probability_sum - 1) < 1e-3, 'a blank canvas should predict (probabilities sum to 1)',
    [`ink ${p.draw_ink}, sum ${p.draw_probability_sum}`]);
  const blank = p;
  const canvas = widgetRect(p, 'draw-canvas');
  // A "1": one vertical stroke down the middle, top to bottom.
  const xs = canvas.x + canvas.w * 0.5;
  const stroke = [];
  for (let t = 0.12; t <= 0.88; t += 0.08) stroke.push([xs, canvas.y + canvas.h * t]);
  await drawStroke(page, read, stroke);
  p = await read();
  const one = parseTop3(p.draw_top3);
  assert(p.draw_predictions > blank.draw_predictions + 3, `the prediction did not update while drawing (${blank.draw_predictions} -> ${p.draw_predictions} predictions)`);
  assert(p.draw_ink > 2 && p.draw_top3 !== blank.draw_top3, 'the stroke did not change the input or the prediction', [blank.draw_top3, p.draw_top3]);
  assert(Math.abs(p.draw_probability_sum - 1) < 1e-3 && one.length === 3 && one[0].p >= one[1].p && one[1].p >= one[2].p,
    'the top-3 is not a sorted probability distribution', [p.draw_top3, `sum ${p.draw_probability_sum}`]);
  await page.screenshot({ path: path.join(out, 'models-draw-one.png') });
  const preview = widgetRect(p, 'draw-preview');
  const previewFile = path.join(out, 'models-draw-preview.png');
  await page.screenshot({ path: previewFile, clip: clipRect(preview, VIEWPORT.width, VIEWPORT.height, 1) });
  const stats = imageStats(previewFile);
  assert(stats.colours >= 3 && stats.stddev > 0.05, 'the preview of the input is blank', [`see ${previewFile}`, JSON.stringify(stats)]);
  // A real test example, loaded onto the canvas, is exactly that example: the same prediction as the inspector's.
  await click(page, read, 'draw-from-example');
  p = await waitForProbe(read, (q) => q.draw_predictions > 0 && q.lab_predicted >= 0, { timeoutMs: 5000, what: 'no prediction' });
  const fromExample = parseTop3(p.draw_top3);
  assert(fromExample[0].k === p.lab_predicted, `the loaded example predicts ${fromExample[0].k}, the inspector ${p.lab_predicted}`);
  await page.screenshot({ path: path.join(out, 'models-draw-example.png') });
  await click(page, read, 'draw-clear');
  p = await read();
  assert(p.draw_ink === 0, `Clear left ink ${p.draw_ink}`);
  await context.close();
  return `"1" stroke: top-3 ${one.map((e) => `${e.k} ${(100 * e.p).toFixed(0)}%`).join(', ')}; ${p.draw_predictions} predictions`;
}, { timeoutMs: 120_000 });

test('Draw tab on Fashion-MNIST draws at 28x28; sequence data is told the tab is for images', async () => {
  const { page, read, context } = await openLab(CNN);
  await waitLoaded(read);
  await click(page, read, 'tab-draw');
  let p = await waitForProbe(read, (q) => q.draw_width === 28, { timeoutMs: 10_000, what: 'the Draw tab did not fit Fashion-MNIST' });
  const canvas = widgetRect(p, 'draw-canvas');
  const before = p.draw_predictions;
  // A T-shirt-like outline: shoulders, then down both sides.
  const pts = [[0.2, 0.25], [0.8, 0.25], [0.7, 0.5], [0.7, 0.85], [0.3, 0.85], [0.3, 0.5], [0.2, 0.25]];
  await drawStroke(page, read, pts.map(([u, v]) => [canvas.x + canvas.w * u, canvas.y + canvas.h * v]));
  p = await read();
  assert(p.draw_predictions > before && p.draw_ink > 10 && Math.abs(p.draw_probability_sum - 1) < 1e-3,
    'drawing on the Fashion-MNIST canvas did not update the prediction', [p.draw_top3, `ink ${p.draw_ink}`]);
  const fashionTop3 = p.draw_top3;
  await page.screenshot({ path: path.join(out, 'models-draw-fashion.png') });
  await context.close();
  const lstm = await openLab(LSTM);
  await waitLoaded(lstm.read);
  await click(lstm.page, lstm.read, 'tab-draw');
  p = await waitForProbe(lstm.read, (q) => q.widgets?.['draw-unsupported'], { timeoutMs: 5000, what: 'no message for sequence data' });
  assert(p.draw_width === 0, 'the pad claims to draw sequences');
  await lstm.context.close();
  return `Fashion-MNIST outline (untrained CNN): top-3 ${fashionTop3}; sequences: the message`;
}, { timeoutMs: 120_000 });

test('Draw tab on a CSV of 8x8 pixel columns: the drawing is standardised per column as the rows were; a vertical bar reads as one', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-pixels-'));
  const header = [...Array.from({ length: 64 }, (_, i) => `p${i}`), 'shape'].join(',');
  const rows = [header];
  for (let i = 0; i < 600; i++) {  // 8-bit pixels: a vertical bar (class 'vertical') or a horizontal one, at places 1..6
    const vertical = i % 2 === 0, at = 1 + ((i * 7) >> 1) % 6, ink = 180 + (i * 13) % 76;
    const px = Array.from({ length: 64 }, (_, k) => ((vertical ? k % 8 : k >> 3) === at ? ink : (i * 31 + k * 17) % 23));
    rows.push([...px, vertical ? 'vertical' : 'horizontal'].join(','));
  }
  const file = path.join(tmp, 'bars.csv');
  fs.writeFileSync(file, rows.join('\n') + '\n');
  const { page, read, context } = await openLab(DIGITS);
  await waitLoaded(read);
  const chooser = page.waitForEvent('filechooser', { timeout: 10_000 });
  await click(page, read, 'open-csv');
  await (await chooser).setFiles(file);
  await waitForProbe(read, (q) => q.lab_dataset.endsWith('bars.csv') && q.lab_load === 'ready', { timeoutMs: 20_000, what: 'the CSV did not load' });
  let p = await playUntil(page, read, (q) => q.lab_epoch >= 3, 'three epochs on the bars', 60_000);
  await click(page, read, 'play');
  await click(page, read, 'tab-draw');
  p = await waitForProbe(read, (q) => q.draw_width === 8, { timeoutMs: 10_000, what: 'the Draw tab did not take the 64 pixel columns as 8x8' });
  const canvas = widgetRect(p, 'draw-canvas');
  const x = canvas.x + canvas.w * (4.5 / 8);  // down the middle of column 4
  const stroke = [];
  for (let t = 0.03; t <= 0.97; t += 0.094) stroke.push([x, canvas.y + canvas.h * t]);
  await drawStroke(page, read, stroke);
  p = await read();
  const top = parseTop3(p.draw_top3);
  // Classes in order of first appearance: 0 'vertical', 1 'horizontal'.
  assert(top[0].k === 0 && top[0].p > 0.8, `a drawn vertical bar reads as class ${top[0].k} (${(100 * top[0].p).toFixed(0)}%), not 'vertical'`,
    [p.draw_top3, `test accuracy ${p.lab_test_accuracy}`]);
  await page.screenshot({ path: path.join(out, 'models-draw-csv.png') });
  // A real row loaded onto the canvas comes back through the per-column scaling as the same row: the same class.
  await click(page, read, 'draw-from-example');
  const fromRow = await waitForProbe(read, (q) => q.lab_predicted >= 0 && q.draw_predictions > p.draw_predictions,
    { timeoutMs: 5000, what: 'loading a test row changed nothing' });
  assert(parseTop3(fromRow.draw_top3)[0].k === fromRow.lab_predicted, 'a test row drawn on the canvas is not predicted as in the inspector',
    [fromRow.draw_top3, `inspector: ${fromRow.lab_predicted}`]);
  await context.close();
  fs.rmSync(tmp, { recursive: true, force: true });
  return `vertical ${(100 * top[0].p).toFixed(1)}% (test accuracy ${(100 * p.lab_test_accuracy).toFixed(0)}%)`;
}, { timeoutMs: 120_000 });

test('touch screens get finger-sized hit targets (44 CSS px), and a tap works', async () => {
  // Two rows in the builder (the conv carries its relu), so the first can move down.
  const twoRows = DIGITS.replace('relu', 'relu,maxpool+2');
  const mouse = await openLab(twoRows);
  const m = await waitLoaded(mouse.read);
  await mouse.context.close();
  const ctx = await browser.newContext({ viewport: VIEWPORT, hasTouch: true, isMobile: true, deviceScaleFactor: 1 });
  const { page, read, context } = await openLab(twoRows, ctx);
  let p = await waitLoaded(read);
  p = await waitForProbe(read, (q) => q.touch === true, { timeoutMs: 5000, what: 'the page did not notice the touch screen' });
  const heights = ['step', 'step-epoch', 'layer-down-1', 'layer-remove-1', 'lab-speed', 'preset-MLP'].map((n) => [n, widgetRect(p, n).h]);
  assert(m.touch === false && m.frame_height < 30, `a mouse page should keep small frames (${m.frame_height})`);
  assert(p.frame_height >= 44, `frame height ${p.frame_height} on a touch screen (needs 44)`);
  for (const [n, h] of heights) assert(h >= 44, `${n} is ${h} px tall on a touch screen (needs 44)`);
  await page.screenshot({ path: path.join(out, 'models-touch.png') });
  const rect = widgetRect(p, 'layer-down-1');
  await page.touchscreen.tap(rect.cx, rect.cy);
  p = await waitForProbe(read, (q) => q.lab_layers !== m.lab_layers, { timeoutMs: 5000, what: 'tapping move-down did nothing' }).catch(async () => {
    await page.touchscreen.tap(rect.cx, rect.cy);  // the first tap can go to focusing the canvas
    return waitForProbe(read, (q) => q.lab_layers !== m.lab_layers, { timeoutMs: 5000, what: 'tapping move-down did nothing' });
  });
  await context.close();
  return `frame height ${m.frame_height} -> ${p.frame_height}; ${heights.map(([n, h]) => `${n} ${h}`).join(', ')}`;
}, { timeoutMs: 90_000 });
// ---- end of h7b's block ----

// ---- The inspectors' live views: feature-map gradients, receptive windows, the Layers tab, generated words.

// Scrolls the panel of tab `over` (the mouse on its body, below the tab) until widget `name` is fully inside
// the viewport; returns its rect.
async function scrollIntoView(page, read, over, name) {
  for (let i = 0; i < 40; i++) {
    const p = await read();
    const r = p.widgets?.[name];
    if (r && r[1] >= 40 && r[1] + r[3] <= VIEWPORT.height - 10) return widgetRect(p, name);
    const o = widgetRect(p, over);
    await page.mouse.move(o.x + 20, Math.round(VIEWPORT.height * 0.6));
    await page.mouse.wheel(0, !r || r[1] > VIEWPORT.height / 2 ? 120 : -120);
    const frame = p.frame;
    await waitForProbe(read, (q) => q.frame >= frame + 3, { timeoutMs: 5000, intervalMs: 20, what: 'no frames while scrolling' });
  }
  throw new TestFailure(`could not scroll ${name} into view`);
}

async function clickAt(page, read, x, y) {
  await clickAcrossFrames(read, 2, {
    move: () => page.mouse.move(x, y), down: () => page.mouse.down(), up: () => page.mouse.up(),
    away: () => page.mouse.move(VIEWPORT.width - 1, VIEWPORT.height - 1),
  });
}

// Frames the app drew per second (its own counter) over `ms`, and requestAnimationFrame's rate.
async function appFps(page, read, ms) {
  const a = await read();
  const t0 = Date.now();
  const raf = await framesPerSecond(page, ms);
  const b = await read();
  return { app: ((b.frame - a.frame) * 1000) / (Date.now() - t0), raf };
}

const finite = (xs) => Array.isArray(xs) && xs.length > 0 && xs.every((x) => Number.isFinite(x) && x >= 0);

test('CNN inspectors: gradients of every feature map, the input window of a cell of any layer, the Layers tab', async () => {
  const { page, read, context } = await openLab(CNN);
  let p = await waitLoaded(read);
  assert(p.lab_load === 'ready', `the data did not load: ${p.lab_error}`);
  p = await playUntil(page, read, (q) => q.lab_step >= 30, '30 training steps', 90_000);
  await click(page, read, 'tab-feature-maps');
  p = await waitForProbe(read, (q) => q.lab_map_grad_means.length === q.lab_map_layers && q.lab_map_layers >= 6,
    { timeoutMs: 10_000, what: 'gradient pictures for every map layer' });
  assert(finite(p.lab_map_grad_means) && p.lab_map_grad_means.every((g) => g > 0),
    'a feature map\'s gradient is zero or not finite', [JSON.stringify(p.lab_map_grad_means)]);
  const fpsMaps = await appFps(page, read, 3000);
  const stats = await shootTab(page, read, 'tab-feature-maps', 'models-cnn-map-gradients.png');
  assert(stats.warm > 0.002 && stats.cool > 0.002, 'the gradient pictures show no orange and blue (diverging colours)',
    [`warm ${stats.warm.toFixed(4)}, cool ${stats.cool.toFixed(4)}`]);
  // The gradients follow the weights: later, the same example's gradients differ.
  const first = p.lab_map_grad_means;
  p = await waitForProbe(read, (q) => q.lab_step >= p.lab_step + 5 && q.lab_map_grad_means.some((g, i) => g !== first[i]),
    { timeoutMs: 90_000, what: 'the feature-map gradients did not change as training went on' });
  await click(page, read, 'play');  // pause: the layout holds still for the clicks
  await waitForProbe(read, (q) => !q.lab_playing, { timeoutMs: 5000, what: 'pause' });

  // A cell of the first conv layer reads a 3x3 window; one of the second conv layer (after a 2x2 pool) 8x8.
  let r = await scrollIntoView(page, read, 'tab-feature-maps', 'map-0');
  await clickAt(page, read, r.x + r.w * 0.5, r.y + r.h * 0.5);
  p = await waitForProbe(read, (q) => q.lab_cell_layer === 0 && q.lab_window.length === 4,
    { timeoutMs: 5000, what: 'a click on the first layer\'s map did not pick a cell' });
  const small = p.lab_window;
  assert(small[2] === 3 && small[3] === 3, `the first conv cell's window is ${small[2]}x${small[3]}, not 3x3`);
  r = await scrollIntoView(page, read, 'tab-feature-maps', 'map-3');
  await clickAt(page, read, r.x + r.w * 0.5, r.y + r.h * 0.5);
  p = await waitForProbe(read, (q) => q.lab_cell_layer === 3, { timeoutMs: 5000, what: 'a click on the second conv layer\'s map' });
  const big = p.lab_window;
  assert(big[2] === 8 && big[3] === 8 && big[2] * big[3] > small[2] * small[3],
    `the second conv cell's window is ${big[2]}x${big[3]} (expected 8x8, larger than the first layer's)`);
  r = await scrollIntoView(page, read, 'tab-feature-maps', 'inspect-input');
  assert(p.widgets['input-window'], 'the window is not outlined on the input');
  const tabs = widgetRect(await read(), 'tab-layers');
  assert(tabs.y > 40, 'the tab bar scrolled out of view with the feature maps');
  await page.screenshot({ path: path.join(out, 'models-cnn-receptive-window.png') });

  // Layers: gradient norms over time per trainable layer, histograms, dead ReLUs.
  await click(page, read, 'play');
  p = await waitForProbe(read, (q) => q.lab_history_points >= 5, { timeoutMs: 30_000, what: '5 samples in the layer history' });
  const fpsLayers = await appFps(page, read, 3000);
  await shootTab(page, read, 'tab-layers', 'models-cnn-layers.png');
  p = await read();
  assert(p.lab_layer_grad_norms.length === 3 && finite(p.lab_layer_grad_norms),
    'expected a finite gradient norm for conv 1, conv 2 and the dense layer', [JSON.stringify(p.lab_layer_grad_norms)]);
  assert(p.lab_layer_positive_norms.every((n) => n > 1), 'a layer\'s gradient-norm plot has fewer than 2 positive points',
    [JSON.stringify(p.lab_layer_positive_norms)]);
  assert(p.lab_histogram_missing.every((m) => m === 0), 'the weight histograms do not count every weight once',
    [JSON.stringify(p.lab_histogram_missing)]);
  assert(p.lab_dead_relu.length === 2 && p.lab_dead_relu.every((d) => d >= 0 && d <= 1),
    'dead-ReLU shares missing or outside [0, 1]', [JSON.stringify(p.lab_dead_relu)]);
  const plot = widgetRect(p, 'layer-grad-norms');
  await page.mouse.move(plot.x + plot.w * 0.7, plot.cy);
  await new Promise((res) => setTimeout(res, 300));
  await page.screenshot({ path: path.join(out, 'models-cnn-layers-hover.png') });
  await context.close();
  const minFps = Math.min(fpsMaps.raf, fpsLayers.raf);
  if (minFps < 30) {
    throw new TestFailure(`only ${minFps.toFixed(1)} fps while the CNN trains with the new views open (needs 30)`,
      [`feature maps ${fpsMaps.raf.toFixed(1)}, layers ${fpsLayers.raf.toFixed(1)}; load ${os.loadavg()[0].toFixed(1)}`]);
  }
  return `fps with feature maps ${fpsMaps.raf.toFixed(1)} (app ${fpsMaps.app.toFixed(1)}), with layers ` +
    `${fpsLayers.raf.toFixed(1)} (app ${fpsLayers.app.toFixed(1)}); views refresh ${p.lab_views_ms.toFixed(1)} ms; ` +
    `windows ${small[2]}x${small[3]} -> ${big[2]}x${big[3]}; dead ReLUs ${p.lab_dead_relu.map((d) => d.toFixed(2))}`;
}, { timeoutMs: 240_000 });

test('the word model writes words in the gates tab: letters only, the prompt first, new ones on Regenerate', async () => {
  const { page, read, context } = await openLab('data=words&layers=lstm+64+sequences&opt=adam&lr=0.005&batch=32&clip=5&seed=1');
  let p = await waitLoaded(read);
  assert(p.lab_load === 'ready', `the words did not load: ${p.lab_error}`);
  await playUntil(page, read, (q) => q.lab_step >= 60, '60 steps on the words', 90_000);
  await click(page, read, 'tab-gates');
  p = await waitForProbe(read, (q) => q.lab_text_available && q.lab_words.length > 0,
    { timeoutMs: 10_000, what: 'no generated words in the gates tab' });
  const words = p.lab_words.split(' ');
  assert(words.length === 8 && words.every((w) => /^[a-z]*$/.test(w)) && words.some((w) => w.length > 0),
    'the words are not 8 words of the vocabulary (a-z)', [p.lab_words]);
  const step = p.lab_text_step;
  p = await waitForProbe(read, (q) => q.lab_text_step > step, { timeoutMs: 10_000, what: 'the words did not follow training' });
  await click(page, read, 'play');
  await click(page, read, 'text-prompt');
  await page.keyboard.type('Ca7t');  // the digit is refused, the capital lowered
  p = await waitForProbe(read, (q) => q.lab_text_prompt === 'cat' && q.lab_words.split(' ').every((w) => w.startsWith('cat')),
    { timeoutMs: 10_000, what: 'the prompt did not start every word' });
  const before = p.lab_words;
  await click(page, read, 'text-regenerate');
  p = await waitForProbe(read, (q) => q.lab_words !== before, { timeoutMs: 10_000, what: 'Regenerate drew the same words' });
  await shootTab(page, read, 'tab-gates', 'models-words-text.png');
  await context.close();
  return `"${before}" -> "${p.lab_words}"`;
}, { timeoutMs: 180_000 });

const { failed } = await run({ setup, teardown });
process.exit(failed ? 1 : 0);
