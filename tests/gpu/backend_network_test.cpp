// backend_network_test.cpp: BackendNetwork on CpuBackend trains exactly as the engine's own Network (natively and in
// wasm, no GPU needed): the same losses and the same final weights, bit for bit; layers it cannot run are refused.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "backend_network.h"
#include "cpu_backend.h"
#include "loss.h"
#include "model_spec.h"
#include "op_inputs.h"
#include "optimizer.h"

namespace layerlab {
namespace {

constexpr int kBatch = 4, kSteps = 3;
constexpr float kLearningRate = 0.05f;

Network make_network(const std::string& layers, const InputShape& input) {
  ModelSpec spec;
  spec.input = input;
  std::string error;
  if (!parse_layers(layers, &spec.layers, &error)) throw std::invalid_argument(error);
  return build_network(spec, 7);
}

struct Batch {
  std::vector<float> x;
  std::vector<int> labels;
};

Batch make_batch(const Network& net, int step) {
  Batch b{uniform_values(size_t(kBatch) * net.input_features(), 100 + step), std::vector<int>(kBatch)};
  for (int r = 0; r < kBatch; ++r) b.labels[r] = (3 * r + step) % net.output_features();
  return b;
}

// Trains the same model both ways; expects identical loss curves and weights.
void expect_same_training(const std::string& layers, const InputShape& input) {
  Network engine = make_network(layers, input);
  Workspace ws(engine, kBatch);
  const int classes = engine.output_features();
  std::vector<float> engine_losses, probs(size_t(kBatch) * classes), dlogits(probs.size());
  for (int step = 0; step < kSteps; ++step) {
    const Batch b = make_batch(engine, step);
    engine.params().zero_grad();
    const float* logits = engine.forward(ws, b.x.data(), kBatch);
    engine_losses.push_back(softmax_cross_entropy_forward(logits, b.labels.data(), probs.data(), kBatch, classes));
    softmax_cross_entropy_backward(probs.data(), b.labels.data(), dlogits.data(), kBatch, classes);
    engine.backward(ws, dlogits.data(), kBatch);
    sgd_update(engine.params().values().data, engine.params().grads().data, engine.params().total_size(),
               kLearningRate);
  }

  Network copy = make_network(layers, input);
  CpuBackend cpu;
  std::vector<float> losses(kSteps);
  int completed = 0;
  {
    BackendNetwork run(cpu, copy, kBatch);
    for (int step = 0; step < kSteps; ++step) {
      const Batch b = make_batch(copy, step);
      run.train_step(b.x.data(), b.labels.data(), kLearningRate, &losses[step], [&] { ++completed; });
    }
    for (float& w : copy.params().values()) w = 0.0f;  // read_parameters must bring every value back
    run.read_parameters([&] { ++completed; });
  }
  EXPECT_EQ(completed, kSteps + 1);
  EXPECT_EQ(losses, engine_losses) << layers;
  const Span<const float> want = engine.params().values(), got = copy.params().values();
  ASSERT_EQ(want.size, got.size);
  EXPECT_EQ(std::vector<float>(got.begin(), got.end()), std::vector<float>(want.begin(), want.end())) << layers;
}

TEST(BackendNetwork, MlpOnTheCpuBackendTrainsExactlyAsTheEngine) {
  expect_same_training("flatten, dense 16 relu, dense 8 sigmoid, dense 5", InputShape{36, 1, 6, 6});
}

TEST(BackendNetwork, CnnWithEdgePaddingOnTheCpuBackendTrainsExactlyAsTheEngine) {
  expect_same_training("conv 3 3x3 same edge tanh, maxpool 2, conv 4 2x2 relu, flatten, dense 5",
                       InputShape{64, 1, 8, 8});
}

TEST(BackendNetwork, LstmWithSequencesAndTruncationOnTheCpuBackendTrainsExactlyAsTheEngine) {
  expect_same_training("lstm 6 sequences truncate=2, dense 3", InputShape{35, 1, 5, 7});
}

TEST(BackendNetwork, RefusesLayersItCannotRun) {
  CpuBackend cpu;
  Network dropout = make_network("dense 8, dropout 0.5, dense 3", InputShape{4, 0, 0, 0});
  EXPECT_THROW(BackendNetwork(cpu, dropout, kBatch), std::invalid_argument);
  Network mean_pool = make_network("meanpool 2, flatten, dense 3", InputShape{16, 1, 4, 4});
  EXPECT_THROW(BackendNetwork(cpu, mean_pool, kBatch), std::invalid_argument);
}

}  // namespace
}  // namespace layerlab
