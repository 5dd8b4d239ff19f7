// activation.h: element-wise activations. Shapes: x, y, dy, dx all (N, F), same size n.
// Kernels take the forward output y for the derivative (every activation here has f' = g(f(x))).
#pragma once
#include <cstddef>

#include "layer.h"

namespace layerlab {

enum class Activation { Linear, ReLU, Tanh, Sigmoid };
constexpr int kActivationCount = 4;
const char* activation_name(Activation a);  // "linear", "relu", "tanh", "sigmoid"
bool parse_activation(const char* name, Activation* out);

template <typename T>
void activation_forward(Activation a, const T* x, T* y, size_t n);

// dx = dy ⊙ f'(x), computed from y = f(x).
template <typename T>
void activation_backward(Activation a, const T* y, const T* dy, T* dx, size_t n);

class ActivationLayer final : public Layer {
 public:
  ActivationLayer(Activation a, int features) : a_(a), features_(features) {}
  const char* kind() const override { return activation_name(a_); }
  Activation activation() const { return a_; }
  int in_features() const override { return features_; }
  int out_features() const override { return features_; }
  void forward(const float* x, float* y, int n) const override;
  void backward(const float* x, const float* y, const float* dy, float* dx, int n) override;

 private:
  Activation a_;
  int features_;
};

}  // namespace layerlab
