// Browser tests: serve the wasm build in-process, drive Debian's chromium (playwright-core), check probe, fps, pixels.
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../server.mjs';
import {
  test, run, assert, TestFailure, parseOptions, waitForProbe, widgetRect, clipRect,
  checkPlayMakesLossFall, checkHeatmapImages, clickAcrossFrames, CHROMIUM_ARGS, probeReader, framesPerSecond,
} from './harness.mjs';

const USAGE = 'node web/tests/run_browser_tests.mjs --root build/wasm/web --out build/screenshots';
const opts = parseOptions(process.argv.slice(2), ['root', 'out'], USAGE);
const root = path.resolve(opts.root);
const out = path.resolve(opts.out);
const VIEWPORT = { width: 1280, height: 720 };

let server, base, browser, page;
let ready = false; // set once the app has rendered 10 frames; later tests need it
const consoleErrors = [];
const cleanups = [];

// GET/HEAD with the path sent exactly as given (http.request does not normalise it).
function rawRequest(port, rawPath, method = 'GET') {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, method, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error(`no answer to ${method} ${rawPath} within 10 s`)));
    req.end();
  });
}

// The probe JSON from the page, or null while the runtime is not ready.
const readProbe = () => probeReader(page)();

// The fraction of pixels that differ (by more than 24 in any channel) between two same-sized images.
function changedFraction(fileA, fileB) {
  const decode = (f) => {
    const ppm = execFileSync('convert', [f, '-alpha', 'off', '-depth', '8', 'ppm:-'], { maxBuffer: 1 << 28 });
    const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.toString('latin1', 0, 64));
    return ppm.subarray(header[0].length);
  };
  const a = decode(fileA), b = decode(fileB);
  let changed = 0;
  for (let i = 0; i < a.length; i += 3)
    if (Math.abs(a[i] - b[i]) > 24 || Math.abs(a[i + 1] - b[i + 1]) > 24 || Math.abs(a[i + 2] - b[i + 2]) > 24) changed++;
  return changed / (a.length / 3);
}

// The text of the shell's error overlay if it is showing, else null.
function overlayText() {
  return page.evaluate(() => {
    const el = document.getElementById('error');
    return el && !el.hidden ? el.textContent.replace(/\s+/g, ' ').trim() : null;
  });
}

function needReady() {
  assert(ready, 'the app never became ready (see the first test)');
}

async function setup() {
  fs.mkdirSync(out, { recursive: true });
  server = await startServer({ root, port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    timeout: 60_000,
    args: CHROMIUM_ARGS,
  });
  const context = await browser.newContext({ viewport: VIEWPORT });
  page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => consoleErrors.push(`page error: ${err.message}`));
  page.on('crash', () => consoleErrors.push('the page crashed'));
}

async function teardown() {
  for (const fn of [...cleanups.reverse(), () => browser?.close(), () => server && closeServer(server)]) {
    await Promise.resolve().then(fn).catch(() => {});
  }
}

function closeServer(s) {
  return new Promise((resolve) => { s.close(resolve); s.closeAllConnections(); });
}

test('page loads without console errors', async () => {
  const res = await page.goto(`${base}/`, { waitUntil: 'load', timeout: 30_000 });
  assert(res?.ok(), `GET / answered ${res?.status()}`);
  const readOrAbort = async () => { // stop waiting as soon as the page shows its error overlay
    const probe = await readProbe();
    const overlay = probe ? null : await overlayText();
    if (overlay) throw new TestFailure('the error overlay appeared before the app started', [overlay]);
    return probe;
  };
  try {
    await waitForProbe(readOrAbort, (p) => p.frame >= 10,
      { timeoutMs: 60_000, what: 'probe never reported frame >= 10' });
  } catch (err) {
    err.details = [...(err.details ?? []), ...consoleErrors.slice(0, 10)];
    throw err;
  }
  ready = true;
  assert(consoleErrors.length === 0, `${consoleErrors.length} console error(s) while loading`, consoleErrors.slice(0, 10));
  assert(await page.evaluate(() => crossOriginIsolated) === true, 'the page is not crossOriginIsolated');
  const overlay = await overlayText();
  assert(overlay === null, 'the error overlay is showing', [overlay]);
  const probe = await readProbe();
  assert(!probe.error, `the app reports an error: ${probe.error}`);
  return `frame ${probe.frame}`;
});

