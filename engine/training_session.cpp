// training_session.cpp: the mini-batch loop (gather, forward, loss, backward, update), evaluation and
// divergence detection. Every buffer is made in the constructor; a step allocates nothing.
#include "training_session.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <stdexcept>

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

TrainingSession::TrainingSession(Network net, Dataset train, Dataset test, TrainingConfig config)
    : net_(std::move(net)),
      train_(std::move(train)),
      test_(std::move(test)),
      config_(config),
      sgd_(config.learning_rate),
      shuffle_rng_(config.seed),
      train_ws_(net_, std::max(1, std::min(config.batch_size, std::max(1, train_.size())))),
      eval_ws_(net_, kEvalChunk) {
  if (train_.size() == 0) throw std::invalid_argument("the training set is empty");
  if (train_.features != net_.input_features())
    throw std::invalid_argument("the data has " + std::to_string(train_.features) + " features but the network expects " +
                                std::to_string(net_.input_features()));
  if (net_.output_features() != train_.classes)
    throw std::invalid_argument("the network has " + std::to_string(net_.output_features()) +
                                " outputs but the data has " + std::to_string(train_.classes) + " classes");
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
  sgd_.set_learning_rate(lr);
}

void TrainingSession::start_epoch() {
  // Fisher-Yates with the session's own generator: the same order on every platform.
  for (size_t i = order_.size(); i > 1; --i)
    std::swap(order_[i - 1], order_[shuffle_rng_.below(static_cast<uint32_t>(i))]);
  cursor_ = 0;
}

float TrainingSession::loss_and_gradient(const float* logits, const int* labels, int n, float* dlogits) {
  const int c = train_.classes;
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
  net_.backward(train_ws_, dlogits_.data(), n);
  sgd_.step(net_.params());
  ++steps_;
  check_finite(last_loss_);
  cursor_ += n;
  if (cursor_ >= train_.size()) finish_epoch();
  return last_loss_;
}

void TrainingSession::check_finite(float loss) {
  char where[160];
  if (!std::isfinite(loss)) {
    std::snprintf(where, sizeof where, "the loss became %s", std::isnan(loss) ? "NaN" : "infinite");
  } else {
    const Span<const float> w = static_cast<const ParameterArena&>(net_.params()).values();
    size_t bad = w.size;
    for (size_t i = 0; i < w.size && bad == w.size; ++i)
      if (!std::isfinite(w[i])) bad = i;
    if (bad == w.size) return;
    std::snprintf(where, sizeof where, "the %s became %s", net_.params().info(net_.params().owner_of(bad)).name.c_str(),
                  std::isnan(w[bad]) ? "NaN" : "infinite");
  }
  char msg[400];
  std::snprintf(msg, sizeof msg,
                "Training diverged at step %ld (epoch %d): %s. The learning rate (%g) is too large for this "
                "network: lower it (try %g) and press Reset.",
                steps_, epoch_ + 1, where, static_cast<double>(config_.learning_rate),
                static_cast<double>(config_.learning_rate) / 10.0);
  error_ = msg;
}

void TrainingSession::finish_epoch() {
  ++epoch_;
  history_.push_back({epoch_, steps_, evaluate(train_), evaluate(test_)});
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
  const int c = data.classes;
  for (int start = 0; start < data.size(); start += kEvalChunk) {
    const int n = std::min(kEvalChunk, data.size() - start);
    const float* logits = net_.forward(eval_ws_, data.row(start), n);
    const int* labels = data.y.data() + start;
    loss += static_cast<double>(loss_and_gradient(logits, labels, n, nullptr)) * n;
    for (int r = 0; r < n; ++r) correct += argmax(logits + static_cast<size_t>(r) * c, c) == labels[r];
  }
  m.loss = static_cast<float>(loss / data.size());
  m.accuracy = static_cast<float>(correct) / static_cast<float>(data.size());
  return m;
}

}  // namespace layerlab
