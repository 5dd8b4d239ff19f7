// bench.mjs: ./lab bench. Training and inference samples/s of the three standard models (Fashion-MNIST, batch 32, SGD
// lr 0.01, softmax cross-entropy) natively, as wasm under node and in headless chromium, interleaved round by round
// with TensorFlow.js 4.22 (cpu, wasm, wasm + threads, webgl, webgpu) in the same chromium so that machine drift
// cancels; our WebGPU column (BackendNetwork: ms, dispatches and mapAsync readbacks per step, loss curve vs the CPU);
// a 512x512 GEMM; time to accuracy with the lab's default recipes; the lab page's size, first frame and wasm heap.
// Prints one table and writes build/bench/bench.json.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startBenchServer } from './bench_server.mjs';
import { startServer } from '../server.mjs';
import { CHROMIUM_ARGS } from '../tests/harness.mjs';

const USAGE = 'node web/bench/bench.mjs --native BIN --wasm-node JS --web-bench DIR --lab-web DIR --data DIR ' +
  '--out DIR [--web-bench-threads DIR] [--rounds N] [--quick]';
const HERE = path.dirname(fileURLToPath(import.meta.url));
const MODELS = ['mlp-784-128-64-10', 'cnn-c8-p2-c16-p2-d10', 'lstm-28x28-64-d10'];
const STEPS = { 'mlp-784-128-64-10': 300, 'cnn-c8-p2-c16-p2-d10': 60, 'lstm-28x28-64-d10': 60 };  // as cli/bench.cpp
// Our builds in chromium time more steps (about 2 s a measurement, not 0.5 s): on a 2-core machine shared with
// chromium's own processes a short window swings by 30% or more. TF.js trains these models 10-30x slower, so its
// windows are long enough with STEPS.
const OUR_STEPS = { 'mlp-784-128-64-10': 1000, 'cnn-c8-p2-c16-p2-d10': 240, 'lstm-28x28-64-d10': 200 };
const TTA = [  // preset index of engine/lab_recipe.h, target test accuracy, cap in seconds of training
  { model: 'cnn-c8-p2-c16-p2-d10', preset: 1, target: 0.90, cap: 120 },
  { model: 'mlp-784-128-64-10', preset: 0, target: 0.85, cap: 60 },
  { model: 'lstm-28x28-64-d10', preset: 2, target: 0.85, cap: 120 },
];
const TFJS_BACKENDS = ['cpu', 'wasm', 'wasm-threads', 'webgl', 'webgpu'];

const REQUIRED = ['native', 'wasm-node', 'web-bench', 'lab-web', 'data', 'out'];
const opts = { quick: false };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === '--quick') { opts.quick = true; continue; }
  const name = a.startsWith('--') ? a.slice(2) : '';
  if (![...REQUIRED, 'rounds', 'web-bench-threads'].includes(name) || i + 1 >= process.argv.length) {
    console.error(`bench: unexpected argument '${a}' (usage: ${USAGE})`);
    process.exit(2);
  }
  opts[name] = process.argv[++i];
}
for (const k of REQUIRED) {
  if (!opts[k]) { console.error(`bench: --${k} is missing (usage: ${USAGE})`); process.exit(2); }
}
const quick = opts.quick;
const rounds = Math.max(1, Math.min(9, Number(opts.rounds || (quick ? 1 : 3))));
const say = (text) => console.log(`bench: ${text}`);
const median = (v) => { const s = [...v].sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : null; };

// ------------------------------------------------------------------ native and node
function runProgram(command, args) {
  return JSON.parse(execFileSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 20 }));
}
function programRows(platform, command, pre) {
  say(`${platform}: models (median of ${quick ? 1 : 5} runs) and a 512x512 GEMM`);
  const runs = String(quick ? 1 : 5);
  const rows = runProgram(command, [...pre, '--data-dir', opts.data, '--platform', platform, '--runs', runs]);
  const gemm = runProgram(command, [...pre, '--gemm', '512', '--platform', platform, '--runs', runs]);
  return { rows, gemm };
}

