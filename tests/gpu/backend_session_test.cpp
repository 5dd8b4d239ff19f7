// backend_session_test.cpp: a TrainingSession whose steps run through BackendNetwork (as the lab's GPU training runs
// them: take_batch, train_step, external_step_done, read_state/apply_state, end_external_epoch) trains exactly as the
// session's own step(): the same losses, weights, optimizer state (momentum, Adam) and epoch history, with an uneven
// last batch and the learning-rate schedule; kinds the backend has no kernel for are refused by name.
#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "backend_network.h"
#include "cpu_backend.h"
#include "model_spec.h"
#include "training_session.h"

namespace layerlab {
namespace {

// 50 examples of 4x4 images in 3 classes: batches of 8 leave a last batch of 2.
Dataset make_images(int n, uint64_t seed) {
  Dataset d;
  d.features = 16;
  d.channels = 1;
  d.height = d.width = 4;
  d.classes = 3;
  Rng rng(seed);
  for (int i = 0; i < n; ++i) {
    const int label = i % 3;
    for (int f = 0; f < 16; ++f) d.x.push_back(0.3f * static_cast<float>(label == f % 3) + 0.1f * rng.uniform());
    d.y.push_back(label);
  }
  return d;
}

TrainingSession make_session(OptimizerKind kind, const std::string& layers) {
  ModelSpec spec;
  spec.input = InputShape{16, 1, 4, 4};
  std::string error;
  if (!parse_layers(layers, &spec.layers, &error)) throw std::invalid_argument(error);
  TrainingConfig config;
  config.learning_rate = kind == OptimizerKind::Adam ? 0.01f : 0.1f;
  config.batch_size = 8;
  config.optimizer.kind = kind;
  config.schedule.kind = ScheduleKind::Cosine;
  config.schedule.total_epochs = 3;
  config.evaluate_train_set = false;  // the running mean over the epoch: the external steps' losses and counts
  return TrainingSession(build_network(spec, 5), make_images(50, 1), make_images(20, 2), config);
}

// Two epochs through the backend, each step's answer reported as the lab reports it; the weights and optimizer
// state read back at each epoch's end, before the epoch closes.
std::vector<float> train_through_backend(TrainingSession& s, int epochs) {
  CpuBackend cpu;
  BackendNetwork net(cpu, s.mutable_network(), s.config().batch_size);
  net.use_optimizer(s.optimizer());
  std::vector<float> losses, probs(size_t(8) * 3), state(net.state_floats());
  long t = s.optimizer().steps();
  while (s.epoch() < epochs) {
    while (!s.epoch_taken()) {
      const float lr = s.current_learning_rate();
      const TrainingSession::BatchView b = s.take_batch();
      float loss = 0.0f;
      net.train_step(b.x, b.labels, b.n, lr, ++t, &loss, probs.data(), [] {});
      int correct = 0;
      for (int i = 0; i < b.n; ++i) correct += s.predicted_class(&probs[size_t(i) * 3]) == b.labels[i];
      EXPECT_TRUE(s.external_step_done(loss, correct, b.n));
      losses.push_back(loss);
    }
    net.read_state(state.data(), [] {});
    net.apply_state(state.data(), s.mutable_optimizer());
    s.mutable_optimizer().set_steps(t);
    s.end_external_epoch();
  }
  return losses;
}

void expect_same_as_step(OptimizerKind kind, const std::string& layers) {
  TrainingSession reference = make_session(kind, layers);
  std::vector<float> want;
  while (reference.epoch() < 2) want.push_back(reference.step());
  TrainingSession external = make_session(kind, layers);
  const std::vector<float> got = train_through_backend(external, 2);
  EXPECT_EQ(got, want) << layers;
  EXPECT_EQ(external.steps(), reference.steps());
  const Span<const float> a = reference.network().params().values(), b = external.network().params().values();
  EXPECT_EQ(std::vector<float>(b.begin(), b.end()), std::vector<float>(a.begin(), a.end()));
  EXPECT_EQ(external.optimizer().steps(), reference.optimizer().steps());
  for (int slot = 0; slot < reference.optimizer().state_slots(); ++slot)
    for (ParamId id = 0; id < reference.network().params().count(); ++id) {
      const Span<const float> x = reference.optimizer().state(id, slot), y = external.optimizer().state(id, slot);
      EXPECT_EQ(std::vector<float>(y.begin(), y.end()), std::vector<float>(x.begin(), x.end())) << "slot " << slot;
    }
  ASSERT_EQ(external.history().size(), reference.history().size());
  for (size_t e = 0; e < reference.history().size(); ++e) {
    EXPECT_EQ(external.history()[e].step, reference.history()[e].step);
    EXPECT_FLOAT_EQ(external.history()[e].train.loss, reference.history()[e].train.loss) << "epoch " << e;
    EXPECT_FLOAT_EQ(external.history()[e].train.accuracy, reference.history()[e].train.accuracy) << "epoch " << e;
  }
}

TEST(BackendSession, AdamCnnStepsThroughTheBackendTrainAsTheSessionDoes) {
  expect_same_as_step(OptimizerKind::Adam, "conv 4 3x3 same relu, maxpool 2, flatten, dense 3");
}

TEST(BackendSession, MomentumMlpStepsThroughTheBackendTrainAsTheSessionDoes) {
  expect_same_as_step(OptimizerKind::Momentum, "flatten, dense 12 tanh, dense 3");
}

TEST(BackendSession, SgdStepsThroughTheBackendTrainAsTheSessionDoes) {
  expect_same_as_step(OptimizerKind::Sgd, "flatten, dense 3");
}

TEST(BackendSession, OptimizersWithoutAKernelAreRefusedByName) {
  TrainingSession s = make_session(OptimizerKind::RmsProp, "flatten, dense 3");
  CpuBackend cpu;
  BackendNetwork net(cpu, s.mutable_network(), 8);
  try {
    net.use_optimizer(s.optimizer());
    FAIL() << "rmsprop was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("rmsprop"), std::string::npos) << e.what();
  }
}

TEST(BackendSession, AStepLargerThanTheBatchIsRefused) {
  TrainingSession s = make_session(OptimizerKind::Sgd, "flatten, dense 3");
  CpuBackend cpu;
  BackendNetwork net(cpu, s.mutable_network(), 8);
  std::vector<float> x(16 * 9);
  std::vector<int> labels(9);
  float loss = 0.0f;
  EXPECT_THROW(net.train_step(x.data(), labels.data(), 9, 0.1f, 1, &loss, nullptr, [] {}), std::invalid_argument);
}

}  // namespace
}  // namespace layerlab
