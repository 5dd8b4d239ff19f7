// activation.h: activations. Shapes: x, y, dy, dx all (N, F). All are element-wise but softmax, which
// normalises each row. Kernels take the forward output y for the derivative (f' = g(f(x)) for all).
#pragma once
#include <cstddef>

#include "layer.h"

namespace layerlab {

enum class Activation { Linear, ReLU, Tanh, Sigmoid, LeakyReLU, Softmax };
constexpr int kActivationCount = 6;
constexpr float kLeakyReLUSlope = 0.01f;      // f(x) = x for x > 0, 0.01 x otherwise
const char* activation_name(Activation a);  // "linear", "relu", "tanh", "sigmoid", "leaky_relu", "softmax"
bool parse_activation(const char* name, Activation* out);
inline bool is_elementwise(Activation a) { return a != Activation::Softmax; }

// y = f(x) for `rows` rows of `features` values.
template <typename T>
void activation_forward(Activation a, const T* x, T* y, int rows, int features);

// dx = dy ⊙ f'(x) computed from y = f(x); for softmax dx = y ⊙ (dy − Σⱼ dyⱼ yⱼ) per row.
template <typename T>
void activation_backward(Activation a, const T* y, const T* dy, T* dx, int rows, int features);

class ActivationLayer final : public Layer {
 public:
  ActivationLayer(Activation a, int features) : a_(a), features_(features) {}
  const char* kind() const override { return activation_name(a_); }
  Activation activation() const { return a_; }
  int in_features() const override { return features_; }
  int out_features() const override { return features_; }
  void forward(const float* x, float* y, int n, const LayerContext& ctx) const override;
  void backward(const float* x, const float* y, const float* dy, float* dx, int n, const LayerContext& ctx) override;

 private:
  Activation a_;
  int features_;
};

// Inverted dropout: in training each value is zeroed with probability `rate` and the survivors scaled by
// 1/(1 − rate), so evaluation (which passes values through) needs no rescaling. Cache: the mask.
class DropoutLayer final : public Layer {
 public:
  DropoutLayer(float rate, int features);
  const char* kind() const override { return "dropout"; }
  float rate() const { return rate_; }
  int in_features() const override { return features_; }
  int out_features() const override { return features_; }
  size_t cache_floats(int n) const override { return static_cast<size_t>(n) * static_cast<size_t>(features_); }
  void forward(const float* x, float* y, int n, const LayerContext& ctx) const override;
  void backward(const float* x, const float* y, const float* dy, float* dx, int n, const LayerContext& ctx) override;

 private:
  float rate_;
  int features_;
};

// Flatten: an image (C, H, W) becomes a vector of C·H·W features. The layout (tensor.h) already stores
// each example contiguously, so the values pass through unchanged; the layer marks the shape change.
class FlattenLayer final : public Layer {
 public:
  explicit FlattenLayer(int features) : features_(features) {}
  const char* kind() const override { return "flatten"; }
  int in_features() const override { return features_; }
  int out_features() const override { return features_; }
  void forward(const float* x, float* y, int n, const LayerContext& ctx) const override;
  void backward(const float* x, const float* y, const float* dy, float* dx, int n, const LayerContext& ctx) override;

 private:
  int features_;
};

}  // namespace layerlab