// ------------------------------------------------------------------ chromium
async function openContender(browser, base, engine, backend) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  const query = engine === 'ours' ? `engine=ours${backend ? `&build=${backend}` : ''}` : `engine=tfjs&backend=${backend}`;
  await page.goto(`${base}/bench/page.html?${query}`);
  const ready = await page.evaluate(() => window.benchReady);
  const name = engine !== 'ours' ? `tfjs ${backend}` : backend === 'threads' ? 'layerlab wasm (chromium, threads)'
    : 'layerlab wasm (chromium, 1 thread)';
  if (!ready.ok) say(`${name}: not available: ${ready.error}`);
  return { name, engine, backend, page, ready, errors };
}

async function measure(contender, model) {
  try {
    const steps = contender.engine === 'ours' ? OUR_STEPS[model] : STEPS[model];
    const train = await contender.page.evaluate(([m, s]) => window.benchTrain(m, s, 3), [model, steps]);
    const infer = await contender.page.evaluate(([m]) => window.benchInfer(m, 20, 1.5), [model]);
    return { train, infer };
  } catch (err) {
    return { error: String(err.message).split('\n')[0].replace(/^page\.evaluate: (Error: )?/, '').slice(0, 160) };
  }
}

// Our threaded build against our single-threaded one with only these two pages open: in the main rounds five
// TF.js pages share the 2 cores' chromium (its GPU process, their workers), which costs a build that needs both
// cores more than one that needs one. Interleaved rounds, alternating which build goes first; medians.
async function threadPhase(results, single, threaded) {
  say(`chromium: our threaded build / our 1-thread build, only our two pages open (${rounds} interleaved rounds)`);
  const train = { single: {}, threaded: {} };
  for (let round = 0; round < rounds; round++) {
    for (const model of MODELS) {
      const order = round % 2 === 0 ? [['single', single], ['threaded', threaded]] : [['threaded', threaded], ['single', single]];
      for (const [key, c] of order) {
        const r = await measure(c, model);
        if (!r.error) (train[key][model] ??= []).push(r.train);
      }
    }
  }
  for (const model of MODELS) {
    const a = median(train.single[model] || []), b = median(train.threaded[model] || []);
    if (a && b) {
      results.thread_phase.push({ model, threads: threaded.ready.info?.threads, single_train: Math.round(a),
        threaded_train: Math.round(b), speedup: b / a });
    }
  }
}

