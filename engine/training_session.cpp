// training_session.cpp: the mini-batch loop (gather, forward, loss, backward, update), evaluation and
// divergence detection. Every buffer is made in the constructor; a step allocates nothing.
#include "training_session.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "gradient_clipping.h"
#include "memory_budget.h"
#include "regularization.h"

namespace layerlab {

namespace {
constexpr int kEvalChunk = 256;

int argmax(const float* v, int n) {
  int best = 0;
  for (int i = 1; i < n; ++i)
    if (v[i] > v[best]) best = i;
  return best;
}

// The training batch the workspace holds (the batch size, at most the training set), after the batch-size
// limit and the memory budget are checked: both refuse before anything of that size is allocated.
int checked_batch_capacity(const Network& net, int batch_size, int train_size, int optimizer_slots) {
  const std::string bad_batch = check_batch_size(batch_size);
  if (!bad_batch.empty()) throw std::invalid_argument(bad_batch);
  const int capacity = std::max(1, std::min(batch_size, std::max(1, train_size)));
  const std::string over = check_memory_budget(estimate_network_memory(net, {capacity, kEvalChunk}, optimizer_slots),
                                               "training this model (batches of " + std::to_string(capacity) + ", evaluation in chunks of " +
                                                   std::to_string(kEvalChunk) + ")");
  if (!over.empty()) throw std::invalid_argument(over + ": use a smaller batch or a smaller model");
  return capacity;
}
}  // namespace

TrainingSession::TrainingSession(Network net, Dataset train, Dataset test, TrainingConfig config,
                                 std::unique_ptr<Optimizer> optimizer)
    : TrainingSession(std::move(net), std::make_shared<const Dataset>(std::move(train)),
                      std::make_shared<const Dataset>(std::move(test)), config, std::move(optimizer)) {}

TrainingSession::TrainingSession(Network net, std::shared_ptr<const Dataset> train, std::shared_ptr<const Dataset> test,
                                 TrainingConfig config, std::unique_ptr<Optimizer> optimizer)
    : net_(std::move(net)),
      train_(std::move(train)),
      test_(std::move(test)),
      config_(config),
      optimizer_(optimizer ? std::move(optimizer) : make_optimizer(config.optimizer, net_.params())),
      shuffle_rng_(config.seed),
      train_ws_(net_, checked_batch_capacity(net_, config.batch_size, train_->size(), optimizer_->state_slots())),
      eval_ws_(net_, kEvalChunk) {
  if (train_->size() == 0) throw std::invalid_argument("the training set is empty");
  if (train_->features != net_.input_features())
    throw std::invalid_argument("the data has " + std::to_string(train_->features) + " features but the network expects " +
                                std::to_string(net_.input_features()));
  if (train_->is_regression() && config.loss != LossKind::MeanSquaredError)
    throw std::invalid_argument("this data has numeric targets (regression): train it with the mean squared error loss");
  if (config.loss == LossKind::BinaryCrossEntropy && train_->classes != 2)
    throw std::invalid_argument("binary cross-entropy needs two classes; this data has " + std::to_string(train_->classes) +
                                ": use softmax cross-entropy");
  const int outputs = row_width() * rows_per_example();
  if (net_.output_features() != outputs) {
    const std::string what = train_->is_regression() ? "one per target value"
                             : config.loss == LossKind::BinaryCrossEntropy ? "one for binary cross-entropy"
                                                                            : "one per class";
    throw std::invalid_argument("the network has " + std::to_string(net_.output_features()) + " outputs but the data needs " +
                                std::to_string(outputs) + " (" + what +
                                (rows_per_example() > 1 ? ", at each of " + std::to_string(rows_per_example()) + " steps)" : ")"));
  }
  train_ws_.set_training(true, config.seed + 17);
  config_.batch_size = train_ws_.capacity();
  const size_t cap = static_cast<size_t>(std::max(config_.batch_size, kEvalChunk));
  const size_t outputs_per_example = static_cast<size_t>(outputs);
  batch_x_.resize(cap * static_cast<size_t>(train_->features));
  batch_y_.resize(cap * static_cast<size_t>(rows_per_example()));
  probs_.resize(cap * outputs_per_example);
  dlogits_.resize(cap * outputs_per_example);
  targets_.resize(cap * outputs_per_example);
  order_.resize(static_cast<size_t>(train_->size()));
  std::iota(order_.begin(), order_.end(), 0);
  history_.reserve(4096);
  if (config_.evaluate_in_slices) {
    const float nan = std::numeric_limits<float>::quiet_NaN();
    history_.push_back({0, 0, {nan, nan}, {nan, nan}});
    start_pending(0, config_.evaluate_train_set);
  } else {
    history_.push_back({0, 0, evaluate(*train_), evaluate(*test_)});
  }
  start_epoch();
}

void TrainingSession::set_learning_rate(float lr) {
  config_.learning_rate = lr;
}

void TrainingSession::restore_progress(int epoch, long steps, std::vector<EpochRecord> history) {
  epoch_ = std::max(0, epoch);
  steps_ = std::max(0L, steps);
  if (!history.empty()) history_ = std::move(history);
  pending_.record = -1;
}

void TrainingSession::start_epoch() {
  // Fisher-Yates with the session's own generator: the same order on every platform.
  for (size_t i = order_.size(); i > 1; --i)
    std::swap(order_[i - 1], order_[shuffle_rng_.below(static_cast<uint32_t>(i))]);
  cursor_ = 0;
}

int TrainingSession::rows_per_example() const { return train_->is_regression() ? 1 : std::max(1, train_->label_steps); }

int TrainingSession::row_width() const {
  if (train_->is_regression()) return train_->target_width;
  return config_.loss == LossKind::BinaryCrossEntropy ? 1 : train_->classes;
}

float TrainingSession::loss_and_gradient(const float* logits, const int* labels, const float* targets, int n, float* dlogits) {
  if (train_->is_regression()) {
    const float loss = mse_forward(logits, targets, n, train_->target_width);
    if (dlogits) mse_backward(logits, targets, dlogits, n, train_->target_width);
    return loss;
  }
  n *= rows_per_example();  // many-to-many: one row of logits per labelled step
  const int c = train_->classes;
  if (config_.loss == LossKind::BinaryCrossEntropy) {
    const float loss = binary_cross_entropy_forward(logits, labels, n);
    if (dlogits) binary_cross_entropy_backward(logits, labels, dlogits, n);
    return loss;
  }
  if (config_.loss == LossKind::SoftmaxCrossEntropy) {
    const float loss = softmax_cross_entropy_forward(logits, labels, probs_.data(), n, c);
    if (dlogits) softmax_cross_entropy_backward(probs_.data(), labels, dlogits, n, c);
    return loss;
  }
  for (int r = 0; r < n; ++r)
    for (int k = 0; k < c; ++k) targets_[static_cast<size_t>(r * c + k)] = k == labels[r] ? 1.0f : 0.0f;
  const float loss = mse_forward(logits, targets_.data(), n, c);
  if (dlogits) mse_backward(logits, targets_.data(), dlogits, n, c);
  return loss;
}

float TrainingSession::current_learning_rate() const {
  const double epoch = epoch_ + static_cast<double>(cursor_) / static_cast<double>(train_->size());
  return scheduled_learning_rate(config_.schedule, config_.learning_rate, epoch);
}

int TrainingSession::count_correct(const float* logits, const int* labels, int n, std::vector<int>* confusion) const {
  if (train_->is_regression()) return 0;
  int correct = 0;
  const int c = train_->classes;
  for (int r = 0; r < n * rows_per_example(); ++r) {
    const int predicted = predicted_class(logits + static_cast<size_t>(r) * row_width());
    correct += predicted == labels[r];
    if (confusion && labels[r] >= 0 && labels[r] < c) ++(*confusion)[static_cast<size_t>(labels[r] * c + predicted)];
  }
  return correct;
}

float TrainingSession::accuracy_of(int correct, int examples) const {
  if (train_->is_regression()) return std::numeric_limits<float>::quiet_NaN();
  return static_cast<float>(correct) / (static_cast<float>(examples) * static_cast<float>(rows_per_example()));
}

int TrainingSession::predicted_class(const float* logits) const {
  if (config_.loss == LossKind::BinaryCrossEntropy) return logits[0] > 0.0f ? 1 : 0;
  return argmax(logits, train_->classes);
}

float TrainingSession::step() {
  if (diverged()) return last_loss_;
  while (evaluating()) evaluate_slice(kEvalChunk);
  const size_t f = static_cast<size_t>(train_->features), labels = static_cast<size_t>(rows_per_example());
  const size_t tw = static_cast<size_t>(train_->target_width);
  const int n = std::min(config_.batch_size, train_->size() - cursor_);
  for (int r = 0; r < n; ++r) {
    const int i = order_[static_cast<size_t>(cursor_ + r)];
    std::copy(train_->row(i), train_->row(i) + f, batch_x_.begin() + static_cast<std::ptrdiff_t>(r * f));
    if (train_->is_regression()) std::copy(train_->target(i), train_->target(i) + tw, targets_.begin() + static_cast<std::ptrdiff_t>(r * tw));
    else std::copy(train_->labels(i), train_->labels(i) + labels, batch_y_.begin() + static_cast<std::ptrdiff_t>(r * labels));
  }
  net_.params().zero_grad();
  const float* logits = net_.forward(train_ws_, batch_x_.data(), n);
  last_loss_ = loss_and_gradient(logits, batch_y_.data(), targets_.data(), n, dlogits_.data());
  epoch_correct_ += count_correct(logits, batch_y_.data(), n);
  epoch_loss_ += static_cast<double>(last_loss_) * n;
  net_.backward(train_ws_, dlogits_.data(), n);
  if (config_.l1 > 0.0f || config_.l2 > 0.0f) add_weight_penalty_gradient(net_.params(), config_.l1, config_.l2);
  // The global gradient norm, measured every step (the UI plots it) and clipped when clip_norm > 0.
  last_grad_norm_ = clip_grad_norm(net_.params(), config_.clip_norm);
  ++steps_;
  // A NaN in the loss or a gradient stops training before the update, so the weights stay usable.
  if (!check_finite(last_loss_, true)) return last_loss_;
  optimizer_->step(net_.params(), current_learning_rate());
  if (!check_finite(last_loss_, false)) return last_loss_;
  cursor_ += n;
  if (cursor_ >= train_->size()) finish_epoch();
  return last_loss_;
}

TrainingSession::BatchView TrainingSession::take_batch() {
  const size_t f = static_cast<size_t>(train_->features), labels = static_cast<size_t>(rows_per_example());
  const int n = std::max(0, std::min(config_.batch_size, train_->size() - cursor_));
  for (int r = 0; r < n; ++r) {
    const int i = order_[static_cast<size_t>(cursor_ + r)];
    std::copy(train_->row(i), train_->row(i) + f, batch_x_.begin() + static_cast<std::ptrdiff_t>(r * f));
    if (!train_->is_regression())
      std::copy(train_->labels(i), train_->labels(i) + labels, batch_y_.begin() + static_cast<std::ptrdiff_t>(r * labels));
  }
  cursor_ += n;
  return {batch_x_.data(), batch_y_.data(), n};
}

bool TrainingSession::external_step_done(float loss, int correct, int n) {
  if (diverged()) return false;
  last_loss_ = loss;
  ++steps_;
  if (!check_finite(loss, false)) return false;
  epoch_correct_ += correct;
  epoch_loss_ += static_cast<double>(loss) * n;
  return true;
}

void TrainingSession::end_external_epoch() {
  if (epoch_taken() && !diverged()) finish_epoch();
}

float TrainingSession::inspect_gradients(Workspace& ws, const Dataset& data, int first, int n) {
  n = std::min({n, ws.capacity(), kEvalChunk, data.size() - first});
  if (n <= 0) return 0.0f;
  const Span<float> grads = net_.params().grads();
  inspect_saved_grads_.assign(grads.begin(), grads.end());
  inspect_dlogits_.resize(static_cast<size_t>(n) * static_cast<size_t>(net_.output_features()));
  const float* logits = net_.forward(ws, data.row(first), n);
  const int* labels = data.is_regression() ? nullptr : data.labels(first);
  const float* targets = data.is_regression() ? data.target(first) : nullptr;
  const float loss = loss_and_gradient(logits, labels, targets, n, inspect_dlogits_.data());
  net_.backward(ws, inspect_dlogits_.data(), n);
  std::copy(inspect_saved_grads_.begin(), inspect_saved_grads_.end(), grads.begin());
  return loss;
}

bool TrainingSession::check_finite(float loss, bool gradients) {
  char where[200];
  if (!std::isfinite(loss)) {
    std::snprintf(where, sizeof where, "the loss became %s", std::isnan(loss) ? "NaN" : "infinite");
  } else {
    const ParameterArena& params = net_.params();
    const Span<const float> v = gradients ? params.grads() : params.values();
    size_t bad = v.size;
    for (size_t i = 0; i < v.size && bad == v.size; ++i)
      if (!std::isfinite(v[i])) bad = i;
    if (bad == v.size) return true;
    std::snprintf(where, sizeof where, "the %s of %s became %s", gradients ? "gradient" : "value",
                  params.info(params.owner_of(bad)).name.c_str(), std::isnan(v[bad]) ? "NaN" : "infinite");
  }
  char msg[480];
  std::snprintf(msg, sizeof msg,
                "Training diverged at step %ld (epoch %d): %s. The learning rate (%g) is too large for this "
                "network: lower it (try %g) and press Reset.",
                steps_, epoch_ + 1, where, static_cast<double>(current_learning_rate()),
                static_cast<double>(current_learning_rate()) / 10.0);
  error_ = msg;
  return false;
}

void TrainingSession::finish_epoch() {
  ++epoch_;
  Metrics running{static_cast<float>(epoch_loss_ / train_->size()), accuracy_of(epoch_correct_, train_->size())};
  if (config_.evaluate_in_slices) {
    const float nan = std::numeric_limits<float>::quiet_NaN();
    history_.push_back({epoch_, steps_, config_.evaluate_train_set ? Metrics{nan, nan} : running, {nan, nan}});
    start_pending(static_cast<int>(history_.size()) - 1, config_.evaluate_train_set);
  } else {
    history_.push_back({epoch_, steps_, config_.evaluate_train_set ? evaluate(*train_) : running, evaluate(*test_)});
  }
  epoch_loss_ = 0.0;
  epoch_correct_ = 0;
  start_epoch();
}

int TrainingSession::advance(int max_steps, double max_seconds) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  int done = 0;
  while ((done < max_steps || evaluating()) && !diverged()) {
    if (evaluating()) {
      evaluate_slice(16);  // small slices: the time budget is checked after each
    } else {
      step();
      ++done;
    }
    if (std::chrono::duration<double>(Clock::now() - start).count() >= max_seconds) break;
  }
  return done;
}

