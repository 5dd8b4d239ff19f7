// training_session.h: TrainingSession, mini-batch training that advances a bounded amount of work per call.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "dataset.h"
#include "loss.h"
#include "network.h"
#include "rng.h"
#include "sgd.h"

namespace layerlab {

struct TrainingConfig {
  float learning_rate = 0.03f;
  int batch_size = 10;  // 1 = online learning, the training-set size = full batch
  LossKind loss = LossKind::SoftmaxCrossEntropy;
  uint64_t seed = 1;    // the order of examples in each epoch
};

struct Metrics {
  float loss = 0.0f;
  float accuracy = 0.0f;
};

// One row per completed epoch (and one for the untrained network, epoch 0).
struct EpochRecord {
  int epoch;
  long step;
  Metrics train, test;
};

// The UI calls advance() once a frame with a time budget; each step is one mini-batch, so the sequence
// of steps (and every loss) is the same however the work is spread over frames.
class TrainingSession {
 public:
  TrainingSession(Network net, Dataset train, Dataset test, TrainingConfig config);

  float step();                                   // one mini-batch; returns its loss
  int advance(int max_steps, double max_seconds); // steps taken; stops early at an epoch's end if diverged
  Metrics evaluate(const Dataset& data);

  bool diverged() const { return !error_.empty(); }
  const std::string& error() const { return error_; }
  int epoch() const { return epoch_; }
  long steps() const { return steps_; }
  float last_batch_loss() const { return last_loss_; }
  const std::vector<EpochRecord>& history() const { return history_; }
  const Network& network() const { return net_; }
  const Dataset& train_set() const { return train_; }
  const Dataset& test_set() const { return test_; }
  const TrainingConfig& config() const { return config_; }
  void set_learning_rate(float lr);

 private:
  void start_epoch();
  void finish_epoch();
  void check_finite(float loss);
  float loss_and_gradient(const float* logits, const int* labels, int n, float* dlogits);

  Network net_;
  Dataset train_, test_;
  TrainingConfig config_;
  Sgd sgd_;
  Rng shuffle_rng_;
  Workspace train_ws_, eval_ws_;
  std::vector<int> order_;
  std::vector<float> batch_x_, probs_, dlogits_, targets_;
  std::vector<int> batch_y_;
  int cursor_ = 0;
  int epoch_ = 0;
  long steps_ = 0;
  float last_loss_ = 0.0f;
  std::string error_;
  std::vector<EpochRecord> history_;
};

}  // namespace layerlab
