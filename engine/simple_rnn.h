// simple_rnn.h: the recurrent family's shared pieces (shape, truncation rule, trace view) and the SimpleRNN layer.
// Shapes: x (N, T, In), wx (H, In), wh (H, H), b (H), y (N, T, H) with return_sequences else (N, H).
//
// Both layers compute the input projection of all N·T steps as one product up front, then per step one
// (N, H) · whᵀ product for the whole batch; backward mirrors it (a product per step for the recurrent
// gradient, then the parameter and input gradients of all steps at once). Every product is gemm.h's.
//
// Truncated BPTT (the k1 = k2 = k variant of Williams & Peng, defined once, here): with truncate = k > 0
// the steps are cut into chunks of k counted from the END of the sequence, [T−k, T−1], [T−2k, T−k−1], …
// The gradient carried through the recurrent state (h, and the LSTM's cell c) is zeroed where it would
// cross from a chunk's first step into the previous chunk; the parameter gradients of every step are
// still accumulated. So a loss at the last step (many-to-one) reaches back exactly k steps, and
// truncate = 0 or truncate >= T is full BPTT.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "layer.h"

namespace layerlab {

struct RecurrentShape {
  int batch = 0;   // N
  int steps = 0;   // T
  int in = 0;      // input features per step
  int hidden = 0;  // H
  bool return_sequences = false;  // y is every step's h (N, T, H), else the last step's (N, H)
};

// True when backward must not carry the state gradient from step t into step t − 1 (see above).
inline bool recurrent_gradient_cut(int t, int steps, int truncate) {
  return truncate > 0 && (steps - t) % truncate == 0;
}

// One quantity of one example through time, drawable as a (steps × units) heatmap:
// the value at step t of unit j is data[t * row_stride + j].
struct SequenceView {
  const float* data = nullptr;
  int steps = 0, units = 0, row_stride = 0;
  float at(int t, int j) const { return data[static_cast<size_t>(t) * static_cast<size_t>(row_stride) + j]; }
};

// dst (cols, rows) = srcᵀ for src (rows, cols): forward multiplies by the transposed weights, so that
// gemm_rows_add (gemm.h) streams contiguous rows.
template <typename T>
void transpose(const T* src, T* dst, int rows, int cols);

// Cache of one pass, in this order: h (N, T, H) the hidden states; dz (N, T, H) the pre-activation
// gradients (backward); dh (N, H) the gradient carried back through the recurrence (backward);
// z (N, H) one step's pre-activations, wxᵀ (In, H) and whᵀ (H, H) (forward's scratch; backward reuses
// wxᵀ's for dwxᵀ).
size_t simple_rnn_cache_floats(const RecurrentShape& s);

// h_t = tanh(x_t · wxᵀ + h_{t-1} · whᵀ + b), h_0 = 0; every h_t is kept in the cache.
template <typename T>
void simple_rnn_forward(const T* x, const T* wx, const T* wh, const T* b, T* y, T* cache, const RecurrentShape& s);

// Backpropagation through time from dy (shaped like y) using the forward's cache: dx assigned (skipped
// when null); dwx, dwh, db accumulated. grad_norm_per_step (T values, may be null) receives
// ||dL/dh_t||₂ over the whole batch: the total gradient reaching h_t (from y and from step t + 1) as
// one (N, H) tensor.
template <typename T>
void simple_rnn_backward(const T* x, const T* wx, const T* wh, const T* dy, T* dx, T* dwx, T* dwh, T* db, T* cache,
                         T* grad_norm_per_step, const RecurrentShape& s, int truncate);

// What every recurrent layer has: the shape, the weights wx (G·H, In), wh (G·H, H), b (G·H) for G gate
// blocks (1 for SimpleRNN, 4 for LSTM) in the arena, and the per-step gradient norms of the last backward.
class RecurrentLayer : public Layer {
 public:
  int in_features() const override { return steps_ * in_; }
  int out_features() const override { return return_sequences_ ? steps_ * hidden_ : hidden_; }
  void bind(ParameterArena& arena) override;

  int steps() const { return steps_; }
  int step_features() const { return in_; }
  int hidden() const { return hidden_; }
  bool return_sequences() const { return return_sequences_; }
  int truncate() const { return truncate_; }
  RecurrentShape shape(int n) const { return {n, steps_, in_, hidden_, return_sequences_}; }
  // ||dL/dh_t||₂ per step from the last backward (see simple_rnn_backward); zeros before any.
  Span<const float> grad_norm_per_step() const { return {grad_norm_.data(), grad_norm_.size()}; }

  Span<float> input_weights() const { return wx_; }
  Span<float> recurrent_weights() const { return wh_; }
  Span<float> bias() const { return b_; }
  Span<float> input_weight_grads() const { return dwx_; }
  Span<float> recurrent_weight_grads() const { return dwh_; }
  Span<float> bias_grads() const { return db_; }

 protected:
  // name: "simple_rnn 1", "lstm 2" (parameter names); truncate: see above.
  RecurrentLayer(ParameterArena& arena, const std::string& name, int gates, int steps, int in, int hidden,
                 bool return_sequences, int truncate);

  int steps_, in_, hidden_;
  bool return_sequences_;
  int truncate_;
  ParamId wx_id_, wh_id_, b_id_;
  Span<float> wx_, wh_, b_, dwx_, dwh_, db_;
  std::vector<float> grad_norm_;  // T values, written by backward
};

class SimpleRnnLayer final : public RecurrentLayer {
 public:
  // index: this layer's number among the simple RNNs (1-based, for parameter names); truncate: see above.
  SimpleRnnLayer(ParameterArena& arena, int index, int steps, int in, int hidden, bool return_sequences,
                 int truncate = 0);
  const char* kind() const override { return "simple_rnn"; }
  // Xavier/Glorot uniform: wx ±sqrt(6/(In+H)), wh ±sqrt(6/(2H)); b = 0.
  void initialize(Rng& rng) override;
  size_t cache_floats(int n) const override { return simple_rnn_cache_floats(shape(n)); }
  void forward(const float* x, float* y, int n, const LayerContext& ctx) const override;
  void backward(const float* x, const float* y, const float* dy, float* dx, int n, const LayerContext& ctx) override;

  // The hidden states of example `example` of the last forward over `batch` examples with this cache.
  SequenceView hidden_states(const float* cache, int batch, int example) const;
};

}  // namespace layerlab
