// network.h: Network, a stack of layers over one ParameterArena, and Workspace, the activations of one batch.
#pragma once
#include <memory>
#include <vector>

#include "layer.h"
#include "parameter_arena.h"
#include "rng.h"

namespace layerlab {

class Rng;
class Network;

// Every buffer a forward and backward pass needs, for batches up to `capacity`, made once:
// the training loop and the live views each own one and never allocate per step.
class Workspace {
 public:
  Workspace(const Network& net, int capacity);
  int capacity() const { return capacity_; }
  // Output of layer i for the last forward pass, (n, out_features(i)).
  const float* output(int layer) const { return outputs_[static_cast<size_t>(layer)].data(); }
  // Training mode turns on dropout, drawing its masks from `seed`; evaluation mode (the default) is
  // deterministic.
  void set_training(bool training, uint64_t seed = 1);
  bool training() const { return training_; }
  // The last forward's input, (n, input_features) (not a copy: the caller's buffer).
  const float* input() const { return input_; }
  // Layer i's cache (see Layer::cache_floats): what the layer kept from the last forward, e.g. LSTM gates.
  const float* cache(int layer) const { return caches_[static_cast<size_t>(layer)].data(); }
  // Keep every layer's output gradient ∂L/∂output(i) from the next backward (for the inspectors; costs one
  // more buffer per layer, made here, once). Off by default: training ping-pongs two buffers.
  void set_keep_gradients(bool keep);
  // ∂L/∂output(i) of the last backward, (n, out_features(i)); null unless keep_gradients was set.
  const float* output_gradient(int layer) const;

 private:
  friend class Network;
  int capacity_;
  const float* input_ = nullptr;               // the last forward's input (not copied)
  std::vector<std::vector<float>> outputs_;    // one per layer
  std::vector<float> grad_a_, grad_b_;         // ping-pong input gradients during backward
  std::vector<std::vector<float>> caches_;     // one per layer (often empty)
  std::vector<std::vector<float>> grads_;      // one per layer but the last, when gradients are kept
  const float* dout_ = nullptr;                // the last backward's loss gradient (the caller's buffer)
  bool keep_gradients_ = false;
  bool training_ = false;
  Rng rng_{1};
};

class Network {
 public:
  explicit Network(int input_features) : input_features_(input_features) {}
  Network(Network&&) = default;
  Network& operator=(Network&&) = default;

  // Building: add layers, then finalize() allocates the arena and initialises weights from rng.
  template <typename L, typename... Args>
  L& add(Args&&... args) {
    auto layer = std::make_unique<L>(std::forward<Args>(args)...);
    L& ref = *layer;
    layers_.push_back(std::move(layer));
    return ref;
  }
  void finalize(Rng& rng);

  int input_features() const { return input_features_; }
  int output_features() const { return layers_.empty() ? input_features_ : layers_.back()->out_features(); }
  int layer_count() const { return static_cast<int>(layers_.size()); }
  const Layer& layer(int i) const { return *layers_[static_cast<size_t>(i)]; }
  Layer& layer(int i) { return *layers_[static_cast<size_t>(i)]; }
  int widest_layer() const;
  ParameterArena& params() { return arena_; }
  const ParameterArena& params() const { return arena_; }

  // x is (n, input_features) and must stay alive until backward; returns the last layer's output.
  const float* forward(Workspace& ws, const float* x, int n) const;
  // dout is the loss gradient w.r.t. the last output; parameter gradients accumulate in the arena.
  void backward(Workspace& ws, const float* dout, int n);

 private:
  int input_features_;
  ParameterArena arena_;
  std::vector<std::unique_ptr<Layer>> layers_;
};

}  // namespace layerlab
