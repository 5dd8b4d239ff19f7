// mlp_training.cpp: the standard MLP (784-128-64-10 ReLU, batch 32, SGD lr 0.01, softmax CE) for 50 steps through the
// engine's Network, through CpuBackend and through WebGpuBackend from the same weights and batches; prints ok/FAIL
// lines comparing the loss curves and counting mapAsync calls and dispatches per step. Driven like the registry:
// gpu_training_start(), then poll gpu_training_finished() (WebGPU steps chain through their completion callbacks).
#include <emscripten/emscripten.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <vector>

#include "activation.h"
#include "cpu_backend.h"
#include "dense.h"
#include "loss.h"
#include "network.h"
#include "op_inputs.h"
#include "optimizer.h"
#include "webgpu_backend.h"

namespace layerlab {
namespace {

constexpr int kSteps = 50, kBatch = 32, kInputs = 784, kClasses = 10;
constexpr int kWidths[] = {kInputs, 128, 64, kClasses};
constexpr float kLearningRate = 0.01f;
constexpr uint64_t kSeed = 42;

// Step k's batch: pixels in [0, 1); a random label, whose band (a tenth of the image) is brighter by 1.
struct Batch {
  std::vector<float> x;
  std::vector<int> labels;
};

Batch make_batch(int step) {
  Batch b{uniform_values(size_t(kBatch) * kInputs, 1000 + step, 0.0f, 1.0f), std::vector<int>(kBatch)};
  const std::vector<float> label_draws = uniform_values(kBatch, 2000 + step, 0.0f, static_cast<float>(kClasses));
  const int band = kInputs / kClasses;
  for (int r = 0; r < kBatch; ++r) {
    b.labels[r] = std::min(static_cast<int>(label_draws[r]), kClasses - 1);
    for (int i = 0; i < band; ++i) b.x[size_t(r) * kInputs + b.labels[r] * band + i] += 1.0f;
  }
  return b;
}

Network make_network() {
  Network net(kInputs);
  for (int l = 0; l < 3; ++l) {
    net.add<DenseLayer>(net.params(), l + 1, kWidths[l], kWidths[l + 1], WeightInit::He);
    if (l < 2) net.add<ActivationLayer>(Activation::ReLU, kWidths[l + 1]);
  }
  Rng rng(kSeed);
  net.finalize(rng);
  return net;
}

// The reference: the engine's own Network, forward/backward and sgd_update over the whole arena.
std::vector<float> train_engine(Network net) {
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

// The same MLP as Backend ops: tensors resident for all steps, one step = one begin_step/end_step, reading back
// only the loss.
class BackendMlp {
 public:
  BackendMlp(Backend& backend, Network& net) : be_(backend) {
    for (int l = 0; l < 3; ++l) {
      const auto& dense = static_cast<const DenseLayer&>(net.layer(2 * l));
      w_[l] = tensor(dense.weights().size, dense.weights().data);
      b_[l] = tensor(dense.bias().size, dense.bias().data);
      dw_[l] = tensor(dense.weights().size);
      db_[l] = tensor(dense.bias().size);
      z_[l] = tensor(size_t(kBatch) * kWidths[l + 1]);
      dz_[l] = tensor(size_t(kBatch) * kWidths[l + 1]);
      a_[l] = tensor(size_t(kBatch) * kWidths[l + 1]);
      da_[l] = tensor(size_t(kBatch) * kWidths[l + 1]);
    }
    x_ = tensor(size_t(kBatch) * kInputs);
    labels_ = tensor(kBatch);
    probs_ = tensor(size_t(kBatch) * kClasses);
    loss_ = tensor(1);
    losses.resize(kSteps);
  }

  // Writes step k's batch and records the whole step; the loss lands in losses[k] when the step completes.
  void record_step(int k) {
    const Batch b = make_batch(k);
    be_.write(x_, b.x.data(), b.x.size());
    be_.write_labels(labels_, b.labels.data(), b.labels.size());
    be_.begin_step();
    for (int l = 0; l < 3; ++l) {
      be_.zero(dw_[l]);
      be_.zero(db_[l]);
    }
    for (int l = 0; l < 3; ++l) {
      be_.dense_forward(l == 0 ? x_ : a_[l - 1], w_[l], b_[l], z_[l], kBatch, kWidths[l], kWidths[l + 1]);
      if (l < 2) be_.activation_forward(Activation::ReLU, z_[l], a_[l], size_t(kBatch) * kWidths[l + 1]);
    }
    be_.softmax_cross_entropy_forward(z_[2], labels_, probs_, loss_, kBatch, kClasses);
    be_.softmax_cross_entropy_backward(probs_, labels_, dz_[2], kBatch, kClasses);
    for (int l = 2; l >= 0; --l) {
      const TensorId input = l == 0 ? x_ : a_[l - 1];
      be_.dense_backward(input, w_[l], dz_[l], l == 0 ? kNoTensor : da_[l - 1], dw_[l], db_[l], kBatch, kWidths[l],
                         kWidths[l + 1]);
      if (l > 0) be_.activation_backward(Activation::ReLU, a_[l - 1], da_[l - 1], dz_[l - 1], size_t(kBatch) * kWidths[l]);
    }
    for (int l = 0; l < 3; ++l) {
      be_.sgd_update(w_[l], dw_[l], size_t(kWidths[l]) * kWidths[l + 1], kLearningRate);
      be_.sgd_update(b_[l], db_[l], size_t(kWidths[l + 1]), kLearningRate);
    }
    be_.read(loss_, &losses[k], 1);
  }

  std::vector<float> losses;

 private:
  TensorId tensor(size_t count, const float* values = nullptr) {
    const TensorId t = be_.create_tensor(count);
    if (values) be_.write(t, values, count);
    return t;
  }
  Backend& be_;
  TensorId w_[3], b_[3], dw_[3], db_[3], z_[3], dz_[3], a_[3], da_[3];
  TensorId x_, labels_, probs_, loss_;
};

float max_relative_difference(const std::vector<float>& a, const std::vector<float>& b) {
  float worst = 0.0f;
  for (size_t i = 0; i < a.size(); ++i) worst = std::fmax(worst, std::fabs(a[i] - b[i]) / std::fabs(b[i]));
  return worst;
}

struct Training {
  std::unique_ptr<Network> net;
  std::vector<float> engine_losses, cpu_losses;
  std::unique_ptr<CpuBackend> cpu;
  std::unique_ptr<WebGpuBackend> gpu;
  std::unique_ptr<BackendMlp> gpu_mlp;
  long maps_before = 0, dispatches_before = 0;
  int step = 0;
  bool finished = true;
};
Training training;

constexpr int kTrainingChecks = 4;  // the lines finish_training prints

void line(bool ok, const char* what) { std::printf("%s mlp 784-128-64-10 %s\n", ok ? "ok  " : "FAIL", what); }

void finish_training() {
  const long maps = webgpu_map_async_calls() - training.maps_before;
  const long dispatches = webgpu_dispatches() - training.dispatches_before;
  const std::vector<float>& gpu = training.gpu_mlp->losses;
  char text[256];
  const float cpu_vs_engine = max_relative_difference(training.cpu_losses, training.engine_losses);
  std::snprintf(text, sizeof text, "cpu backend loss curve = the engine Network's over %d steps (max rel diff %.2e)",
                kSteps, cpu_vs_engine);
  line(cpu_vs_engine <= 1e-6f, text);
  const float gpu_vs_cpu = max_relative_difference(gpu, training.cpu_losses);
  std::snprintf(text, sizeof text, "webgpu loss curve within 1e-3 relative of the cpu's (max rel diff %.2e; loss %.4f -> %.4f)",
                gpu_vs_cpu, gpu.front(), gpu.back());
  line(gpu_vs_cpu <= 1e-3f && !training.gpu->failed(), text);
  float first = 0.0f, last = 0.0f;
  for (int k = 0; k < 5; ++k) {
    first += gpu[k] / 5;
    last += gpu[kSteps - 1 - k] / 5;
  }
  std::snprintf(text, sizeof text, "trains on webgpu: mean loss of the last 5 steps %.4f < 0.8 x the first 5's %.4f", last, first);
  line(last < 0.8f * first, text);
  std::snprintf(text, sizeof text, "at most one mapAsync per training step (%ld in %d steps; %ld dispatches per step)",
                maps, kSteps, dispatches / kSteps);
  line(maps <= kSteps, text);
  training.gpu_mlp.reset();
  training.gpu.reset();
  training.finished = true;
}

// Records step `training.step` on WebGPU; its completion records the next one.
void next_gpu_step() {
  if (training.step == kSteps) return finish_training();
  training.gpu_mlp->record_step(training.step++);
  training.gpu->end_step(next_gpu_step);
}

}  // namespace
}  // namespace layerlab

using namespace layerlab;

extern "C" {

// Needs gpu_tests_ready() == 1 first.
EMSCRIPTEN_KEEPALIVE void gpu_training_start() {
  training = Training{};
  training.finished = false;
  try {
    training.net = std::make_unique<Network>(make_network());
    training.engine_losses = train_engine(make_network());
    training.cpu = std::make_unique<CpuBackend>();
    BackendMlp cpu_mlp(*training.cpu, *training.net);
    for (int k = 0; k < kSteps; ++k) {
      cpu_mlp.record_step(k);
      training.cpu->end_step([] {});
    }
    training.cpu_losses = cpu_mlp.losses;
    training.gpu = std::make_unique<WebGpuBackend>();
    training.gpu_mlp = std::make_unique<BackendMlp>(*training.gpu, *training.net);
    training.maps_before = webgpu_map_async_calls();
    training.dispatches_before = webgpu_dispatches();
    next_gpu_step();
  } catch (const std::exception& e) {
    std::printf("FAIL mlp 784-128-64-10 training: %s\n", e.what());
    training.finished = true;
  }
}

EMSCRIPTEN_KEEPALIVE int gpu_training_finished() { return training.finished ? 1 : 0; }

EMSCRIPTEN_KEEPALIVE int gpu_training_check_count() { return kTrainingChecks; }

}  // extern "C"
