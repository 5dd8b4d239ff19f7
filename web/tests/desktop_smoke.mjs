// Desktop smoke test: run the native app under Xvfb, read its probe file, click play with xdotool, check pixels.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  test, run, assert, TestFailure, parseOptions, waitForProbe, widgetRect, clipRect,
  checkPlayMakesLossFall, checkHeatmapImages, clickAcrossFrames, sleep, imageStats,
} from './harness.mjs';

const USAGE = 'node web/tests/desktop_smoke.mjs --app build/native/ui/layerlab-desktop --out build/screenshots';
const opts = parseOptions(process.argv.slice(2), ['app', 'out'], USAGE);
const appPath = path.resolve(opts.app);
const out = path.resolve(opts.out);
const SCREEN = { width: 1280, height: 720 };

let xvfb, app, display, tmp, probeFile;
let ready = false;
const appOutput = []; // the app's last lines of stdout + stderr

function lastLines(lines, n = 15) {
  return lines.slice(-n).map((l) => `app: ${l}`);
}

// Spawns a child and keeps its last output lines; `exited` resolves with its exit code (or signal name).
function start(cmd, args, env, keep) {
  const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const collect = (chunk) => {
    keep.push(...chunk.toString().split('\n').filter((l) => l.trim()));
    keep.splice(0, Math.max(0, keep.length - 200));
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  child.exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? signal));
    child.on('error', (err) => { keep.push(err.message); resolve(err.code); });
  });
  child.exited.then((code) => { child.exitStatus = code; });
  return child;
}

async function stop(child) {
  if (!child || child.exitStatus !== undefined) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await child.exited;
  clearTimeout(timer);
}

// Starts Xvfb on the first free display from :90 to :99.
async function startXvfb() {
  for (let n = 90; n <= 99; n++) {
    if (fs.existsSync(`/tmp/.X${n}-lock`) || fs.existsSync(`/tmp/.X11-unix/X${n}`)) continue;
    const lines = [];
    const child = start('Xvfb', [`:${n}`, '-screen', '0', `${SCREEN.width}x${SCREEN.height}x24`, '-nolisten', 'tcp'],
      process.env, lines);
    for (let i = 0; i < 100 && child.exitStatus === undefined; i++) {
      if (fs.existsSync(`/tmp/.X11-unix/X${n}`)) return { child, display: `:${n}` };
      await sleep(100);
    }
    await stop(child);
    if (child.exitStatus === 'ENOENT') throw new TestFailure('Xvfb is not installed (./lab setup installs it)');
  }
  throw new TestFailure('could not start Xvfb on any display from :90 to :99');
}

function x(cmd, args, timeout = 5000) {
  return execFileSync(cmd, args, { env: { ...process.env, DISPLAY: display }, timeout }).toString();
}

// Where the app's window sits on the screen (the probe gives window coordinates); (0, 0) if not found.
function windowOrigin() {
  try {
    const id = x('xdotool', ['search', '--onlyvisible', '--pid', String(app.pid)]).trim().split('\n').pop();
    const geo = Object.fromEntries(x('xdotool', ['getwindowgeometry', '--shell', id])
      .trim().split('\n').map((l) => l.split('=')));
    return { x: Number(geo.X) || 0, y: Number(geo.Y) || 0 };
  } catch {
    return { x: 0, y: 0 };
  }
}

// The probe from the file the app writes, or null until it exists; fails if the app has exited.
async function readProbe() {
  if (app.exitStatus !== undefined) {
    throw new TestFailure(`the app exited early with code ${app.exitStatus}`, lastLines(appOutput));
  }
  let text;
  try { text = fs.readFileSync(probeFile, 'utf8'); } catch { return null; }
  try { return JSON.parse(text); } catch {
    throw new TestFailure(`the probe file is not valid JSON: ${text.slice(0, 200)}`);
  }
}

function needReady() {
  assert(ready, 'the app never became ready (see the first test)');
}

