// training_session.cpp: the mini-batch loop (gather, forward, loss, backward, update), evaluation and
// divergence detection. Every buffer is made in the constructor; a step allocates nothing.
#include "training_session.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <stdexcept>

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
}  // namespace

TrainingSession::TrainingSession(Network net, Dataset train, Dataset test, TrainingConfig config,
                                 std::unique_ptr<Optimizer> optimizer)
    : net_(std::move(net)),
      train_(std::move(train)),
      test_(std::move(test)),
      config_(config),
      optimizer_(optimizer ? std::move(optimizer) : make_optimizer(config.optimizer, net_.params())),
      shuffle_rng_(config.seed),
      train_ws_(net_, std::max(1, std::min(config.batch_size, std::max(1, train_.size())))),
      eval_ws_(net_, kEvalChunk) {
  if (train_.size() == 0) throw std::invalid_argument("the training set is empty");
  if (train_.features != net_.input_features())
    throw std::invalid_argument("the data has " + std::to_string(train_.features) + " features but the network expects " +
                                std::to_string(net_.input_features()));
  const int outputs = config.loss == LossKind::BinaryCrossEntropy ? 1 : train_.classes;
  if (config.loss == LossKind::BinaryCrossEntropy && train_.classes != 2)
    throw std::invalid_argument("binary cross-entropy needs two classes; this data has " + std::to_string(train_.classes) +
                                ": use softmax cross-entropy");
  if (net_.output_features() != outputs)
    throw std::invalid_argument("the network has " + std::to_string(net_.output_features()) + " outputs but the data needs " +
                                std::to_string(outputs) + " (one per class" +
                                (config.loss == LossKind::BinaryCrossEntropy ? ", or one for binary cross-entropy)" : ")"));
  train_ws_.set_training(true, config.seed + 17);
  config_.batch_size = train_ws_.capacity();
  const size_t cap = static_cast<size_t>(std::max(config_.batch_size, kEvalChunk));
  const size_t classes = static_cast<size_t>(train_.classes);
  batch_x_.resize(cap * static_cast<size_t>(train_.features));
  batch_y_.resize(cap);
  probs_.resize(cap * classes);
  dlogits_.resize(cap * classes);
  targets_.resize(cap * classes);
  order_.resize(static_cast<size_t>(train_.size()));
  std::iota(order_.begin(), order_.end(), 0);
  history_.reserve(4096);
  history_.push_back({0, 0, evaluate(train_), evaluate(test_)});
  start_epoch();
}

void TrainingSession::set_learning_rate(float lr) {
  config_.learning_rate = lr;
}

void TrainingSession::start_epoch() {
  // Fisher-Yates with the session's own generator: the same order on every platform.
  for (size_t i = order_.size(); i > 1; --i)
    std::swap(order_[i - 1], order_[shuffle_rng_.below(static_cast<uint32_t>(i))]);
  cursor_ = 0;
}

float TrainingSession::loss_and_gradient(const float* logits, const int* labels, int n, float* dlogits) {
  const int c = train_.classes;
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
  const double epoch = epoch_ + static_cast<double>(cursor_) / static_cast<double>(train_.size());
  return scheduled_learning_rate(config_.schedule, config_.learning_rate, epoch);
}

int TrainingSession::predicted_class(const float* logits) const {
  if (config_.loss == LossKind::BinaryCrossEntropy) return logits[0] > 0.0f ? 1 : 0;
  return argmax(logits, train_.classes);
}

float TrainingSession::step() {
  if (diverged()) return last_loss_;
  const int f = train_.features;
  const int n = std::min(config_.batch_size, train_.size() - cursor_);
  for (int r = 0; r < n; ++r) {
    const int i = order_[static_cast<size_t>(cursor_ + r)];
    std::copy(train_.row(i), train_.row(i) + f, batch_x_.begin() + static_cast<long>(r) * f);
    batch_y_[static_cast<size_t>(r)] = train_.y[static_cast<size_t>(i)];
  }
  net_.params().zero_grad();
  const float* logits = net_.forward(train_ws_, batch_x_.data(), n);
  last_loss_ = loss_and_gradient(logits, batch_y_.data(), n, dlogits_.data());
  const int outputs = net_.output_features();
  for (int r = 0; r < n; ++r)
    epoch_correct_ += predicted_class(logits + static_cast<size_t>(r) * outputs) == batch_y_[static_cast<size_t>(r)];
  epoch_loss_ += static_cast<double>(last_loss_) * n;
  net_.backward(train_ws_, dlogits_.data(), n);
  if (config_.l1 > 0.0f || config_.l2 > 0.0f) add_weight_penalty_gradient(net_.params(), config_.l1, config_.l2);
  ++steps_;
  // A NaN in the loss or a gradient stops training before the update, so the weights stay usable.
  if (!check_finite(last_loss_, true)) return last_loss_;
  optimizer_->step(net_.params(), current_learning_rate());
  if (!check_finite(last_loss_, false)) return last_loss_;
  cursor_ += n;
  if (cursor_ >= train_.size()) finish_epoch();
  return last_loss_;
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
  Metrics running{static_cast<float>(epoch_loss_ / train_.size()), static_cast<float>(epoch_correct_) / train_.size()};
  history_.push_back({epoch_, steps_, config_.evaluate_train_set ? evaluate(train_) : running, evaluate(test_)});
  epoch_loss_ = 0.0;
  epoch_correct_ = 0;
  start_epoch();
}

int TrainingSession::advance(int max_steps, double max_seconds) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  int done = 0;
  while (done < max_steps && !diverged()) {
    step();
    ++done;
    if (std::chrono::duration<double>(Clock::now() - start).count() >= max_seconds) break;
  }
  return done;
}

Metrics TrainingSession::evaluate(const Dataset& data) {
  Metrics m;
  if (data.size() == 0) return m;
  double loss = 0.0;
  int correct = 0;
  for (int start = 0; start < data.size(); start += kEvalChunk) {
    const int n = std::min(kEvalChunk, data.size() - start);
    const float* logits = net_.forward(eval_ws_, data.row(start), n);
    const int* labels = data.y.data() + start;
    loss += static_cast<double>(loss_and_gradient(logits, labels, n, nullptr)) * n;
    const int outputs = net_.output_features();
    for (int r = 0; r < n; ++r) correct += predicted_class(logits + static_cast<size_t>(r) * outputs) == labels[r];
  }
  m.loss = static_cast<float>(loss / data.size());
  m.accuracy = static_cast<float>(correct) / static_cast<float>(data.size());
  return m;
}

std::vector<int> TrainingSession::confusion_matrix(const Dataset& data) {
  const int c = data.classes;
  std::vector<int> counts(static_cast<size_t>(c) * static_cast<size_t>(c), 0);
  const int outputs = net_.output_features();
  for (int start = 0; start < data.size(); start += kEvalChunk) {
    const int n = std::min(kEvalChunk, data.size() - start);
    const float* logits = net_.forward(eval_ws_, data.row(start), n);
    for (int r = 0; r < n; ++r) {
      const int truth = data.y[static_cast<size_t>(start + r)];
      ++counts[static_cast<size_t>(truth * c + predicted_class(logits + static_cast<size_t>(r) * outputs))];
    }
  }
  return counts;
}

}  // namespace layerlab