void TrainingSession::start_pending(int record, bool train_too) {
  std::vector<int> confusion = std::move(pending_.confusion);  // keeps its allocation across evaluations
  pending_ = PendingEvaluation{};
  pending_.record = record;
  pending_.train = train_too;
  const size_t classes = train_->is_regression() ? 0 : static_cast<size_t>(train_->classes);
  confusion.assign(classes * classes, 0);
  pending_.confusion = std::move(confusion);
}

float TrainingSession::evaluation_progress() const {
  if (!evaluating()) return 1.0f;
  const int train_rows = config_.evaluate_train_set ? evaluation_rows(*train_) : 0;
  const float total = static_cast<float>(evaluation_rows(*test_) + train_rows);
  const float done = static_cast<float>(pending_.cursor + (pending_.train ? 0 : train_rows));
  return total > 0 ? done / total : 1.0f;
}

int TrainingSession::evaluation_rows(const Dataset& data) const {
  return config_.evaluation_limit > 0 ? std::min(config_.evaluation_limit, data.size()) : data.size();
}

void TrainingSession::evaluate_slice(int rows) {
  const Dataset& data = pending_.train ? *train_ : *test_;
  const int size = evaluation_rows(data);
  const int n = std::min({rows, kEvalChunk, size - pending_.cursor});
  if (n > 0) {
    const float* logits = net_.forward(eval_ws_, data.row(pending_.cursor), n);
    const int* labels = data.is_regression() ? nullptr : data.labels(pending_.cursor);
    const float* targets = data.is_regression() ? data.target(pending_.cursor) : nullptr;
    pending_.loss += static_cast<double>(loss_and_gradient(logits, labels, targets, n, nullptr)) * n;
    pending_.correct += count_correct(logits, labels, n, pending_.train ? nullptr : &pending_.confusion);
    pending_.cursor += n;
  }
  if (pending_.cursor < size) return;
  Metrics m;
  if (size > 0) {
    m.loss = static_cast<float>(pending_.loss / size);
    m.accuracy = accuracy_of(pending_.correct, size);
  }
  EpochRecord& record = history_[static_cast<size_t>(pending_.record)];
  if (pending_.train) {
    record.train = m;
    start_pending(pending_.record, false);
  } else {
    record.test = m;
    test_confusion_.swap(pending_.confusion);
    test_confusion_epoch_ = record.epoch;
    pending_.record = -1;
  }
}

