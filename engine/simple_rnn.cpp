// simple_rnn.cpp: simple_rnn_forward / simple_rnn_backward side by side, and SimpleRnnLayer.
#include "simple_rnn.h"

#include <cmath>
#include <string>

#include "gemm.h"
#include "rng.h"

namespace layerlab {

template <typename T>
void transpose(const T* src, T* dst, int rows, int cols) {
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c)
      dst[static_cast<size_t>(c) * static_cast<size_t>(rows) + static_cast<size_t>(r)] =
          src[static_cast<size_t>(r) * static_cast<size_t>(cols) + static_cast<size_t>(c)];
}

size_t simple_rnn_cache_floats(const RecurrentShape& s) {
  const size_t n = static_cast<size_t>(s.batch), t = static_cast<size_t>(s.steps), h = static_cast<size_t>(s.hidden);
  return 2 * n * t * h + 2 * n * h + (static_cast<size_t>(s.in) + h) * h;
}

template <typename T>
void simple_rnn_forward(const T* x, const T* wx, const T* wh, const T* b, T* y, T* cache, const RecurrentShape& s) {
  const int n = s.batch, steps = s.steps, hidden = s.hidden;
  const size_t H = static_cast<size_t>(hidden), row = static_cast<size_t>(steps) * H;  // row: one example's h
  const size_t all = static_cast<size_t>(n) * row;
  T* h = cache;
  T* z = cache + 2 * all + static_cast<size_t>(n) * H;
  T* wx_t = z + static_cast<size_t>(n) * H;
  T* wh_t = wx_t + static_cast<size_t>(s.in) * H;
  transpose(wx, wx_t, hidden, s.in);
  transpose(wh, wh_t, hidden, hidden);
  // The input projection of every step at once, into h; then step by step the recurrent product of the
  // whole batch (in z, as h_t's rows are not adjacent) and tanh.
  for (size_t r = 0; r < all; r += H)
    for (size_t j = 0; j < H; ++j) h[r + j] = b[j];
  gemm_rows_add(x, static_cast<size_t>(s.in), size_t{1}, wx_t, h, n * steps, s.in, hidden);
  for (int t = 0; t < steps; ++t) {
    T* ht = h + static_cast<size_t>(t) * H;
    if (t > 0) {
      for (int e = 0; e < n; ++e)
        for (size_t j = 0; j < H; ++j) z[static_cast<size_t>(e) * H + j] = ht[static_cast<size_t>(e) * row + j];
      gemm_rows_add(ht - H, row, size_t{1}, wh_t, z, n, hidden, hidden);
    }
    for (int e = 0; e < n; ++e) {
      T* he = ht + static_cast<size_t>(e) * row;
      const T* pre = t > 0 ? z + static_cast<size_t>(e) * H : he;
      for (int j = 0; j < hidden; ++j) he[j] = std::tanh(pre[j]);
    }
  }
  for (int e = 0; e < n; ++e) {
    const T* src = h + static_cast<size_t>(e) * row + (s.return_sequences ? 0 : row - H);
    const size_t count = s.return_sequences ? row : H;
    T* dst = y + static_cast<size_t>(e) * count;
    for (size_t k = 0; k < count; ++k) dst[k] = src[k];
  }
}

template <typename T>
void simple_rnn_backward(const T* x, const T* wx, const T* wh, const T* dy, T* dx, T* dwx, T* dwh, T* db, T* cache,
                         T* grad_norm_per_step, const RecurrentShape& s, int truncate) {
  const int n = s.batch, steps = s.steps, hidden = s.hidden;
  const size_t H = static_cast<size_t>(hidden), row = static_cast<size_t>(steps) * H;
  const size_t all = static_cast<size_t>(n) * row, carried = static_cast<size_t>(n) * H;
  const T* h = cache;
  T* dz = cache + all;
  T* dh = dz + all;  // (N, H): the gradient reaching h_t, carried from step t + 1
  for (size_t k = 0; k < carried; ++k) dh[k] = T(0);
  for (int t = steps - 1; t >= 0; --t) {
    double sum_sq = 0.0;
    for (int e = 0; e < n; ++e) {
      T* dhe = dh + static_cast<size_t>(e) * H;
      const size_t at = static_cast<size_t>(e) * row + static_cast<size_t>(t) * H;
      const T* dye = s.return_sequences ? dy + at : t == steps - 1 ? dy + static_cast<size_t>(e) * H : nullptr;
      if (dye)
        for (int j = 0; j < hidden; ++j) dhe[j] += dye[j];
      for (int j = 0; j < hidden; ++j) sum_sq += static_cast<double>(dhe[j]) * static_cast<double>(dhe[j]);
      const T* he = h + at;
      T* dze = dz + at;
      for (int j = 0; j < hidden; ++j) dze[j] = dhe[j] * (T(1) - he[j] * he[j]);
    }
    if (grad_norm_per_step) grad_norm_per_step[t] = static_cast<T>(std::sqrt(sum_sq));
    for (size_t k = 0; k < carried; ++k) dh[k] = T(0);
    if (t > 0 && !recurrent_gradient_cut(t, steps, truncate))
      gemm_rows_add(dz + static_cast<size_t>(t) * H, row, size_t{1}, wh, dh, n, hidden, hidden);  // dz_t · wh
  }
  // The parameter and input gradients of every step at once (dzᵀ read through gemm's a_col). dwh pairs
  // dz_t with h_{t-1} for t ≥ 1, example by example.
  for (int e = 0; e < n; ++e)
    gemm_rows_add(dz + static_cast<size_t>(e) * row + H, size_t{1}, H, h + static_cast<size_t>(e) * row, dwh, hidden,
                  steps - 1, hidden);
  // dwx += dzᵀ · x, computed as dwxᵀ = xᵀ · dz (In, H) in the scratch of wxᵀ: rows of H columns keep
  // gemm's wide tiles busy where In (28 for image rows) would leave a scalar tail.
  const size_t in = static_cast<size_t>(s.in);
  T* dwx_t = dh + 2 * carried;
  for (size_t k = 0; k < in * H; ++k) dwx_t[k] = T(0);
  gemm_rows_add(x, size_t{1}, in, dz, dwx_t, s.in, n * steps, hidden);
  for (size_t o = 0; o < H; ++o)
    for (size_t f = 0; f < in; ++f) dwx[o * in + f] += dwx_t[f * H + o];
  for (size_t r = 0; r < all; r += H)
    for (size_t j = 0; j < H; ++j) db[j] += dz[r + j];
  if (!dx) return;
  const size_t x_all = static_cast<size_t>(n) * static_cast<size_t>(steps) * in;
  for (size_t k = 0; k < x_all; ++k) dx[k] = T(0);
  gemm_rows_add(dz, H, size_t{1}, wx, dx, n * steps, hidden, s.in);
}

