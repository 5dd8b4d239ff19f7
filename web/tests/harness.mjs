// Tiny test harness shared by the node test runners: test()/run(), probe polling, argument parsing, image checks.
import { execFileSync } from 'node:child_process';

const tests = [];

// Registers a test; fn may return a short note that is printed in its ok line (e.g. "58.2 fps").
export function test(name, fn, { timeoutMs = 120_000 } = {}) {
  tests.push({ name, fn, timeoutMs });
}

// A failure with extra detail lines (printed indented under the FAIL line).
export class TestFailure extends Error {
  constructor(message, details = []) {
    super(message);
    this.details = details;
  }
}

export function assert(condition, message, details = []) {
  if (!condition) throw new TestFailure(message, details);
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function withTimeout(promise, ms, name) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new TestFailure(`'${name}' did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// Runs setup, the registered tests in order, then teardown (always, also on Ctrl-C); prints one line per
// test and the summary line; returns {passed, failed}. If setup fails, every test is reported as failed.
export async function run({ setup = async () => {}, teardown = async () => {} } = {}) {
  let passed = 0;
  let failed = 0;
  const interrupted = async (signal) => {
    console.log(`lab: interrupted by ${signal}: stopping what the tests started`);
    await teardown().catch(() => {});
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    let setupError = null;
    try { await setup(); } catch (err) { setupError = err; report('setup', err); }
    // LAYERLAB_TEST_ONLY=TEXT runs only the tests whose name contains TEXT (while developing one).
    const only = process.env.LAYERLAB_TEST_ONLY;
    for (const t of tests.filter((x) => !only || x.name.includes(only))) {
      if (setupError) {
        failed++;
        console.log(`FAIL ${t.name}: not run (setup failed)`);
        continue;
      }
      const start = Date.now();
      try {
        const note = await withTimeout(Promise.resolve().then(t.fn), t.timeoutMs, t.name);
        console.log(`ok   ${t.name} (${Date.now() - start} ms${note ? `, ${note}` : ''})`);
        passed++;
      } catch (err) {
        failed++;
        report(t.name, err);
      }
    }
  } finally {
    await teardown().catch((err) => console.log(`lab: cleaning up failed: ${err.message}`));
  }
  console.log(`${passed} passed, ${failed} failed`);
  return { passed, failed };
}

function report(name, err) {
  const [first, ...rest] = String(err?.message ?? err).split('\n');
  console.log(`FAIL ${name}: ${first}`);
  const details = [...rest, ...(err?.details ?? [])];
  if (!(err instanceof TestFailure) && err?.stack) details.push(...err.stack.split('\n').slice(1, 4));
  for (const line of details) if (String(line).trim()) console.log(`  ${String(line).trim()}`);
}

// Parses --name value / --name=value options; exits 2 with the usage line if a required one is missing.
export function parseOptions(argv, names, usage) {
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([^=]+)(?:=(.*))?$/s.exec(argv[i]);
    if (!m || !names.includes(m[1])) bail(`unknown argument '${argv[i]}'`, usage);
    opts[m[1]] = m[2] ?? argv[++i];
    if (opts[m[1]] === undefined) bail(`--${m[1]} needs a value`, usage);
  }
  for (const n of names) if (opts[n] === undefined) bail(`--${n} is required`, usage);
  return opts;
}

export function bail(message, usage) {
  console.error(`lab: ${message}${usage ? `\nusage: ${usage}` : ''}`);
  process.exit(2);
}

// Polls read() until predicate(probe) holds. read() returns the probe object or null (not ready yet),
// and may throw to abort (e.g. the app exited). On timeout fails with `what` and the last probe seen.
export async function waitForProbe(read, predicate, { timeoutMs, intervalMs = 250, what }) {
  const deadline = Date.now() + timeoutMs;
  let last = null;
  for (;;) {
    const probe = await read();
    if (probe) last = probe;
    if (probe && predicate(probe)) return probe;
    if (Date.now() >= deadline) {
      throw new TestFailure(`${what} within ${timeoutMs / 1000} s`,
        [`last probe: ${last ? JSON.stringify(last) : '(none: the app never answered)'}`]);
    }
    await sleep(intervalMs);
  }
}

// Waits until the app has rendered `n` more frames.
export async function waitFrames(read, n) {
  const start = (await read()).frame;
  await waitForProbe(read, (p) => p.frame >= start + n, { timeoutMs: 20_000, intervalMs: 20, what: `${n} more frames` });
}

// The [x, y, w, h] rectangle of a named widget from the probe, checked for shape.
export function widgetRect(probe, name) {
  const r = probe?.widgets?.[name];
  assert(Array.isArray(r) && r.length === 4 && r.every(Number.isFinite) && r[2] > 0 && r[3] > 0,
    `the probe has no usable widgets.${name} (expected [x, y, w, h])`,
    [`widgets: ${JSON.stringify(probe?.widgets ?? null)}`]);
  const [x, y, w, h] = r;
  return { x, y, w, h, cx: Math.round(x + w / 2), cy: Math.round(y + h / 2) };
}

// Clicks like a person: hover, press, release, move away, and lets the app render `frames` frames after
// each (ImGui 1.86 samples the mouse once a frame: a press and release in one frame can miss the button).
// On the desktop the probe file only updates every ~10 frames, so pass a larger `frames` there.
export async function clickAcrossFrames(read, frames, { move, down, up, away }) {
  for (const action of [move, down, up, away]) {
    await action();
    const start = (await read())?.frame ?? 0;
    await waitForProbe(read, (p) => p.frame >= start + frames,
      { timeoutMs: 10_000, intervalMs: 20, what: `the app did not render ${frames} more frames after a mouse action` });
  }
}

// Shared by the browser and desktop play tests. press(probe) clicks the play button; read() reads the probe.
// Clicks the widget the probe names `name` (press and release on separate frames), then parks the pointer in
// the viewport's bottom-right corner so no hover tooltip is left in a screenshot.
export async function clickWidget(page, read, name, viewport) {
  const rect = widgetRect(await read(), name);
  await clickAcrossFrames(read, 2, {
    move: () => page.mouse.move(rect.cx, rect.cy),
    down: () => page.mouse.down(),
    up: () => page.mouse.up(),
    away: () => page.mouse.move(viewport.width - 1, viewport.height - 1),
  });
}

export async function checkPlayMakesLossFall(read, press) {
  const before = await read();
  assert(before, 'no probe to start from (the app did not start)');
  assert(!before.playing, 'the app was already playing before the click (it must start paused)',
    [`probe: ${JSON.stringify(before)}`]);
  assert(Number.isFinite(before.test_loss), `test_loss is not a number before training: ${before.test_loss}`);
  await press(before);
  await waitForProbe(read, (p) => p.playing === true,
    { timeoutMs: 5000, what: 'probe never reported playing = true after clicking widgets.play' });
  const target = before.test_loss * 0.9;
  const after = await waitForProbe(read, (p) => p.epoch >= 5 && p.test_loss < target, {
    timeoutMs: 20_000,
    what: `test loss never fell below ${target.toFixed(4)} (0.9 x ${before.test_loss.toFixed(4)}) with epoch >= 5`,
  });
  assert(!after.error, `the app reports an error: ${after.error}`);
  return `test loss ${before.test_loss.toFixed(4)} -> ${after.test_loss.toFixed(4)} at epoch ${after.epoch}`;
}

// Decodes an image with ImageMagick into 8-bit RGB and measures it: size, std dev (0..1 over all channels),
// distinct colours, and the fractions of warm (r > b + 40) and cool (b > r + 40) pixels.
export function imageStats(file) {
  const ppm = execFileSync('convert', [file, '-alpha', 'off', '-depth', '8', 'ppm:-'], { maxBuffer: 1 << 28 });
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.toString('latin1', 0, 64));
  assert(header, `could not decode ${file} as an 8-bit image`);
  const [width, height] = [Number(header[1]), Number(header[2])];
  const px = ppm.subarray(header[0].length);
  const n = width * height;
  let sum = 0, sumSq = 0, warm = 0, cool = 0;
  const colours = new Set();
  for (let i = 0; i < n * 3; i += 3) {
    const r = px[i], g = px[i + 1], b = px[i + 2];
    sum += r + g + b;
    sumSq += r * r + g * g + b * b;
    if (r > b + 40) warm++;
    if (b > r + 40) cool++;
    colours.add((r << 16) | (g << 8) | b);
  }
  const mean = sum / (3 * n);
  const stddev = Math.sqrt(Math.max(0, sumSq / (3 * n) - mean * mean)) / 255;
  return { width, height, stddev, colours: colours.size, warm: warm / n, cool: cool / n };
}

// The screenshot checks shared by the browser and desktop runners; returns a note for the ok line.
export function checkHeatmapImages(fullFile, heatmapFile) {
  const full = imageStats(fullFile);
  assert(full.stddev > 0.05, `the screenshot looks blank (std dev ${full.stddev.toFixed(4)} <= 0.05)`,
    [`see ${fullFile}`]);
  const heat = imageStats(heatmapFile);
  const where = [`see ${heatmapFile}`, `heatmap stats: ${JSON.stringify(heat)}`];
  assert(heat.colours > 20, `the heatmap has only ${heat.colours} distinct colours (needs > 20)`, where);
  assert(heat.stddev > 0.05, `the heatmap looks flat (std dev ${heat.stddev.toFixed(4)} <= 0.05)`, where);
  assert(heat.warm > 0.005, 'the heatmap has (almost) no warm/orange pixels (r > b + 40)', where);
  assert(heat.cool > 0.005, 'the heatmap has (almost) no cool/blue pixels (b > r + 40)', where);
  return `heatmap ${heat.width}x${heat.height}: ${heat.colours} colours, ` +
    `${(100 * heat.warm).toFixed(0)}% warm, ${(100 * heat.cool).toFixed(0)}% cool`;
}

// A widget rectangle as whole pixels, inset by `inset` (to skip borders) and clamped to the screen.
export function clipRect(rect, screenW, screenH, inset = 2) {
  const x = Math.max(0, Math.ceil(rect.x + inset));
  const y = Math.max(0, Math.ceil(rect.y + inset));
  const width = Math.min(screenW, Math.floor(rect.x + rect.w - inset)) - x;
  const height = Math.min(screenH, Math.floor(rect.y + rect.h - inset)) - y;
  assert(width > 4 && height > 4, `the widget rectangle ${JSON.stringify(rect)} is (almost) off screen`);
  return { x, y, width, height };
}

// Debian's chromium, headless, with WebGPU (SwiftShader) and software WebGL: how every page test runs it.
export const CHROMIUM_ARGS = ['--no-sandbox', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--enable-unsafe-webgpu', '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader'];

// The static server (web/server.mjs) serving `root` on a free port and Debian's headless chromium, as the page test
// runners start them: { base, browser, close }; close() stops both.
export async function startServerAndChromium(root) {
  const { startServer } = await import('../server.mjs');
  const { chromium } = await import('playwright-core');
  const server = await startServer({ root, port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, timeout: 60_000, args: CHROMIUM_ARGS })
    .catch(async (err) => { server.close(); throw err; });
  const close = async () => {
    await browser.close().catch(() => {});
    await new Promise((resolve) => { server.close(resolve); server.closeAllConnections(); });
  };
  return { base: `http://127.0.0.1:${server.address().port}`, browser, close };
}

// A new page of `context` at `url` whose console errors and page errors go to `errors`, once the app drew 5 frames
// and its tutorials are loaded: { page, read } (read: the probe).
export async function openTutorialPage(context, url, errors) {
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
  const read = probeReader(page);
  await waitForProbe(read, (p) => p.frame >= 5 && p.tutorial, { timeoutMs: 60_000, what: 'the app did not start' });
  return { page, read };
}

// A function that reads the page's probe JSON: the object, or null while the runtime is not ready.
export function probeReader(page) {
  return async () => {
    const json = await page.evaluate(() => {
      try {
        if (typeof Module !== 'object' || !(Module.labReady || Module.calledRun)) return null;
        return typeof Module.ccall === 'function' ? Module.ccall('lab_probe', 'string', [], []) : null;
      } catch (e) {
        return null;
      }
    });
    if (!json) return null;
    try { return JSON.parse(json); } catch {
      throw new TestFailure(`lab_probe returned invalid JSON: ${json.slice(0, 200)}`);
    }
  };
}

// Counts requestAnimationFrame callbacks in the page over `ms` milliseconds.
export function framesPerSecond(target, ms) {
  return target.evaluate((ms) => new Promise((resolve) => {
    let frames = 0;
    const t0 = performance.now();
    const tick = (t) => {
      if (t - t0 >= ms) return resolve((frames * 1000) / (t - t0));
      frames++;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }), ms);
}