async function browserBench(results) {
  const server = await startBenchServer({
    bench: HERE, ours: path.resolve(opts['web-bench']), data: path.resolve(opts.data),
    'ours-threads': path.resolve(opts['web-bench-threads'] || opts['web-bench']),
    tfjs: path.join(HERE, '../node_modules/@tensorflow/tfjs/dist'),
    'tfjs-wasm': path.join(HERE, '../node_modules/@tensorflow/tfjs-backend-wasm/dist'),
    'tfjs-webgpu': path.join(HERE, '../node_modules/@tensorflow/tfjs-backend-webgpu/dist'),
  });
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  try {
    say('chromium: loading our wasm and TensorFlow.js 4.22 (cpu, wasm, wasm-threads, webgl, webgpu)');
    const contenders = [await openContender(browser, base, 'ours')];
    if (opts['web-bench-threads']) contenders.push(await openContender(browser, base, 'ours', 'threads'));
    for (const b of TFJS_BACKENDS) contenders.push(await openContender(browser, base, 'tfjs', b));
    results.contenders = contenders.map((c) => ({ name: c.name, ...(c.ready.ok ? c.ready.info : { error: c.ready.error }) }));
    const live = contenders.filter((c) => c.ready.ok);
    const samples = {};  // name -> model -> {train: [], infer: [], error}
    for (let round = 0; round < rounds; round++) {
      say(`chromium: round ${round + 1} of ${rounds} (every contender on every model, in rotated order)`);
      for (const model of MODELS) {
        for (let i = 0; i < live.length; i++) {
          const c = live[(i + round) % live.length];
          const s = ((samples[c.name] ??= {})[model] ??= { train: [], infer: [] });
          if (s.error) continue;
          const r = await measure(c, model);
          if (r.error) s.error = r.error; else { s.train.push(r.train); s.infer.push(r.infer); }
          say(`  ${c.name}, ${model}: ${r.error ? r.error : `${Math.round(r.train)} / ${Math.round(r.infer)} samples/s`}`);
        }
      }
    }
    for (const c of contenders) {
      for (const model of MODELS) {
        const s = samples[c.name]?.[model];
        const row = { platform: c.name, model, runs: s ? s.train.length : 0 };
        if (!c.ready.ok) row.error = c.ready.error;
        else if (s.error) row.error = s.error;
        else Object.assign(row, { train_samples_per_s: Math.round(median(s.train)),
          inference_samples_per_s: Math.round(median(s.infer)) });
        if (c.ready.info?.adapter) row.adapter = c.ready.info.adapter;
        results.rows.push(row);
      }
    }

    const ours = contenders[0];
    if (!ours.ready.ok) throw new Error(`our bench page failed: ${ours.ready.error}`);
    say('chromium: 512x512 GEMM (ours; tf.matMul on the wasm backend, 1 thread and threaded)');
    results.gemm.push({ platform: 'wasm (chromium)', kernel: 'layerlab gemm_rows_add', gflops: await ours.page.evaluate(() => window.benchGemm(512)) });
    for (const c of contenders.filter((x) => x.ready.ok && x.backend?.startsWith('wasm'))) {
      results.gemm.push({ platform: `tfjs ${c.backend} (chromium)`, kernel: 'tf.matMul',
        gflops: await c.page.evaluate(() => window.benchGemm(512)) });
    }
    for (const c of contenders.filter((x) => x.engine !== 'ours')) await c.page.close();
    const threaded = contenders.find((c) => c.engine === 'ours' && c.backend === 'threads' && c.ready.ok);
    if (threaded) await threadPhase(results, ours, threaded);
    if (threaded) await threaded.page.close();

    say('chromium: our WebGPU column (BackendNetwork, 10 timed steps per model after 3 warm-up steps)');
    for (const model of MODELS) {
      const g = await ours.page.evaluate(([m]) => window.benchGpu(m, 13), [model]).catch((e) => ({ error: e.message }));
      if (g.adapter) g.swiftshader = /swiftshader/i.test(g.adapter);
      results.webgpu.push({ model, ...g });
    }

    say(`chromium: time to accuracy, the lab's default recipes (caps ${TTA.map((t) => `${quick ? Math.min(t.cap, 20) : t.cap} s`).join(', ')})`);
    for (const t of TTA) {
      const cap = quick ? Math.min(t.cap, 20) : t.cap;
      const r = await ours.page.evaluate(([p, target, c]) => window.benchTimeToAccuracy(p, target, 2, c),
        [t.preset, t.target, cap]).catch((e) => ({ error: e.message }));
      results.time_to_accuracy.push({ model: t.model, target: t.target, cap_s: cap, ...r });
      if (t.preset === 1) results.page.wasm_heap_bytes_training_cnn = await ours.page.evaluate(() => window.benchHeapBytes());
    }
  } finally {
    await browser.close();
    server.close();
  }
}

