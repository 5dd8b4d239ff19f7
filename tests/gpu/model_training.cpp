// model_training.cpp: the three standard models (MLP, CNN, LSTM; batch 32, SGD lr 0.01, softmax CE) trained 50 steps
// by the engine's Network, by BackendNetwork on CpuBackend and on WebGpuBackend, from the same weights and batches.
// Prints ok/FAIL lines: the CPU backend reproduces the engine, the WebGPU loss curve is within 1e-3 relative of the
// CPU's, training lowers the loss, at most one mapAsync per step, and the weights copied back match the engine's.
// Driven like the registry: gpu_training_start(), then poll gpu_training_finished(); WebGPU steps chain through
// their completion callbacks.
#include <emscripten/emscripten.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "backend_network.h"
#include "cpu_backend.h"
#include "loss.h"
#include "model_spec.h"
#include "op_inputs.h"
#include "optimizer.h"
#include "webgpu_backend.h"

namespace layerlab {
namespace {

constexpr int kSteps = 50, kBatch = 32, kClasses = 10, kSide = 28, kPixels = kSide * kSide;
constexpr float kLearningRate = 0.01f;
constexpr uint64_t kSeed = 42;

struct StandardModel {
  const char* name;
  const char* layers;  // as cli/bench.cpp lists them
};
const StandardModel kModels[] = {
    {"mlp-784-128-64-10", "flatten, dense 128 relu, dense 64 relu, dense 10"},
    {"cnn-c8-p2-c16-p2-d10", "conv 8 3x3 same relu, maxpool 2, conv 16 3x3 same relu, maxpool 2, flatten, dense 10"},
    {"lstm-28x28-64-d10", "lstm 64, dense 10"},
};
constexpr int kModelCount = 3;
constexpr int kChecksPerModel = 5;

Network make_network(const StandardModel& m) {
  ModelSpec spec;
  spec.input = InputShape{kPixels, 1, kSide, kSide};
  std::string error;
  if (!parse_layers(m.layers, &spec.layers, &error)) throw std::invalid_argument(error);
  return build_network(spec, kSeed);
}

// Step k's batch: 28×28 pixels in [0, 1); a random label, whose band of rows (2·label .. 2·label + 2) is brighter by 1.
struct Batch {
  std::vector<float> x;
  std::vector<int> labels;
};

Batch make_batch(int step) {
  Batch b{uniform_values(size_t(kBatch) * kPixels, 1000 + step, 0.0f, 1.0f), std::vector<int>(kBatch)};
  const std::vector<float> draws = uniform_values(kBatch, 2000 + step, 0.0f, static_cast<float>(kClasses));
  for (int r = 0; r < kBatch; ++r) {
    b.labels[r] = std::min(static_cast<int>(draws[r]), kClasses - 1);
    for (int i = 2 * b.labels[r] * kSide; i < (2 * b.labels[r] + 3) * kSide; ++i) b.x[size_t(r) * kPixels + i] += 1.0f;
  }
  return b;
}

// The reference: the engine's own forward/backward and sgd_update over the whole arena.
std::vector<float> train_engine(Network& net) {
  Workspace ws(net, kBatch);
  std::vector<float> losses, probs(size_t(kBatch) * kClasses), dlogits(probs.size());
  for (int step = 0; step < kSteps; ++step) {
    const Batch b = make_batch(step);
    net.params().zero_grad();
    const float* logits = net.forward(ws, b.x.data(), kBatch);
    losses.push_back(softmax_cross_entropy_forward(logits, b.labels.data(), probs.data(), kBatch, kClasses));
    softmax_cross_entropy_backward(probs.data(), b.labels.data(), dlogits.data(), kBatch, kClasses);
    net.backward(ws, dlogits.data(), kBatch);
    sgd_update(net.params().values().data, net.params().grads().data, net.params().total_size(), kLearningRate);
  }
  return losses;
}

float max_relative_difference(const std::vector<float>& a, const std::vector<float>& b) {
  float worst = 0.0f;
  for (size_t i = 0; i < a.size(); ++i) worst = std::fmax(worst, std::fabs(a[i] - b[i]) / std::fabs(b[i]));
  return worst;
}

struct Training {
  int model = 0, step = 0;
  std::unique_ptr<Network> engine_net, gpu_net;
  std::vector<float> engine_losses, cpu_losses, gpu_losses;
  std::unique_ptr<WebGpuBackend> gpu;
  std::unique_ptr<BackendNetwork> gpu_run;
  Batch batch;
  long maps_before = 0, dispatches_before = 0;
  double started_ms = 0;
  bool finished = true;
};
Training training;

void line(bool ok, const std::string& what) {
  std::printf("%s %s %s\n", ok ? "ok  " : "FAIL", kModels[training.model].name, what.c_str());
}

std::string format(const char* pattern, double a, double b = 0, double c = 0) {
  char text[256];
  std::snprintf(text, sizeof text, pattern, a, b, c);
  return text;
}

void start_model();

// After the weights came back from WebGPU: every check of this model, then the next model.
void finish_model() {
  Training& t = training;
  const long maps = webgpu_map_async_calls() - t.maps_before - 1;  // minus the parameters' readback
  const long dispatches = webgpu_dispatches() - t.dispatches_before;
  const double ms_per_step = (emscripten_get_now() - t.started_ms) / kSteps;
  const float cpu_vs_engine = max_relative_difference(t.cpu_losses, t.engine_losses);
  line(cpu_vs_engine <= 1e-6f, format("cpu backend loss curve = the engine Network's over 50 steps (max rel diff %.2e)",
                                      cpu_vs_engine));
  const float gpu_vs_cpu = max_relative_difference(t.gpu_losses, t.cpu_losses);
  line(gpu_vs_cpu <= 1e-3f && !t.gpu->failed(),
       format("webgpu loss curve within 1e-3 relative of the cpu's (max rel diff %.2e; loss %.4f -> %.4f)", gpu_vs_cpu,
              t.gpu_losses.front(), t.gpu_losses.back()));
  float first = 0.0f, last = 0.0f;
  for (int k = 0; k < 5; ++k) {
    first += t.gpu_losses[k] / 5;
    last += t.gpu_losses[kSteps - 1 - k] / 5;
  }
  line(last < first, format("trains on webgpu: mean loss of the last 5 steps %.4f < the first 5's %.4f", last, first));
  line(maps <= kSteps, format("at most one mapAsync per training step (%.0f in 50 steps; %.0f dispatches and %.0f ms "
                              "per step on this adapter)", double(maps), double(dispatches) / kSteps, ms_per_step));
  float worst = 0.0f;
  const Span<const float> want = t.engine_net->params().values(), got = t.gpu_net->params().values();
  for (size_t i = 0; i < want.size; ++i) worst = std::fmax(worst, std::fabs(got[i] - want[i]) / (1.0f + std::fabs(want[i])));
  line(worst <= 1e-3f, format("weights copied back from webgpu match the engine's after 50 steps (max error %.2e, %.0f values)",
                              worst, double(want.size)));
  t.gpu_run.reset();
  t.gpu.reset();
  if (++t.model < kModelCount) return start_model();
  t.finished = true;
}

// Runs WebGPU step `training.step`; its completion runs the next, and after the last, the readback of the weights.
void next_gpu_step() {
  Training& t = training;
  if (t.step == kSteps) return t.gpu_run->read_parameters(finish_model);
  t.batch = make_batch(t.step);
  t.gpu_run->train_step(t.batch.x.data(), t.batch.labels.data(), kLearningRate, &t.gpu_losses[t.step++], next_gpu_step);
}

void start_model() {
  Training& t = training;
  try {
    const StandardModel& m = kModels[t.model];
    t.engine_net = std::make_unique<Network>(make_network(m));
    t.engine_losses = train_engine(*t.engine_net);
    Network cpu_net = make_network(m);
    CpuBackend cpu;
    t.cpu_losses.assign(kSteps, 0.0f);
    {
      BackendNetwork cpu_run(cpu, cpu_net, kBatch);
      for (int k = 0; k < kSteps; ++k) {
        const Batch b = make_batch(k);
        cpu_run.train_step(b.x.data(), b.labels.data(), kLearningRate, &t.cpu_losses[k], [] {});
      }
    }
    t.gpu_net = std::make_unique<Network>(make_network(m));
    t.gpu = std::make_unique<WebGpuBackend>();
    t.gpu_run = std::make_unique<BackendNetwork>(*t.gpu, *t.gpu_net, kBatch);
    t.gpu_losses.assign(kSteps, 0.0f);
    t.step = 0;
    t.maps_before = webgpu_map_async_calls();
    t.dispatches_before = webgpu_dispatches();
    t.started_ms = emscripten_get_now();
    next_gpu_step();
  } catch (const std::exception& e) {
    line(false, std::string("training: ") + e.what());
    t.gpu_run.reset();
    t.gpu.reset();
    if (++t.model < kModelCount) return start_model();
    t.finished = true;
  }
}

}  // namespace
}  // namespace layerlab

using namespace layerlab;

extern "C" {

// Needs gpu_tests_ready() == 1 first.
EMSCRIPTEN_KEEPALIVE void gpu_training_start() {
  training = Training{};
  training.finished = false;
  start_model();
}

EMSCRIPTEN_KEEPALIVE int gpu_training_finished() { return training.finished ? 1 : 0; }

EMSCRIPTEN_KEEPALIVE int gpu_training_check_count() { return kModelCount * kChecksPerModel; }

}  // extern "C"
