// gpu_bench.cpp: ./lab bench's WebGPU column: a standard model trained by BackendNetwork on WebGpuBackend on Fashion-
// MNIST batches (batch 32, SGD lr 0.01), timed per step, with the dispatches and mapAsync readbacks each step costs and
// the loss curve checked against the engine's own CPU training on the same batches (the correctness claim).
// Driven from the page: gpu_bench_state() until ready, gpu_bench_start(), then poll gpu_bench_finished().
#include <emscripten/emscripten.h>

#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "backend_network.h"
#include "bench_models.h"
#include "dataset_catalog.h"
#include "loss.h"
#include "optimizer.h"
#include "webgpu_backend.h"

namespace layerlab {
Dataset const* bench_train_set();  // web_bench.cpp's, once bench_load succeeded
}

using namespace layerlab;

namespace {

constexpr int kBatch = 32, kWarmup = 3;
constexpr float kLearningRate = 0.01f;

struct GpuRun {
  int model = 0, steps = 0, step = 0;
  std::unique_ptr<Network> net;
  std::unique_ptr<WebGpuBackend> gpu;
  std::unique_ptr<BackendNetwork> run;
  std::vector<float> losses;
  std::vector<int> labels;
  long maps_before = 0, dispatches_before = 0, errors_before = 0;
  double started_ms = 0;
  // results
  bool finished = true;
  double ms_per_step = 0, dispatches_per_step = 0, maps_per_step = 0, max_rel_diff = -1, first_loss = 0, last_loss = 0;
  long errors = 0;
};
GpuRun g;

Network bench_network(int model) {
  ModelSpec spec;
  spec.input = InputShape{784, 1, 28, 28};
  std::string error;
  if (!parse_layers(bench_models().at(static_cast<size_t>(model)).layers, &spec.layers, &error))
    throw std::invalid_argument(error);
  return build_network(spec, 1);
}

// Batch k of the run: training examples k*32 .. k*32+31 in file order.
const float* batch_x(int k) { return bench_train_set()->row(k * kBatch); }
const int* batch_labels(int k) { return bench_train_set()->y.data() + size_t(k) * kBatch; }

// The engine's own CPU training over the same batches: its loss curve is the reference.
std::vector<float> engine_losses(int model, int steps) {
  Network net = bench_network(model);
  Workspace ws(net, kBatch);
  std::vector<float> losses, probs(size_t(kBatch) * 10), dlogits(probs.size());
  for (int k = 0; k < steps; ++k) {
    net.params().zero_grad();
    const float* logits = net.forward(ws, batch_x(k), kBatch);
    losses.push_back(softmax_cross_entropy_forward(logits, batch_labels(k), probs.data(), kBatch, 10));
    softmax_cross_entropy_backward(probs.data(), batch_labels(k), dlogits.data(), kBatch, 10);
    net.backward(ws, dlogits.data(), kBatch);
    sgd_update(net.params().values().data, net.params().grads().data, net.params().total_size(), kLearningRate);
  }
  return losses;
}

void finish() {
  const int timed = g.steps - kWarmup;
  g.ms_per_step = (emscripten_get_now() - g.started_ms) / timed;
  g.dispatches_per_step = double(webgpu_dispatches() - g.dispatches_before) / timed;
  g.maps_per_step = double(webgpu_map_async_calls() - g.maps_before) / timed;
  g.errors = webgpu_errors() - g.errors_before;
  const std::vector<float> want = engine_losses(g.model, g.steps);
  g.max_rel_diff = 0;
  for (int k = 0; k < g.steps; ++k)
    g.max_rel_diff = std::fmax(g.max_rel_diff, std::fabs(g.losses[k] - want[k]) / std::fabs(want[k]));
  g.first_loss = g.losses.front();
  g.last_loss = g.losses.back();
  g.run.reset();
  g.gpu.reset();
  g.finished = true;
}

void next_step() {
  if (g.step == kWarmup) {  // the timing and the counters start after the warm-up steps (pipelines, first uploads)
    g.maps_before = webgpu_map_async_calls();
    g.dispatches_before = webgpu_dispatches();
    g.started_ms = emscripten_get_now();
  }
  if (g.step == g.steps) return finish();
  const int k = g.step++;
  g.run->train_step(batch_x(k), batch_labels(k), kLearningRate, &g.losses[k], next_step);
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE void gpu_bench_init() { start_webgpu(); }

// 0 starting, 1 ready, -1 no WebGPU (or no adapter), -2 failed.
EMSCRIPTEN_KEEPALIVE int gpu_bench_state() {
  switch (webgpu_state()) {
    case WebGpuState::Starting: return 0;
    case WebGpuState::Ready: return 1;
    case WebGpuState::Unavailable: return -1;
    case WebGpuState::Failed: return -2;
  }
  return -2;
}

EMSCRIPTEN_KEEPALIVE void gpu_bench_adapter(char* out, int capacity) {
  std::snprintf(out, static_cast<size_t>(capacity), "%s", webgpu_adapter_name().c_str());
}

// Trains model `model` for `steps` (> 3) steps on WebGPU; 1 when started, 0 after printing why not.
EMSCRIPTEN_KEEPALIVE int gpu_bench_start(int model, int steps) {
  g = GpuRun{};
  g.model = model;
  g.steps = std::max(kWarmup + 1, steps);
  g.losses.assign(size_t(g.steps), 0.0f);
  g.errors_before = webgpu_errors();
  try {
    g.net = std::make_unique<Network>(bench_network(model));
    g.gpu = std::make_unique<WebGpuBackend>();
    g.run = std::make_unique<BackendNetwork>(*g.gpu, *g.net, kBatch);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "web bench: webgpu: %s\n", e.what());
    g.run.reset();
    g.gpu.reset();
    return 0;
  }
  g.finished = false;
  next_step();
  return 1;
}

EMSCRIPTEN_KEEPALIVE int gpu_bench_finished() { return g.finished ? 1 : 0; }

// 0 ms/step, 1 dispatches/step, 2 mapAsync/step, 3 max relative loss difference vs the engine, 4 first loss,
// 5 last loss, 6 WebGPU errors during the run.
EMSCRIPTEN_KEEPALIVE double gpu_bench_result(int what) {
  const double values[] = {g.ms_per_step, g.dispatches_per_step, g.maps_per_step, g.max_rel_diff,
                           g.first_loss,  g.last_loss,           double(g.errors)};
  return what >= 0 && what < 7 ? values[what] : -1;
}

}  // extern "C"
