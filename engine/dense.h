// dense.h: the fully connected layer. Shapes: x (N, In), w (Out, In), b (Out), y (N, Out).
// Plain kernels (templated so tests can check them in double precision) and DenseLayer on top.
#pragma once
#include "layer.h"

namespace layerlab {

// y = x · wᵀ + b
template <typename T>
void dense_forward(const T* x, const T* w, const T* b, T* y, int n, int in, int out);

// dx = dy · w (assigned; skipped when dx is null), dw += dyᵀ · x, db += Σₙ dy.
template <typename T>
void dense_backward(const T* x, const T* w, const T* dy, T* dx, T* dw, T* db, int n, int in, int out);

enum class WeightInit { SmallUniform, Xavier, He };
const char* weight_init_name(WeightInit init);

class DenseLayer final : public Layer {
 public:
  // On a sequence (steps > 1) the same weights apply to every step: (N, T, In) → (N, T, Out).
  DenseLayer(ParameterArena& arena, int index, int in, int out, WeightInit init, int steps = 1);
  const char* kind() const override { return "dense"; }
  int in_features() const override { return in_ * steps_; }
  int out_features() const override { return out_ * steps_; }
  int inputs() const { return in_; }
  int units() const { return out_; }
  void bind(ParameterArena& arena) override;
  void initialize(Rng& rng) override;
  void forward(const float* x, float* y, int n, const LayerContext& ctx) const override;
  void backward(const float* x, const float* y, const float* dy, float* dx, int n, const LayerContext& ctx) override;

  Span<float> weights() const { return w_; }
  Span<float> bias() const { return b_; }
  Span<float> weight_grads() const { return dw_; }
  Span<float> bias_grads() const { return db_; }

 private:
  int in_, out_;
  WeightInit init_;
  int steps_;
  ParamId w_id_, b_id_;
  Span<float> w_, b_, dw_, db_;
};

}  // namespace layerlab
