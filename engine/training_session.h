// training_session.h: TrainingSession, mini-batch training that advances a bounded amount of work per call.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "dataset.h"
#include "loss.h"
#include "lr_schedule.h"
#include "network.h"
#include "optimizer.h"
#include "rng.h"

namespace layerlab {

struct TrainingConfig {
  float learning_rate = 0.03f;
  int batch_size = 10;  // 1 = online learning, the training-set size = full batch
  LossKind loss = LossKind::SoftmaxCrossEntropy;
  uint64_t seed = 1;    // the order of examples in each epoch
  OptimizerConfig optimizer;  // plain SGD by default; learning_rate above is its base rate
  LrSchedule schedule;        // constant by default
  float l1 = 0.0f, l2 = 0.0f; // weight penalties (weights only, not biases; see regularization.h)
  // Each epoch's training metrics: a full pass over the training set (exact; the playground's sets are
  // small) or the running mean over the epoch's mini-batches (free; for large sets).
  bool evaluate_train_set = true;
  float clip_norm = 0.0f;     // > 0: scale gradients so their global L2 norm is at most this (recurrent nets)
  // The UI's mode: the evaluations at epoch 0 and at each epoch's end run in slices inside advance(), so
  // no frame waits for a whole test set. The epoch's record is pushed at once with NaN metrics, filled in
  // when its evaluation finishes; step() finishes a pending evaluation first, so the numbers always
  // describe the weights at the epoch's end.
  bool evaluate_in_slices = false;
  // With slices: evaluate on at most this many examples of each set (the first ones; 0: all), so a large
  // test set gives the curves a point within seconds of an epoch's end.
  int evaluation_limit = 0;
};

// Accuracy counts labelled rows: examples, or every labelled step of a many-to-many sequence set. It is
// NaN for regression data, where the loss (mean squared error) is the measure.
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
  // `optimizer` continues a saved run; by default a fresh one is made from config.optimizer.
  TrainingSession(Network net, Dataset train, Dataset test, TrainingConfig config,
                  std::unique_ptr<Optimizer> optimizer = nullptr);
  // Shares the data with its owner (the lab keeps one copy of a large set across resets).
  TrainingSession(Network net, std::shared_ptr<const Dataset> train, std::shared_ptr<const Dataset> test,
                  TrainingConfig config, std::unique_ptr<Optimizer> optimizer = nullptr);

  float step();                                   // one mini-batch; returns its loss
  int advance(int max_steps, double max_seconds); // steps taken; stops early at an epoch's end if diverged
  bool evaluating() const { return pending_.record >= 0; }  // a sliced evaluation is under way
  float evaluation_progress() const;                        // of the pending evaluation, 0..1
  // The test set's confusion matrix (counts[true * classes + predicted]) from the last finished sliced
  // evaluation, counted on the way (no extra pass), and the epoch it describes; empty before the first.
  const std::vector<int>& test_confusion() const { return test_confusion_; }
  int test_confusion_epoch() const { return test_confusion_epoch_; }
  Metrics evaluate(const Dataset& data);
  // counts[true * classes + predicted]
  std::vector<int> confusion_matrix(const Dataset& data);
  int predicted_class(const float* logits) const;
  // The inspectors' backward pass: forward and backward of examples [first, first + n) of `data` in `ws`
  // (made for this network, with ws.set_keep_gradients(true) for every layer's ∂L/∂output) under this
  // session's loss; returns that loss. The last step's parameter gradients are put back afterwards, so the
  // views and training see them unchanged (layer state a backward writes, e.g. an LSTM's per-step norms,
  // then describes these examples). Scratch grows once; later calls allocate nothing.
  float inspect_gradients(Workspace& ws, const Dataset& data, int first, int n);

