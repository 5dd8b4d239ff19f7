// layer.h: Layer, the interface every layer family implements, and the engine's one gradient contract.
//
// Gradient contract (stated once, here): backward ASSIGNS the input gradient dx (=) and ACCUMULATES
// the parameter gradients (+=); gradients are cleared only by an explicit ParameterArena::zero_grad().
// Activations are (N, features) row-major float32 (see tensor.h). Layers own no memory: parameters
// live in the ParameterArena, activations in a Workspace.
#pragma once
#include <cstddef>

#include "parameter_arena.h"

namespace layerlab {

class Rng;

// What a pass needs beyond its tensors: the mode (dropout acts only in training), a random source, and
// this layer's cache in the Workspace (cache_floats(n) floats, written by forward, read by backward).
struct LayerContext {
  bool training = false;
  Rng* rng = nullptr;
  float* cache = nullptr;
};

class Layer {
 public:
  virtual ~Layer() = default;
  virtual const char* kind() const = 0;
  virtual int in_features() const = 0;
  virtual int out_features() const = 0;
  // Take views of this layer's parameters once the arena is allocated.
  virtual void bind(ParameterArena&) {}
  virtual void initialize(Rng&) {}
  virtual size_t cache_floats(int /*n*/) const { return 0; }
  virtual void forward(const float* x, float* y, int n, const LayerContext& ctx) const = 0;
  // x and y are this layer's input and output from the forward pass; dx may be null (first layer).
  virtual void backward(const float* x, const float* y, const float* dy, float* dx, int n, const LayerContext& ctx) = 0;
};

}  // namespace layerlab