Metrics TrainingSession::evaluate(const Dataset& data) {
  Metrics m;
  if (data.size() == 0) return m;
  double loss = 0.0;
  int correct = 0;
  for (int start = 0; start < data.size(); start += kEvalChunk) {
    const int n = std::min(kEvalChunk, data.size() - start);
    const float* logits = net_.forward(eval_ws_, data.row(start), n);
    const int* labels = data.is_regression() ? nullptr : data.labels(start);
    const float* targets = data.is_regression() ? data.target(start) : nullptr;
    loss += static_cast<double>(loss_and_gradient(logits, labels, targets, n, nullptr)) * n;
    correct += count_correct(logits, labels, n);
  }
  m.loss = static_cast<float>(loss / data.size());
  m.accuracy = accuracy_of(correct, data.size());
  return m;
}

std::vector<int> TrainingSession::confusion_matrix(const Dataset& data) {
  const int c = data.classes;
  std::vector<int> counts(static_cast<size_t>(c) * static_cast<size_t>(c), 0);
  if (data.is_regression()) return counts;
  for (int start = 0; start < data.size(); start += kEvalChunk) {
    const int n = std::min(kEvalChunk, data.size() - start);
    const float* logits = net_.forward(eval_ws_, data.row(start), n);
    const int* labels = data.labels(start);
    for (int r = 0; r < n * rows_per_example(); ++r)
      ++counts[static_cast<size_t>(labels[r] * c + predicted_class(logits + static_cast<size_t>(r) * row_width()))];
  }
  return counts;
}

}  // namespace layerlab