test('server sends COOP/COEP and wasm MIME', async () => {
  const port = server.address().port;
  const wasmFiles = fs.readdirSync(root).filter((f) => f.endsWith('.wasm'));
  assert(wasmFiles.length > 0, `no .wasm file in ${root}`);
  const wasm = wasmFiles.includes('index.wasm') ? 'index.wasm' : wasmFiles[0];
  const expected = {
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-embedder-policy': 'require-corp',
    'cross-origin-resource-policy': 'same-origin',
    'x-content-type-options': 'nosniff',
  };
  for (const [p, type] of [['/', 'text/html'], [`/${wasm}`, 'application/wasm']]) {
    const res = await rawRequest(port, p, 'HEAD');
    assert(res.status === 200, `HEAD ${p} answered ${res.status}`);
    for (const [name, value] of Object.entries(expected)) {
      assert(res.headers[name] === value, `${p}: ${name} is '${res.headers[name]}', expected '${value}'`);
    }
    assert(res.headers['content-type']?.startsWith(type), `${p}: content-type is '${res.headers['content-type']}', expected ${type}`);
  }
  return wasm;
});

test('server refuses paths outside its root', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-root-'));
  cleanups.push(() => fs.rmSync(tmp, { recursive: true, force: true }));
  fs.writeFileSync(path.join(tmp, 'index.html'), '<!doctype html><title>t</title>');
  fs.symlinkSync('/etc', path.join(tmp, 'out'));
  const second = await startServer({ root: tmp, port: 0, host: '127.0.0.1' });
  cleanups.push(() => closeServer(second));
  const attempts = [
    [server, '/../../etc/passwd'], [server, '/%2e%2e/%2e%2e/etc/passwd'], [server, '/..%2f..%2fetc%2fpasswd'],
    [server, '/%252e%252e/etc/passwd'], [server, '/..\\..\\etc\\passwd'], [server, '/%2E%2E/%2E%2E/etc/passwd'],
    [server, '/index.html%00'], [second, '/out/passwd'], [second, '/out/../out/passwd'],
  ];
  for (const [s, p] of attempts) {
    const res = await rawRequest(s.address().port, p);
    assert([403, 404].includes(res.status), `GET ${p} answered ${res.status} (expected 403 or 404)`);
    assert(!res.body.toString().includes('root:'), `GET ${p} leaked /etc/passwd`);
  }
  return `${attempts.length} paths refused`;
});

// Clicks a named widget the way a person does: move, press, release, move away, a frame or two apart.
async function clickWidget(name) {
  const rect = widgetRect(await readProbe(), name);
  await clickAcrossFrames(readProbe, 2, {
    move: () => page.mouse.move(rect.cx, rect.cy),
    down: () => page.mouse.down(),
    up: () => page.mouse.up(),
    away: () => page.mouse.move(VIEWPORT.width - 1, VIEWPORT.height - 1), // no tooltip in the screenshots
  });
}

test('pressing play makes the test loss fall', async () => {
  needReady();
  return checkPlayMakesLossFall(readProbe, () => clickWidget('play'));
}, { timeoutMs: 60_000 });