async function setup() {
  assert(fs.existsSync(appPath), `${appPath} does not exist: build the desktop app first (./lab desktop builds it)`);
  fs.mkdirSync(out, { recursive: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-desktop-'));
  probeFile = path.join(tmp, 'probe.json');
  ({ child: xvfb, display } = await startXvfb());
  // Its own state file: the user's saved experiment (~/.config/layerlab) must not change what the test sees.
  app = start(appPath, [], { ...process.env, DISPLAY: display, LAYERLAB_PROBE: probeFile,
    LAYERLAB_STATE: path.join(tmp, 'experiment') }, appOutput);
}

async function teardown() {
  await stop(app);
  await stop(xvfb);
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
}

test('desktop app starts and renders', async () => {
  const probe = await waitForProbe(readProbe, (p) => p.frame >= 10,
    { timeoutMs: 60_000, what: `probe never reported frame >= 10 in ${probeFile}` });
  ready = true;
  assert(!probe.error, `the app reports an error: ${probe.error}`, lastLines(appOutput));
  return `frame ${probe.frame} on display ${display}`;
}, { timeoutMs: 90_000 });

test('pressing play makes the test loss fall', async () => {
  needReady();
  return checkPlayMakesLossFall(readProbe, async (probe) => {
    const play = widgetRect(probe, 'play');
    const origin = windowOrigin();
    const at = [String(origin.x + play.cx), String(origin.y + play.cy)];
    await clickAcrossFrames(readProbe, 20, { // the probe file is rewritten every ~10 frames
      move: () => x('xdotool', ['mousemove', '--sync', ...at]),
      down: () => x('xdotool', ['mousedown', '1']),
      up: () => x('xdotool', ['mouseup', '1']),
      away: () => x('xdotool', ['mousemove', String(SCREEN.width - 1), String(SCREEN.height - 1)]), // no tooltip
    });
  });
}, { timeoutMs: 60_000 });

test('screenshot shows the heatmap', async () => {
  needReady();
  const probe = await readProbe();
  const origin = windowOrigin();
  // After the click the pointer was moved to the screen's corner: the app must see it there (a pointer it
  // believes still on the play button keeps that button's tooltip in the screenshot).
  const corner = [SCREEN.width - 1 - origin.x, SCREEN.height - 1 - origin.y];
  assert(Math.abs(probe.mouse_x - corner[0]) <= 1 && Math.abs(probe.mouse_y - corner[1]) <= 1,
    `the app sees the pointer at (${probe.mouse_x}, ${probe.mouse_y}), not at (${corner}) where xdotool moved it`);
  const rect = widgetRect(probe, 'heatmap');
  const clip = clipRect({ ...rect, x: rect.x + origin.x, y: rect.y + origin.y }, SCREEN.width, SCREEN.height);
  const full = path.join(out, 'desktop.png');
  const heat = path.join(out, 'desktop-heatmap.png');
  x('import', ['-window', 'root', full], 30_000);
  execFileSync('convert', [full, '-crop', `${clip.width}x${clip.height}+${clip.x}+${clip.y}`, '+repage', heat]);
  return checkHeatmapImages(full, heat);
});

// The same lab, models workspace: a second instance opened on the experiment its state file names (what
// the web keeps in the URL hash), with the CNN's feature maps, kernels and examples computed.
test('the desktop app opens the models workspace from its state file', async () => {
  needReady();
  await stop(app);
  const state = path.join(tmp, 'models-experiment');
  fs.writeFileSync(state, 'data=digits&layers=conv+8+3x3+same+relu,maxpool+2&opt=adam&lr=0.003&batch=32&seed=1\n');
  fs.rmSync(probeFile, { force: true });
  app = start(appPath, [], { ...process.env, DISPLAY: display, LAYERLAB_PROBE: probeFile, LAYERLAB_STATE: state }, appOutput);
  const probe = await waitForProbe(readProbe, (p) => p.mode === 'models' && p.lab_load === 'ready' && p.lab_kernel_layers > 0,
    { timeoutMs: 60_000, what: 'the models workspace did not open with digits and the CNN' });
  assert(probe.lab_layers.startsWith('conv 8 3x3') && probe.lab_map_layers >= 3, 'the wrong model opened', [probe.lab_layers]);
  // Xvfb resets when its last client (the first app) leaves, and the pointer with it, to the screen's centre:
  // over the curves, whose hover tooltip would be in the screenshot. Move it to the corner, over no widget.
  const at = windowOrigin();
  x('xdotool', ['mousemove', '--sync', String(SCREEN.width - 1), String(SCREEN.height - 1)]);
  await waitForProbe(readProbe, (p) => Math.abs(p.mouse_x - (SCREEN.width - 1 - at.x)) <= 1,
    { timeoutMs: 10_000, what: 'the app did not see the pointer move to the corner' });
  await sleep(500);
  const full = path.join(out, 'desktop-models.png');
  x('import', ['-window', 'root', full], 30_000);
  const panel = path.join(out, 'desktop-models-samples.png');
  const origin = windowOrigin();
  const rect = widgetRect(probe, 'data-samples');
  execFileSync('convert', [full, '-crop', `120x120+${Math.round(origin.x + rect.x - 108)}+${Math.round(origin.y + rect.y - 200)}`,
    '+repage', panel]);
  const stats = imageStats(panel);
  assert(stats.colours > 20 && stats.stddev > 0.05, 'the sample digits are not drawn', [`see ${panel}`, JSON.stringify(stats)]);
  return `${probe.lab_dataset}: ${probe.lab_layers.slice(0, 40)}...; ${stats.colours} colours in the samples`;
}, { timeoutMs: 90_000 });

const { failed } = await run({ setup, teardown });
process.exit(failed ? 1 : 0);