template void transpose<float>(const float*, float*, int, int);
template void transpose<double>(const double*, double*, int, int);
template void simple_rnn_forward<float>(const float*, const float*, const float*, const float*, float*, float*,
                                        const RecurrentShape&);
template void simple_rnn_forward<double>(const double*, const double*, const double*, const double*, double*, double*,
                                         const RecurrentShape&);
template void simple_rnn_backward<float>(const float*, const float*, const float*, const float*, float*, float*, float*,
                                         float*, float*, float*, const RecurrentShape&, int);
template void simple_rnn_backward<double>(const double*, const double*, const double*, const double*, double*, double*,
                                          double*, double*, double*, double*, const RecurrentShape&, int);

RecurrentLayer::RecurrentLayer(ParameterArena& arena, const std::string& name, int gates, int steps, int in, int hidden,
                               bool return_sequences, int truncate)
    : steps_(steps), in_(in), hidden_(hidden), return_sequences_(return_sequences), truncate_(truncate),
      grad_norm_(static_cast<size_t>(steps), 0.0f) {
  const size_t h = static_cast<size_t>(hidden), g = static_cast<size_t>(gates) * h;
  wx_id_ = arena.reserve(name + " input weights", g * static_cast<size_t>(in));
  wh_id_ = arena.reserve(name + " recurrent weights", g * h);
  b_id_ = arena.reserve(name + " bias", g, ParamRole::Bias);
}

void RecurrentLayer::bind(ParameterArena& arena) {
  wx_ = arena.value(wx_id_);
  wh_ = arena.value(wh_id_);
  b_ = arena.value(b_id_);
  dwx_ = arena.grad(wx_id_);
  dwh_ = arena.grad(wh_id_);
  db_ = arena.grad(b_id_);
}

SimpleRnnLayer::SimpleRnnLayer(ParameterArena& arena, int index, int steps, int in, int hidden, bool return_sequences,
                               int truncate)
    : RecurrentLayer(arena, "simple_rnn " + std::to_string(index), 1, steps, in, hidden, return_sequences, truncate) {}

void SimpleRnnLayer::initialize(Rng& rng) {
  const float input_limit = std::sqrt(6.0f / static_cast<float>(in_ + hidden_));
  const float recurrent_limit = std::sqrt(6.0f / static_cast<float>(2 * hidden_));
  for (float& v : wx_) v = rng.uniform(-input_limit, input_limit);
  for (float& v : wh_) v = rng.uniform(-recurrent_limit, recurrent_limit);
  for (float& v : b_) v = 0.0f;
}

void SimpleRnnLayer::forward(const float* x, float* y, int n, const LayerContext& ctx) const {
  simple_rnn_forward(x, wx_.data, wh_.data, b_.data, y, ctx.cache, shape(n));
}

void SimpleRnnLayer::backward(const float* x, const float*, const float* dy, float* dx, int n,
                              const LayerContext& ctx) {
  simple_rnn_backward(x, wx_.data, wh_.data, dy, dx, dwx_.data, dwh_.data, db_.data, ctx.cache, grad_norm_.data(),
                      shape(n), truncate_);
}

SequenceView SimpleRnnLayer::hidden_states(const float* cache, int batch, int example) const {
  (void)batch;  // h comes first in the cache, so its place does not depend on the batch size
  return {cache + static_cast<size_t>(example) * static_cast<size_t>(steps_) * static_cast<size_t>(hidden_), steps_,
          hidden_, hidden_};
}

}  // namespace layerlab
