// network.cpp: Network's finalize, forward and backward through the layer stack; Workspace's buffers.
#include "network.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace layerlab {

Workspace::Workspace(const Network& net, int capacity) : capacity_(capacity) {
  const size_t cap = static_cast<size_t>(capacity);
  for (int i = 0; i < net.layer_count(); ++i) {
    outputs_.emplace_back(cap * static_cast<size_t>(net.layer(i).out_features()));
    caches_.emplace_back(net.layer(i).cache_floats(capacity));
  }
  const size_t widest = cap * static_cast<size_t>(std::max(net.widest_layer(), net.input_features()));
  grad_a_.resize(widest);
  grad_b_.resize(widest);
}

void Workspace::set_keep_gradients(bool keep) {
  keep_gradients_ = keep;
  if (keep && grads_.empty())
    for (size_t i = 0; i + 1 < outputs_.size(); ++i) grads_.emplace_back(outputs_[i].size());
}

const float* Workspace::output_gradient(int layer) const {
  if (!keep_gradients_) return nullptr;
  const size_t i = static_cast<size_t>(layer);
  return i + 1 == outputs_.size() ? dout_ : grads_[i].data();
}

void Workspace::set_training(bool training, uint64_t seed) {
  training_ = training;
  rng_ = Rng(seed);
}

void Network::finalize(Rng& rng) {
  int features = input_features_;
  for (size_t i = 0; i < layers_.size(); ++i) {
    if (layers_[i]->in_features() != features)
      throw std::invalid_argument("layer " + std::to_string(i + 1) + " (" + layers_[i]->kind() + ") expects " +
                                  std::to_string(layers_[i]->in_features()) + " inputs but receives " +
                                  std::to_string(features));
    features = layers_[i]->out_features();
  }
  arena_.allocate();
  for (auto& layer : layers_) {
    layer->bind(arena_);
    layer->initialize(rng);
  }
}

int Network::widest_layer() const {
  int widest = input_features_;
  for (const auto& layer : layers_) widest = std::max(widest, layer->out_features());
  return widest;
}

const float* Network::forward(Workspace& ws, const float* x, int n) const {
  if (n > ws.capacity_) throw std::invalid_argument("batch larger than the workspace capacity");
  ws.input_ = x;
  const float* in = x;
  for (size_t i = 0; i < layers_.size(); ++i) {
    float* out = ws.outputs_[i].data();
    layers_[i]->forward(in, out, n, LayerContext{ws.training_, &ws.rng_, ws.caches_[i].data()});
    in = out;
  }
  return in;
}

void Network::backward(Workspace& ws, const float* dout, int n) {
  const float* dy = dout;
  ws.dout_ = dout;
  float* scratch[2] = {ws.grad_a_.data(), ws.grad_b_.data()};
  for (size_t k = layers_.size(); k-- > 0;) {
    const float* x = k == 0 ? ws.input_ : ws.outputs_[k - 1].data();
    float* dx = k == 0 ? nullptr : ws.keep_gradients_ ? ws.grads_[k - 1].data() : scratch[k % 2];
    layers_[k]->backward(x, ws.outputs_[k].data(), dy, dx, n, LayerContext{ws.training_, &ws.rng_, ws.caches_[k].data()});
    dy = dx;
  }
}

}  // namespace layerlab
