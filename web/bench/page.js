// page.js: one contender of ./lab bench in chromium, chosen by the query string: engine=ours (LayerLab's wasm bench
// program, ../ours/layerlab-web-bench.js, with WebGPU through BackendNetwork; &build=threads: the -pthread build in
// ../ours-threads/) or engine=tfjs&backend=cpu|wasm|
// wasm-threads|webgl|webgpu (TensorFlow.js 4.22). window.benchReady resolves to {ok, info} once the engine and the
// data are loaded; then bench.mjs calls benchTrain / benchInfer (both engines) and the extras each engine has.
'use strict';
(() => {
  const params = new URLSearchParams(location.search);
  const engine = params.get('engine');
  const backend = params.get('backend') || '';
  const log = (text) => { document.getElementById('log').textContent += text + '\n'; };
  const loadScript = (src) => new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = resolve;
    s.onerror = () => reject(new Error(`cannot load ${src}`));
    document.head.appendChild(s);
  });
  const fetchBytes = async (url) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  };
  const MODELS = ['mlp-784-128-64-10', 'cnn-c8-p2-c16-p2-d10', 'lstm-28x28-64-d10'];
  const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

  // ------------------------------------------------------------------ LayerLab
  async function startOurs() {
    await new Promise((resolve, reject) => {
      window.Module = {
        print: (line) => log(line),
        printErr: (line) => { console.error(line); log(line); },
        onRuntimeInitialized: resolve,
        onAbort: (what) => reject(new Error(`aborted: ${what}`)),
      };
      loadScript(`../${params.get('build') === 'threads' ? 'ours-threads' : 'ours'}/layerlab-web-bench.js`).catch(reject);
    });
    const M = window.Module;
    M.FS.mkdir('/data');
    for (const name of ['fashion-mnist-train.lds', 'fashion-mnist-test.lds']) {
      M.FS.writeFile(`/data/${name}`, await fetchBytes(`../data/${name}`));
    }
    const dir = M._malloc(8);
    M.HEAPU8.set([47, 100, 97, 116, 97, 0], dir);  // "/data"
    const loaded = M._bench_load(dir);
    M._free(dir);
    for (const name of ['fashion-mnist-train.lds', 'fashion-mnist-test.lds']) M.FS.unlink(`/data/${name}`);
    if (!loaded) throw new Error('bench_load failed (see the log)');
    M._gpu_bench_init();
    window.benchTrain = async (model, steps) => M._bench_train(MODELS.indexOf(model), steps);
    window.benchInfer = async (model, batches) => M._bench_infer(batches);
    window.benchGemm = async (n) => M._bench_gemm(n, 5);
    window.benchHeapBytes = () => M.HEAPU8.buffer.byteLength;
    // Seconds of training (evaluation excluded) until the test accuracy first reaches `target`, evaluating on the
    // whole test set every `every` seconds of training, for at most `cap` seconds.
    window.benchTimeToAccuracy = async (preset, target, every, cap) => {
      if (!M._tta_start(preset)) throw new Error('tta_start failed (see the log)');
      let seconds = 0;
      let accuracy = 0;
      const curve = [];
      while (seconds < cap) {
        seconds += M._tta_train(every);
        accuracy = M._tta_accuracy();
        curve.push([+seconds.toFixed(2), +accuracy.toFixed(4)]);
        if (accuracy >= target) break;
        await nextTask();
      }
      return { reached: accuracy >= target, seconds, accuracy, epochs: M._tta_epoch(), curve };
    };
    window.benchGpu = async (model, steps) => {
      let state;
      const t0 = performance.now();
      while ((state = M._gpu_bench_state()) === 0 && performance.now() - t0 < 20000) await nextTask();
      if (state !== 1) return { available: false, state };
      const name = M._malloc(256);
      M._gpu_bench_adapter(name, 256);
      const adapter = M.UTF8ToString(name);
      M._free(name);
      if (!M._gpu_bench_start(MODELS.indexOf(model), steps)) return { available: true, adapter, failed: true };
      while (!M._gpu_bench_finished()) await nextTask();
      const r = (i) => M._gpu_bench_result(i);
      return { available: true, adapter, steps, ms_per_step: r(0), dispatches_per_step: r(1), readbacks_per_step: r(2),
        max_rel_loss_diff_vs_cpu: r(3), first_loss: r(4), last_loss: r(5), errors: r(6) };
    };
    return { engine: 'layerlab', simd: true, threads: M._bench_threads ? M._bench_threads() : 1, crossOriginIsolated: self.crossOriginIsolated };
  }

  // ------------------------------------------------------------------ TensorFlow.js
  // The first `count` training examples of an .lds file (u8 pixels / 255, as the engine reads them) and their labels.
  function parseLds(bytes, count) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const features = view.getUint32(8, true);
    const classes = view.getUint32(12, true);
    const n = view.getUint32(16, true);
    if (bytes[32] !== 1) throw new Error('expected u8 features');
    const featureBytes = n * features;
    const labelStart = bytes.byteLength - 4 - n * (classes <= 256 ? 1 : 2);
    const featureStart = labelStart - featureBytes;
    const take = Math.min(count, n);
    const x = new Float32Array(take * features);
    for (let i = 0; i < x.length; i++) x[i] = bytes[featureStart + i] / 255;
    const y = new Int32Array(take);
    for (let i = 0; i < take; i++) y[i] = bytes[labelStart + i];
    return { x, y, n: take, features };
  }

  function buildTfModel(name) {
    const tf = window.tf;
    const m = tf.sequential();
    if (name.startsWith('mlp')) {
      m.add(tf.layers.dense({ units: 128, activation: 'relu', inputShape: [784] }));
      m.add(tf.layers.dense({ units: 64, activation: 'relu' }));
    } else if (name.startsWith('cnn')) {
      m.add(tf.layers.conv2d({ filters: 8, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [28, 28, 1] }));
      m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
      m.add(tf.layers.conv2d({ filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' }));
      m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
      m.add(tf.layers.flatten());
    } else {
      m.add(tf.layers.lstm({ units: 64, inputShape: [28, 28] }));
    }
    m.add(tf.layers.dense({ units: 10 }));  // logits; softmax cross-entropy in the loss
    return m;
  }
  const inputShape = (name, n) => name.startsWith('mlp') ? [n, 784] : name.startsWith('cnn') ? [n, 28, 28, 1] : [n, 28, 28];

  async function startTfjs() {
    await loadScript('../tfjs/tf.min.js');
    const tf = window.tf;
    if (backend === 'wasm' || backend === 'wasm-threads') {
      await loadScript('../tfjs-wasm/tf-backend-wasm.min.js');
      tf.wasm.setWasmPaths('../tfjs-wasm/');
      if (backend === 'wasm') tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      else tf.wasm.setThreadsCount(navigator.hardwareConcurrency || 2);
    }
    if (backend === 'webgpu') await loadScript('../tfjs-webgpu/tf-backend-webgpu.min.js');
    const name = backend.startsWith('wasm') ? 'wasm' : backend;
    if (!(await tf.setBackend(name))) throw new Error(`TF.js backend ${name} did not initialise`);
    await tf.ready();
    const info = { engine: 'tfjs', version: tf.version.tfjs, backend: tf.getBackend() };
    if (name === 'wasm') {
      info.simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
      info.threads = backend === 'wasm' ? 1 : tf.wasm.getThreadsCount();
    }
    if (name === 'webgl') {
      const gl = document.createElement('canvas').getContext('webgl2');
      const ext = gl && gl.getExtension('WEBGL_debug_renderer_info');
      info.adapter = ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : 'unknown';
    }
    if (name === 'webgpu') {
      const adapter = await navigator.gpu.requestAdapter();
      const i = (adapter && adapter.info) || {};
      info.adapter = [i.vendor, i.architecture, i.device, i.description].filter((s) => s).join(' ') || 'unknown';
    }
    const data = parseLds(await fetchBytes('../data/fashion-mnist-train.lds'), 12800);
    const test = parseLds(await fetchBytes('../data/fashion-mnist-test.lds'), 2560);
    const asyncBackend = name === 'webgl' || name === 'webgpu';
    let current = null;  // {model, optimizer} of the last benchTrain
    const sync = async (m) => { await m.getWeights()[0].data(); };

    function trainStep(m, optimizer, k, model) {
      const batch = 32;
      const start = (k * batch) % (data.n - batch);
      tf.tidy(() => {
        const xs = tf.tensor(data.x.subarray(start * 784, (start + batch) * 784), inputShape(model, batch));
        const ys = tf.oneHot(tf.tensor1d(data.y.subarray(start, start + batch), 'int32'), 10);
        optimizer.minimize(() => tf.losses.softmaxCrossEntropy(ys, m.apply(xs, { training: true })));
      });
    }
    // Samples/s over `steps` SGD steps after 3 warm-up steps (stops after maxSeconds, at least 5 steps).
    window.benchTrain = async (model, steps, maxSeconds = 4) => {
      if (current) { current.model.dispose(); current.optimizer.dispose(); }
      const m = buildTfModel(model);
      const optimizer = tf.train.sgd(0.01);
      current = { model: m, optimizer };
      for (let k = 0; k < 3; k++) trainStep(m, optimizer, k, model);
      await sync(m);
      const t0 = performance.now();
      let k = 0;
      while (k < steps) {
        trainStep(m, optimizer, 3 + k++, model);
        if (asyncBackend && k % 10 === 0) await sync(m);
        if (k >= 5 && (!asyncBackend || k % 10 === 0) && performance.now() - t0 > maxSeconds * 1000) break;
      }
      await sync(m);
      return (k * 32) / ((performance.now() - t0) / 1000);
    };
    window.benchInfer = async (model, batches, maxSeconds = 3) => {
      const m = current.model;
      const xs = tf.tensor(test.x.subarray(0, 256 * 784), inputShape(model, 256));
      tf.tidy(() => m.predict(xs).dataSync());  // warm-up
      const t0 = performance.now();
      let b = 0;
      let last = null;
      while (b < batches) {
        if (last) last.dispose();
        last = m.predict(xs);
        b++;
        if (asyncBackend) await last.data();
        if (b >= 2 && performance.now() - t0 > maxSeconds * 1000) break;
      }
      await last.data();
      const rate = (b * 256) / ((performance.now() - t0) / 1000);
      last.dispose();
      xs.dispose();
      return rate;
    };
    // tf.matMul of two n x n float32 matrices: GFLOP/s, best of 5 timings of enough products for about 0.2 s.
    window.benchGemm = async (n) => {
      const a = tf.randomUniform([n, n], -0.5, 0.5);
      const b = tf.randomUniform([n, n], -0.5, 0.5);
      const once = () => { const c = tf.matMul(a, b); c.dataSync(); c.dispose(); };
      once();
      let reps = 1;
      for (;;) {
        const t0 = performance.now();
        for (let r = 0; r < reps; r++) once();
        if (performance.now() - t0 > 50 || reps > 4096) break;
        reps *= 2;
      }
      reps *= 4;
      let best = 0;
      for (let run = 0; run < 5; run++) {
        const t0 = performance.now();
        for (let r = 0; r < reps; r++) once();
        best = Math.max(best, (2 * n * n * n * reps) / ((performance.now() - t0) / 1000) / 1e9);
      }
      a.dispose();
      b.dispose();
      return best;
    };
    return info;
  }

  window.benchReady = (engine === 'ours' ? startOurs() : engine === 'tfjs' ? startTfjs()
    : Promise.reject(new Error(`unknown engine '${engine}'`)))
    .then((info) => ({ ok: true, info }), (err) => ({ ok: false, error: String(err && err.message || err) }));
})();
