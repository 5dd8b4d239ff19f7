// backend_network.cpp: BackendNetwork: each engine layer kind mapped onto its Backend ops, forward and backward side by side.
#include "backend_network.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "activation.h"
#include "conv2d.h"
#include "dense.h"
#include "lstm.h"
#include "pooling.h"

namespace layerlab {

TensorId BackendNetwork::tensor(size_t count) {
  tensors_.push_back(be_.create_tensor(count));
  return tensors_.back();
}

BackendNetwork::Param BackendNetwork::param(Span<float> value) {
  const ParameterArena& arena = net_.params();
  const ParamId id = arena.owner_of(static_cast<size_t>(value.data - arena.values().data));
  Param p{tensor(value.size), tensor(value.size), value, id};
  be_.write(p.value, value.data, value.size);
  return p;
}

BackendNetwork::BackendNetwork(Backend& backend, Network& net, int batch) : be_(backend), net_(net), batch_(batch) {
  const size_t n = static_cast<size_t>(batch);
  input_ = tensor(n * net.input_features());
  dinput_ = tensor(n * net.input_features());
  TensorId previous = input_, dprevious = dinput_;
  for (int i = 0; i < net.layer_count(); ++i) {
    const Layer& layer = net.layer(i);
    Stage s{Kind::Flatten, &layer, previous, dprevious, kNoTensor, {}};
    if (auto* dense = dynamic_cast<const DenseLayer*>(&layer)) {
      s.kind = Kind::Dense;
      s.params = {param(dense->weights()), param(dense->bias())};
    } else if (auto* act = dynamic_cast<const ActivationLayer*>(&layer)) {
      if (!is_elementwise(act->activation())) throw std::invalid_argument("backend network: no softmax layer (the loss applies it)");
      s.kind = Kind::Activation;
    } else if (auto* conv = dynamic_cast<const Conv2dLayer*>(&layer)) {
      if (!backend.supports(conv->geometry()))
        throw std::invalid_argument(std::string("backend network: the ") + backend.name() + " backend cannot run " +
                                    padding_mode_name(conv->geometry().padding) + " padding");
      s.kind = Kind::Conv2d;
      s.params = {param(conv->weights()), param(conv->bias())};
    } else if (auto* pool = dynamic_cast<const Pool2dLayer*>(&layer)) {
      if (pool->geometry().kind != PoolKind::Max) throw std::invalid_argument("backend network: max pooling only");
      s.kind = Kind::MaxPool;
    } else if (auto* lstm = dynamic_cast<const LstmLayer*>(&layer)) {
      s.kind = Kind::Lstm;
      s.params = {param(lstm->input_weights()), param(lstm->recurrent_weights()), param(lstm->bias())};
      s.cache = tensor(lstm->cache_floats(batch));
    } else if (!dynamic_cast<const FlattenLayer*>(&layer)) {
      throw std::invalid_argument(std::string("backend network: cannot run a ") + layer.kind() + " layer");
    }
    if (s.kind != Kind::Flatten) {
      s.output = tensor(n * layer.out_features());
      s.doutput = tensor(n * layer.out_features());
    }
    previous = s.output;
    dprevious = s.doutput;
    stages_.push_back(std::move(s));
  }
  labels_ = tensor(n);
  probs_ = tensor(n * net.output_features());
  loss_ = tensor(1);
}

BackendNetwork::~BackendNetwork() {
  for (TensorId t : tensors_) be_.destroy_tensor(t);
}

void BackendNetwork::record_forward(int i, TensorId input, int n) {
  const Stage& s = stages_[i];
  switch (s.kind) {
    case Kind::Dense: {
      const auto& d = static_cast<const DenseLayer&>(*s.layer);
      const int rows = n * (d.in_features() / d.inputs());  // a sequence applies the weights to every step
      be_.dense_forward(input, s.params[0].value, s.params[1].value, s.output, rows, d.inputs(), d.units());
      break;
    }
    case Kind::Activation:
      be_.activation_forward(static_cast<const ActivationLayer&>(*s.layer).activation(), input, s.output,
                             size_t(n) * s.layer->out_features());
      break;
    case Kind::Flatten: break;
    case Kind::Conv2d:
      be_.conv2d_forward(static_cast<const Conv2dLayer&>(*s.layer).geometry(), input, s.params[0].value,
                         s.params[1].value, s.output, n);
      break;
    case Kind::MaxPool:
      be_.max_pool_forward(static_cast<const Pool2dLayer&>(*s.layer).geometry(), input, s.output, n);
      break;
    case Kind::Lstm:
      be_.lstm_forward(static_cast<const LstmLayer&>(*s.layer).shape(n), input, s.params[0].value, s.params[1].value,
                       s.params[2].value, s.output, s.cache);
      break;
  }
}

void BackendNetwork::record_backward(int i, TensorId input, TensorId dinput, int n) {
  const Stage& s = stages_[i];
  const TensorId dx = i == 0 ? kNoTensor : dinput;  // nobody needs the gradient of the data
  switch (s.kind) {
    case Kind::Dense: {
      const auto& d = static_cast<const DenseLayer&>(*s.layer);
      const int rows = n * (d.in_features() / d.inputs());
      be_.dense_backward(input, s.params[0].value, s.doutput, dx, s.params[0].grad, s.params[1].grad, rows, d.inputs(),
                         d.units());
      break;
    }
    case Kind::Activation:
      be_.activation_backward(static_cast<const ActivationLayer&>(*s.layer).activation(), s.output, s.doutput, dinput,
                              size_t(n) * s.layer->out_features());
      break;
    case Kind::Flatten: break;
    case Kind::Conv2d:
      be_.conv2d_backward(static_cast<const Conv2dLayer&>(*s.layer).geometry(), input, s.params[0].value, s.doutput,
                          dx, s.params[0].grad, s.params[1].grad, n);
      break;
    case Kind::MaxPool:
      be_.max_pool_backward(static_cast<const Pool2dLayer&>(*s.layer).geometry(), input, s.doutput, dinput, n);
      break;
    case Kind::Lstm: {
      const auto& lstm = static_cast<const LstmLayer&>(*s.layer);
      be_.lstm_backward(lstm.shape(n), lstm.truncate(), input, s.params[0].value, s.params[1].value, s.doutput, dx,
                        s.params[0].grad, s.params[1].grad, s.params[2].grad, s.cache);
      break;
    }
  }
}

void BackendNetwork::train_step(const float* x, const int* labels, float learning_rate, float* loss,
                                std::function<void()> done) {
  train_step(x, labels, batch_, learning_rate, 1, loss, nullptr, std::move(done));
}

void BackendNetwork::train_step(const float* x, const int* labels, int n, float learning_rate, long t, float* loss,
                                float* probs, std::function<void()> done) {
  if (n < 1 || n > batch_) throw std::invalid_argument("backend network: a step of " + std::to_string(n) +
                                                       " examples on a network built for " + std::to_string(batch_));
  const int classes = net_.output_features();
  be_.write(input_, x, size_t(n) * net_.input_features());
  be_.write_labels(labels_, labels, size_t(n));
  be_.begin_step();
  for (const Stage& s : stages_)
    for (const Param& p : s.params) be_.zero(p.grad);
  for (int i = 0; i < static_cast<int>(stages_.size()); ++i) record_forward(i, i == 0 ? input_ : stages_[i - 1].output, n);
  const TensorId logits = stages_.empty() ? input_ : stages_.back().output;
  const TensorId dlogits = stages_.empty() ? dinput_ : stages_.back().doutput;
  be_.softmax_cross_entropy_forward(logits, labels_, probs_, loss_, n, classes);
  be_.softmax_cross_entropy_backward(probs_, labels_, dlogits, n, classes);
  for (int i = static_cast<int>(stages_.size()) - 1; i >= 0; --i)
    record_backward(i, i == 0 ? input_ : stages_[i - 1].output, i == 0 ? dinput_ : stages_[i - 1].doutput, n);
  const OptimizerConfig& c = optimizer_;
  for (const Stage& s : stages_)
    for (const Param& p : s.params) {
      if (c.kind == OptimizerKind::Momentum)
        be_.momentum_update(p.value, p.grad, p.state[0], p.host.size, learning_rate, c.momentum);
      else if (c.kind == OptimizerKind::Adam)
        be_.adam_update(p.value, p.grad, p.state[0], p.state[1], p.host.size, learning_rate, c.beta1, c.beta2,
                        c.epsilon, t);
      else
        be_.sgd_update(p.value, p.grad, p.host.size, learning_rate);
    }
  be_.read(loss_, loss, 1);
  if (probs) be_.read(probs_, probs, size_t(n) * classes);
  be_.end_step(std::move(done));
}

void BackendNetwork::use_optimizer(const Optimizer& optimizer) {
  const OptimizerKind kind = optimizer.kind();
  if (kind != OptimizerKind::Sgd && kind != OptimizerKind::Momentum && kind != OptimizerKind::Adam)
    throw std::invalid_argument(std::string("backend network: no ") + optimizer_name(kind) + " update on the " +
                                be_.name() + " backend");
  optimizer_ = optimizer.config();
  state_slots_ = optimizer.state_slots();
  for (Stage& s : stages_)
    for (Param& p : s.params)
      for (int slot = 0; slot < 2; ++slot) {
        if (slot >= state_slots_) continue;
        if (p.state[slot] == kNoTensor) p.state[slot] = tensor(p.host.size);
        const Span<const float> state = optimizer.state(p.id, slot);
        be_.write(p.state[slot], state.data, state.size);
      }
}

size_t BackendNetwork::state_floats() const {
  size_t total = 0;
  for (const Stage& s : stages_)
    for (const Param& p : s.params) total += p.host.size * static_cast<size_t>(1 + state_slots_);
  return total;
}

void BackendNetwork::read_state(float* destination, std::function<void()> done) {
  be_.begin_step();
  for (const Stage& s : stages_)
    for (const Param& p : s.params) {
      be_.read(p.value, destination, p.host.size);
      destination += p.host.size;
      for (int slot = 0; slot < state_slots_; ++slot) {
        be_.read(p.state[slot], destination, p.host.size);
        destination += p.host.size;
      }
    }
  be_.end_step(std::move(done));
}

void BackendNetwork::apply_state(const float* source, Optimizer& optimizer) const {
  for (const Stage& s : stages_)
    for (const Param& p : s.params) {
      std::copy(source, source + p.host.size, p.host.data);
      source += p.host.size;
      for (int slot = 0; slot < state_slots_; ++slot) {
        const Span<float> state = optimizer.state(p.id, slot);
        std::copy(source, source + p.host.size, state.data);
        source += p.host.size;
      }
    }
}

void BackendNetwork::read_parameters(std::function<void()> done) {
  be_.begin_step();
  for (const Stage& s : stages_)
    for (const Param& p : s.params) be_.read(p.value, p.host.data, p.host.size);
  be_.end_step(std::move(done));
}

}  // namespace layerlab