  bool diverged() const { return !error_.empty(); }
  const std::string& error() const { return error_; }
  int epoch() const { return epoch_; }
  long steps() const { return steps_; }
  float last_batch_loss() const { return last_loss_; }
  float last_gradient_norm() const { return last_grad_norm_; }  // before clipping
  const std::vector<EpochRecord>& history() const { return history_; }
  const Network& network() const { return net_; }
  const Dataset& train_set() const { return *train_; }
  const Dataset& test_set() const { return *test_; }
  const TrainingConfig& config() const { return config_; }
  const Optimizer& optimizer() const { return *optimizer_; }
  // Continues a saved run: the epoch and step counters (so the schedule goes on) and the history so far;
  // any evaluation under way is dropped (the saved history has its numbers). The current epoch restarts
  // from its first example.
  void restore_progress(int epoch, long steps, std::vector<EpochRecord> history);
  float current_learning_rate() const;  // the base rate through the schedule, now
  // Steps trained elsewhere (a GPU backend holding its own copy of the weights), in the same order as step():
  // take_batch() gathers the epoch's next mini-batch (n = 0 once the epoch's last batch is taken; a pending
  // evaluation is not waited for) and moves past it, at the learning rate current_learning_rate() gave just before;
  // external_step_done() reports each batch's loss and correctly classified rows, in order (false: the loss is not
  // finite and training stopped, as step() would). Once every batch of the epoch is reported and network() holds
  // the trained weights, end_external_epoch() closes the epoch (its evaluation starts) and shuffles the next.
  struct BatchView {
    const float* x;
    const int* labels;
    int n;
  };
  BatchView take_batch();
  bool external_step_done(float loss, int correct, int n);
  bool epoch_taken() const { return cursor_ >= train_->size(); }
  void end_external_epoch();
  Network& mutable_network() { return net_; }
  Optimizer& mutable_optimizer() { return *optimizer_; }
  void set_learning_rate(float lr);     // the base rate

 private:
  void start_epoch();
  void finish_epoch();
  void start_pending(int record, bool train_too);
  void evaluate_slice(int rows);  // the next rows of the pending evaluation
  int evaluation_rows(const Dataset& data) const;  // the examples a sliced evaluation covers
  // Names the first non-finite value (loss, gradient or weight) and stops training; false if one was found.
  bool check_finite(float loss, bool gradients);
  // n examples: labels (classification, rows_per_example() per example) or targets (regression).
  float loss_and_gradient(const float* logits, const int* labels, const float* targets, int n, float* dlogits);
  int rows_per_example() const;  // labelled rows of logits per example (label_steps; 1 for regression)
  int row_width() const;         // logits per row: classes, 1 for binary cross-entropy, target_width
  // confusion: when not null, counts[true * classes + predicted] are added to.
  int count_correct(const float* logits, const int* labels, int n, std::vector<int>* confusion = nullptr) const;
  float accuracy_of(int correct, int examples) const;

  Network net_;
  std::shared_ptr<const Dataset> train_, test_;
  TrainingConfig config_;
  std::unique_ptr<Optimizer> optimizer_;
  Rng shuffle_rng_;
  Workspace train_ws_, eval_ws_;
  std::vector<int> order_;
  std::vector<float> batch_x_, probs_, dlogits_, targets_;
  std::vector<int> batch_y_;
  double epoch_loss_ = 0.0;  // running sums over the current epoch's batches
  int epoch_correct_ = 0;
  int cursor_ = 0;
  int epoch_ = 0;
  long steps_ = 0;
  float last_loss_ = 0.0f;
  float last_grad_norm_ = 0.0f;
  std::string error_;
  std::vector<EpochRecord> history_;
  struct PendingEvaluation {
    int record = -1;      // index in history_, -1 when none
    bool train = false;   // evaluating the training set (then the test set)
    int cursor = 0;
    double loss = 0.0;
    int correct = 0;
    std::vector<int> confusion;
  } pending_;
  std::vector<int> test_confusion_;
  std::vector<float> inspect_dlogits_, inspect_saved_grads_;  // inspect_gradients' scratch
  int test_confusion_epoch_ = -1;
};

}  // namespace layerlab