// ------------------------------------------------------------------ the lab page
async function pageBench(results) {
  const dir = path.resolve(opts['lab-web']);
  const shipped = fs.readdirSync(dir).filter((f) => /\.(wasm|js|html)$/.test(f));
  const gz = (f) => zlib.gzipSync(fs.readFileSync(path.join(dir, f)), { level: 9 }).length;
  results.page.files = Object.fromEntries(shipped.map((f) => [f, { bytes: fs.statSync(path.join(dir, f)).size, gzip: gz(f) }]));
  results.page.wasm_js_gzip_bytes = shipped.reduce((sum, f) => sum + results.page.files[f].gzip, 0);
  const excluded = fs.readdirSync(dir).filter((f) => f.endsWith('.data'));
  results.page.excluded_gzip_bytes = Object.fromEntries(excluded.map((f) => [f, gz(f)]));
  const server = await startServer({ root: dir, port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  try {
    const times = [];  // the first run starts chromium's GPU process (the first WebGL context), a one-off cost
    for (let i = 0; i < 5; i++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      await page.goto(`http://127.0.0.1:${server.address().port}/index.html`, { waitUntil: 'commit' });
      // The page records performance.now() when its first frame is on screen (Module.labFirstFrameMs); waiting
      // for it in the page (requestAnimationFrame polling) costs the page nothing while it starts, unlike calls
      // into the app from outside.
      const ms = await page.waitForFunction(() => window.Module && window.Module.labFirstFrameMs, null,
        { polling: 'raf', timeout: 30000 }).then((h) => h.jsonValue()).catch(() => null);
      times.push(ms);
      await page.close();
    }
    results.page.first_frame_ms_runs = times.map((t) => (t === null ? null : Math.round(t)));
    results.page.first_frame_ms = times.includes(null) ? null : Math.round(median(times));
  } finally {
    await browser.close();
    server.close();
  }
}

// ------------------------------------------------------------------ the table
function fmt(n) { return n === undefined || n === null ? '-' : Math.round(n).toLocaleString('en-US'); }
function printTable(results) {
  const lines = [];
  const out = (s = '') => lines.push(s);
  out(`Fashion-MNIST, batch 32, plain SGD lr 0.01, softmax CE; samples/s (training; inference at batch 256). ` +
    `chromium rows: median of ${rounds} interleaved rounds`);
  out(`${'platform'.padEnd(40)} ${MODELS.map((m) => m.split('-')[0].toUpperCase().padStart(20)).join('')}`);
  const platforms = [...new Set(results.rows.map((r) => r.platform))];
  for (const p of platforms) {
    const cells = MODELS.map((m) => {
      const r = results.rows.find((x) => x.platform === p && x.model === m);
      if (!r) return '-'.padStart(20);
      if (r.error) return (/backprop|not (yet )?(implemented|registered)|kernel/i.test(r.error) ? 'cannot train' : 'failed').padStart(20);
      return `${fmt(r.train_samples_per_s)} / ${fmt(r.inference_samples_per_s)}`.padStart(20);
    });
    const adapter = results.rows.find((x) => x.platform === p && x.adapter)?.adapter;
    out(`${(p + (adapter && /swiftshader/i.test(adapter) ? ' [SwiftShader]' : '')).slice(0, 40).padEnd(40)} ${cells.join('')}`);
  }
  for (const r of results.rows.filter((x) => x.error)) out(`  ${r.platform} ${r.model}: ${r.error}`);
  out();
  out('ours (chromium, 1 thread) / best TF.js backend that trains, training samples/s:');
  for (const x of results.ratios) {
    out(`  ${x.model.padEnd(24)} ${x.ratio === null ? '-' : x.ratio.toFixed(2) + 'x'}  (best: ${x.best_tfjs ?? 'none'} ` +
      `${fmt(x.best_tfjs_train)}; ours ${fmt(x.ours_train)})`);
  }
  out();
  out('ours threaded / ours 1 thread, training samples/s:');
  for (const t of results.thread_phase) {
    const main = results.thread_speedup.find((x) => x.model === t.model);
    out(`  ${t.model.padEnd(24)} ${t.speedup.toFixed(2)}x with only our two pages open (${t.threads} threads ` +
      `${fmt(t.threaded_train)}; 1 thread ${fmt(t.single_train)})` +
      (main ? `; ${main.speedup.toFixed(2)}x in the table above (the TF.js pages open too)` : ''));
  }
  out();
  out('WebGPU (ours, BackendNetwork on Fashion-MNIST batches):');
  for (const g of results.webgpu) {
    if (!g.available) { out(`  ${g.model}: ${g.error || 'no WebGPU adapter'}`); continue; }
    out(`  ${g.model.padEnd(24)} ${g.failed ? 'failed to start' : `${g.ms_per_step.toFixed(1)} ms/step${g.swiftshader ? ' (SwiftShader: CPU emulation, not GPU speed)' : ''}, ` +
      `${g.dispatches_per_step.toFixed(1)} dispatches and ${g.readbacks_per_step.toFixed(2)} mapAsync per step, ` +
      `loss vs CPU max rel diff ${g.max_rel_loss_diff_vs_cpu.toExponential(1)}, errors ${g.errors}`}`);
  }
  if (results.webgpu[0]?.adapter) out(`  adapter: ${results.webgpu[0].adapter}`);
  out();
  out('GEMM 512x512 float32, GFLOP/s:');
  for (const g of results.gemm) out(`  ${g.platform.padEnd(32)} ${g.kernel.padEnd(24)} ${g.gflops.toFixed(1)}`);
  out();
  out("time to accuracy in chromium (ours, the lab's default recipe, test accuracy on all 10,000 test images every 2 s of training):");
  for (const t of results.time_to_accuracy) {
    out(`  ${t.model.padEnd(24)} ${(t.target * 100).toFixed(0)}%: ` + (t.error ? `failed: ${t.error}` : t.reached
      ? `${t.seconds.toFixed(1)} s (${t.epochs.toFixed(2)} epochs)`
      : `not reached in ${t.cap_s} s (${(t.accuracy * 100).toFixed(1)}% at the end, ${t.epochs.toFixed(2)} epochs)`));
  }
  out();
  const p = results.page;
  out(`lab page: wasm + JS + HTML ${fmt(p.wasm_js_gzip_bytes)} bytes gzip (${Object.entries(p.files || {}).map(([f, s]) => `${f} ${fmt(s.gzip)}`).join(', ')}; ` +
    `excluded: ${Object.entries(p.excluded_gzip_bytes || {}).map(([f, b]) => `${f} ${fmt(b)} (fonts)`).join(', ') || 'none'})`);
  out(`  first rendered frame ${p.first_frame_ms ?? '-'} ms after navigation (median of ${(p.first_frame_ms_runs || []).join(', ')} ms; the first in a fresh chromium)`);
  out(`  wasm heap after loading all of Fashion-MNIST and training the CNN (bench page): ${p.wasm_heap_bytes_training_cnn ? (p.wasm_heap_bytes_training_cnn / 1048576).toFixed(0) + ' MiB' : '-'}`);
  console.log(lines.join('\n'));
}

async function main() {
  const started = Date.now();
  const results = { when: new Date().toISOString(), machine: { cpus: (await import('node:os')).cpus().length },
    rows: [], ratios: [], thread_speedup: [], thread_phase: [], gemm: [], webgpu: [], time_to_accuracy: [], page: {} };
  const native = programRows('native', opts.native, []);
  const node = programRows('wasm-node', process.execPath, ['--no-experimental-fetch', opts['wasm-node']]);
  results.rows.push(...native.rows, ...node.rows);
  results.gemm.push({ platform: 'native', kernel: 'layerlab gemm_rows_add', gflops: native.gemm.gflops },
    { platform: 'wasm-node', kernel: 'layerlab gemm_rows_add', gflops: node.gemm.gflops });
  await browserBench(results);
  say('the lab page: size, first frame');
  await pageBench(results);
  for (const model of MODELS) {
    const ours = results.rows.find((r) => r.platform === 'layerlab wasm (chromium, 1 thread)' && r.model === model);
    const threaded = results.rows.find((r) => r.platform === 'layerlab wasm (chromium, threads)' && r.model === model);
    if (threaded?.train_samples_per_s && ours?.train_samples_per_s) {
      results.thread_speedup.push({ model, threads: results.contenders.find((c) => c.name === threaded.platform)?.threads,
        speedup: threaded.train_samples_per_s / ours.train_samples_per_s });
    }
    const theirs = results.rows.filter((r) => r.platform.startsWith('tfjs') && r.model === model && r.train_samples_per_s)
      .sort((a, b) => b.train_samples_per_s - a.train_samples_per_s)[0];
    results.ratios.push({ model, ours_train: ours?.train_samples_per_s, best_tfjs: theirs?.platform,
      best_tfjs_train: theirs?.train_samples_per_s,
      ratio: ours?.train_samples_per_s && theirs ? ours.train_samples_per_s / theirs.train_samples_per_s : null });
  }
  results.seconds = Math.round((Date.now() - started) / 1000);
  fs.mkdirSync(opts.out, { recursive: true });
  fs.writeFileSync(path.join(opts.out, 'bench.json'), JSON.stringify(results, null, 1) + '\n');
  printTable(results);
  say(`took ${results.seconds} s; JSON: ${path.join(opts.out, 'bench.json')}`);
}

main().catch((err) => { console.error(`bench: ${err.stack || err}`); process.exit(1); });
