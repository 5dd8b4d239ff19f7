// memory_lesson.h: MemoryRace, an LSTM and a simple RNN of the same width trained side by side on the
// memory task (engine/sequence_datasets: name the first symbol after N distractors), a bounded amount of
// work per call so the page never waits; the LSTM's gates on one example of each class; both accuracies.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "network.h"
#include "training_session.h"

namespace layerlab::ui {

// The defaults separate the two (measured natively, seed 3): the LSTM reaches test accuracy 1.0 within 40
// steps while its memory unit's mean forget gate over the distractors rises from 0.89 to 0.92; the RNN
// stays near chance (0.43..0.49) for all 300 steps.
struct MemoryRaceSettings {
  int distractors = 60;
  int hidden = 16;
  float forget_bias = 2.0f;  // the LSTM's initial forget-gate bias: σ(2) ≈ 0.88, so the gate has to learn to hold
  int train_examples = 1000, test_examples = 200;
  float learning_rate = 0.005f;
  int batch_size = 32;
  int max_steps = 300;  // per network; training stops there
  uint64_t seed = 3;
};

// One network's side of the race.
struct RaceLane {
  std::unique_ptr<TrainingSession> session;
  std::vector<float> accuracy_curve;  // test accuracy after every kEvaluateEvery steps (and at step 0)
  float accuracy = 0.0f;              // the last of them
  std::vector<float> grad_norm;       // ||dL/dh_t|| per step from the last training step's backward
  // The same at step kLearningGradientStep, while the LSTM is still learning (empty before): once it has
  // solved the task its loss, and every gradient, shrinks, and the picture no longer shows the difference.
  std::vector<float> learning_grad_norm;
  float learning_ratio() const;  // learning_grad_norm's first step over its last (0 before)
};

class MemoryRace {
 public:
  static constexpr int kEvaluateEvery = 10;
  static constexpr int kLearningGradientStep = 20;
  // false with *error when the settings cannot make the task or the networks.
  bool start(const MemoryRaceSettings& settings, std::string* error);
  // Trains both networks, alternating mini-batches, for at most `seconds` (and max_steps each); returns
  // the steps both have taken. Evaluates the test set every kEvaluateEvery steps.
  int advance(double seconds);
  bool started() const { return lstm_.session != nullptr; }
  bool finished() const;
  long steps() const;  // mini-batches each network has trained on
  const RaceLane& lstm() const { return lstm_; }
  const RaceLane& rnn() const { return rnn_; }
  const MemoryRaceSettings& settings() const { return settings_; }

  // The LSTM on the first test example of class `symbol`: its gates and states, (steps x hidden) each,
  // recomputed after every evaluation.
  struct GateView {
    std::vector<float> forget, input, output, cell;  // (T, H) row-major
  };
  const GateView& gates(int symbol) const { return gate_views_[symbol ? 1 : 0]; }
  // The unit whose last cell state best tells the two symbols apart, and the smallest forget gate it has
  // over the distractors of both examples, and its mean there: near 1 when it holds the symbol.
  int memory_unit() const { return memory_unit_; }
  float memory_unit_min_forget() const { return memory_min_forget_; }
  float memory_unit_mean_forget() const { return memory_mean_forget_; }

 private:
  void evaluate();
  void refresh_gates();

  MemoryRaceSettings settings_;
  RaceLane lstm_, rnn_;
  std::unique_ptr<Workspace> trace_ws_;
  GateView gate_views_[2];
  int example_of_symbol_[2] = {-1, -1};
  int memory_unit_ = 0;
  float memory_min_forget_ = 0.0f, memory_mean_forget_ = 0.0f;
};

}  // namespace layerlab::ui