test('renders at 30 fps or more while training', async () => {
  needReady();
  const before = await readProbe();
  assert(before?.playing, 'the app is not playing (see the play test)');
  const fps = await framesPerSecond(page, 3000);
  const after = await readProbe();
  const appFps = (after.frame - before.frame) / 3;
  // Without a GPU the app may draw every other frame (see FramePacer): what the learner sees must
  // still move at 15 pictures a second or more while the page keeps 30 frames a second.
  const drawnFps = (after.drawn_frames - before.drawn_frames) / 3;
  assert(drawnFps >= 15, `the canvas was redrawn only ${drawnFps.toFixed(1)} times a second (needs 15)`);
  assert(after.epoch > before.epoch, 'training did not advance while the frame rate was measured');
  if (fps < 30) { // tell a slow app from a busy machine: how fast does an empty page animate right now?
    const blank = await page.context().newPage();
    const blankFps = await framesPerSecond(blank, 1500).finally(() => blank.close());
    throw new TestFailure(`only ${fps.toFixed(1)} fps (needs 30)`, [
      `the app rendered about ${appFps.toFixed(1)} frames/s`,
      `an empty page animates at ${blankFps.toFixed(1)} fps here now; load average ${os.loadavg()[0].toFixed(1)} ` +
      `on ${os.cpus().length} cores`]);
  }
  return `${fps.toFixed(1)} fps (app frames ~${appFps.toFixed(1)}/s, canvas redrawn ~${drawnFps.toFixed(1)}/s)`;
});

test('screenshot shows the heatmap', async () => {
  needReady();
  const probe = await readProbe();
  const clip = clipRect(widgetRect(probe, 'heatmap'), VIEWPORT.width, VIEWPORT.height);
  const full = path.join(out, 'browser.png');
  const heat = path.join(out, 'browser-heatmap.png');
  await page.screenshot({ path: full });
  await page.screenshot({ path: heat, clip });
  return checkHeatmapImages(full, heat);
});

test('the spiral recipe learns the spiral in the browser (95% test accuracy)', async () => {
  needReady();
  if ((await readProbe()).playing) await clickWidget('play');  // pause what the earlier tests started
  await clickWidget('recipe-spiral');
  let probe = await readProbe();
  assert(probe.dataset === 'spiral' && probe.hidden === '16,16,16' && probe.epoch === 0, 'the recipe did not load',
    [JSON.stringify({ dataset: probe.dataset, hidden: probe.hidden, epoch: probe.epoch })]);
  await clickWidget('play');
  probe = await waitForProbe(readProbe, (p) => p.test_accuracy >= 0.95,
    { timeoutMs: 90_000, what: 'test accuracy of 95% on the spiral' });
  await page.screenshot({ path: path.join(out, 'browser-spiral.png') });
  return `${(100 * probe.test_accuracy).toFixed(1)}% at epoch ${probe.epoch}`;
}, { timeoutMs: 120_000 });

// The layer table pops up over the network (the same rows as `layerlab info`); Escape closes it.
test('the Summary button opens the model summary over the network panel', async () => {
  needReady();
  if ((await readProbe()).playing) await clickWidget('play');  // a still picture to compare
  const button = widgetRect(await readProbe(), 'model-summary');
  const clip = clipRect({ x: button.x, y: button.y + button.h, w: 420, h: 220 }, VIEWPORT.width, VIEWPORT.height, 0);
  const before = path.join(out, 'browser-summary-before.png'), after = path.join(out, 'browser-summary.png');
  await page.screenshot({ path: before, clip });
  await clickWidget('model-summary');
  await waitForProbe(readProbe, (p) => p.drawn_frames > 0, { timeoutMs: 2000, what: 'a frame' });
  await new Promise((r) => setTimeout(r, 300));
  await page.screenshot({ path: after, clip });
  await page.screenshot({ path: path.join(out, 'browser-summary-full.png') });
  const changed = changedFraction(before, after);
  await page.keyboard.press('Escape');
  assert(changed > 0.2, `only ${(100 * changed).toFixed(1)}% of the area under the button changed: no popup`);
  return `${(100 * changed).toFixed(0)}% of the area below the button covered by the table`;
});

const { failed } = await run({ setup, teardown });
process.exit(failed ? 1 : 0);
