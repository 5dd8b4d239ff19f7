// lstm.h: the LSTM layer. Shapes: x (N, T, In), wx (4H, In), wh (4H, H), b (4H), y (N, T, H) or (N, H).
// Gates in the order i, f, g, o (rows [0, H) of wx, wh and b are the input gate, [H, 2H) the forget
// gate, [2H, 3H) the candidate, [3H, 4H) the output gate), all four from ONE fused product per step:
//   z_t = x_t · wxᵀ + h_{t-1} · whᵀ + b;  i, f, o = σ(z);  g = tanh(z)
//   c_t = f ⊙ c_{t-1} + i ⊙ g;  h_t = o ⊙ tanh(c_t);  h_0 = c_0 = 0.
// RecurrentShape, SequenceView and truncated BPTT are shared with SimpleRNN (simple_rnn.h).
#pragma once
#include <cstddef>
#include <vector>

#include "layer.h"
#include "simple_rnn.h"

namespace layerlab {

constexpr int kLstmGates = 4;

// Cache of one pass (batch-major like every sequence), in this order:
//   gates  (N, T, 4H)  i, f, g, o after their activations   } written by forward,
//   c      (N, T, H)   cell states                            } read by backward
//   tanh_c (N, T, H)   tanh(c)                               }
//   h      (N, T, H)   hidden states                          }
//   dz     (N, T, 4H)  gate pre-activation gradients          } backward's temporaries
//   dh, dc (N, H) each the gradients carried back to step t   }
//   z (N, 4H), wxᵀ (In, 4H), whᵀ (H, 4H)  one step's pre-activations and the transposed weights
//                                         (forward's scratch; backward reuses wxᵀ's for dwxᵀ)
size_t lstm_cache_floats(const RecurrentShape& s);

template <typename T>
void lstm_forward(const T* x, const T* wx, const T* wh, const T* b, T* y, T* cache, const RecurrentShape& s);

// Backpropagation through time from dy (shaped like y) using the forward's cache: dx assigned (skipped
// when null); dwx, dwh, db accumulated. grad_norm_per_step (T values, may be null) receives
// ||dL/dh_t||₂ over the whole batch: the total gradient reaching h_t (from y and from step t + 1) as
// one (N, H) tensor.
template <typename T>
void lstm_backward(const T* x, const T* wx, const T* wh, const T* dy, T* dx, T* dwx, T* dwh, T* db, T* cache,
                   T* grad_norm_per_step, const RecurrentShape& s, int truncate);

// Every quantity of one example through time, each a (steps × hidden) view into the cache.
struct LstmTrace {
  SequenceView input_gate, forget_gate, candidate, output_gate, cell, hidden;
};

class LstmLayer final : public RecurrentLayer {
 public:
  // index: this layer's number among the LSTMs (1-based, for parameter names); truncate: see
  // simple_rnn.h; forget_bias: the forget gate's initial bias (1 keeps the cell's memory early on).
  LstmLayer(ParameterArena& arena, int index, int steps, int in, int hidden, bool return_sequences, int truncate = 0,
            float forget_bias = 1.0f);
  const char* kind() const override { return "lstm"; }
  // Xavier/Glorot uniform over the fused matrices (as Keras counts them): wx ±sqrt(6/(In+4H)),
  // wh ±sqrt(6/(H+4H)); b = 0 but the forget gate's, which is forget_bias.
  void initialize(Rng& rng) override;
  size_t cache_floats(int n) const override { return lstm_cache_floats(shape(n)); }
  void forward(const float* x, float* y, int n, const LayerContext& ctx) const override;
  void backward(const float* x, const float* y, const float* dy, float* dx, int n, const LayerContext& ctx) override;

  float forget_bias() const { return forget_bias_; }
  // Gates, cell and hidden states of example `example` of the last forward over `batch` examples.
  LstmTrace trace(const float* cache, int batch, int example) const;

 private:
  float forget_bias_;
};

}  // namespace layerlab
