// lstm.cpp: lstm_forward / lstm_backward side by side, the cache layout and trace, and LstmLayer.
#include "lstm.h"

#include <cmath>
#include <string>

#include "gemm.h"
#include "rng.h"

namespace layerlab {

namespace {
template <typename T>
T sigmoid(T x) {
  // Never exponentiates a large positive number (as activation.cpp).
  if (x >= T(0)) return T(1) / (T(1) + std::exp(-x));
  const T e = std::exp(x);
  return e / (T(1) + e);
}

// The cache regions of lstm.h, in order; T may be const for reading.
template <typename T>
struct LstmCache {
  T *gates, *c, *tanh_c, *h, *dz, *dh, *dc, *z, *wx_t, *wh_t;
};

template <typename T>
LstmCache<T> lstm_cache(T* cache, const RecurrentShape& s) {
  const size_t all = static_cast<size_t>(s.batch) * static_cast<size_t>(s.steps) * static_cast<size_t>(s.hidden);
  LstmCache<T> r;
  r.gates = cache;
  r.c = r.gates + kLstmGates * all;
  r.tanh_c = r.c + all;
  r.h = r.tanh_c + all;
  r.dz = r.h + all;
  r.dh = r.dz + kLstmGates * all;
  r.dc = r.dh + static_cast<size_t>(s.batch) * static_cast<size_t>(s.hidden);
  r.z = r.dc + static_cast<size_t>(s.batch) * static_cast<size_t>(s.hidden);
  r.wx_t = r.z + static_cast<size_t>(s.batch) * kLstmGates * static_cast<size_t>(s.hidden);
  r.wh_t = r.wx_t + static_cast<size_t>(s.in) * kLstmGates * static_cast<size_t>(s.hidden);
  return r;
}
}  // namespace

size_t lstm_cache_floats(const RecurrentShape& s) {
  const size_t n = static_cast<size_t>(s.batch), h = static_cast<size_t>(s.hidden);
  return (2 * kLstmGates + 3) * n * static_cast<size_t>(s.steps) * h + (2 + kLstmGates) * n * h +
         (static_cast<size_t>(s.in) + h) * kLstmGates * h;
}

template <typename T>
void lstm_forward(const T* x, const T* wx, const T* wh, const T* b, T* y, T* cache, const RecurrentShape& s) {
  const int n = s.batch, steps = s.steps, hidden = s.hidden, width = kLstmGates * hidden;
  const size_t H = static_cast<size_t>(hidden), G = static_cast<size_t>(width);
  const size_t row = static_cast<size_t>(steps) * H, gate_row = static_cast<size_t>(steps) * G;  // one example
  const LstmCache<T> r = lstm_cache(cache, s);
  // The input projection (and bias) of every step at once, into the gates; then step by step the
  // recurrent product of the whole batch (in z, as step t's rows are not adjacent), the activations
  // and the cell.
  transpose(wx, r.wx_t, width, s.in);
  transpose(wh, r.wh_t, width, hidden);
  for (size_t k = 0; k < static_cast<size_t>(n) * gate_row; k += G)
    for (size_t j = 0; j < G; ++j) r.gates[k + j] = b[j];
  gemm_rows_add(x, static_cast<size_t>(s.in), size_t{1}, r.wx_t, r.gates, n * steps, s.in, width);
  for (int t = 0; t < steps; ++t) {
    if (t > 0) {
      for (int e = 0; e < n; ++e) {
        const T* from = r.gates + (static_cast<size_t>(e) * static_cast<size_t>(steps) + static_cast<size_t>(t)) * G;
        for (size_t j = 0; j < G; ++j) r.z[static_cast<size_t>(e) * G + j] = from[j];
      }
      gemm_rows_add(r.h + static_cast<size_t>(t - 1) * H, row, size_t{1}, r.wh_t, r.z, n, hidden, width);
    }
    for (int e = 0; e < n; ++e) {
      const size_t at = static_cast<size_t>(e) * static_cast<size_t>(steps) + static_cast<size_t>(t);
      T* act = r.gates + at * G;
      const T* pre = t > 0 ? r.z + static_cast<size_t>(e) * G : act;
      for (int j = 0; j < 2 * hidden; ++j) act[j] = sigmoid(pre[j]);              // i, f
      for (int j = 2 * hidden; j < 3 * hidden; ++j) act[j] = std::tanh(pre[j]);  // g
      for (int j = 3 * hidden; j < width; ++j) act[j] = sigmoid(pre[j]);         // o
      const T *i = act, *f = act + H, *g = act + 2 * H, *o = act + 3 * H;
      T *c = r.c + at * H, *tc = r.tanh_c + at * H, *h = r.h + at * H;
      if (t > 0) {
        const T* c_prev = c - H;
        for (int j = 0; j < hidden; ++j) c[j] = f[j] * c_prev[j] + i[j] * g[j];
      } else {
        for (int j = 0; j < hidden; ++j) c[j] = i[j] * g[j];
      }
      for (int j = 0; j < hidden; ++j) tc[j] = std::tanh(c[j]);
      for (int j = 0; j < hidden; ++j) h[j] = o[j] * tc[j];
    }
  }
  for (int e = 0; e < n; ++e) {
    const T* src = r.h + static_cast<size_t>(e) * row + (s.return_sequences ? 0 : row - H);
    const size_t count = s.return_sequences ? row : H;
    T* dst = y + static_cast<size_t>(e) * count;
    for (size_t k = 0; k < count; ++k) dst[k] = src[k];
  }
}

template <typename T>
void lstm_backward(const T* x, const T* wx, const T* wh, const T* dy, T* dx, T* dwx, T* dwh, T* db, T* cache,
                   T* grad_norm_per_step, const RecurrentShape& s, int truncate) {
  const int n = s.batch, steps = s.steps, hidden = s.hidden, width = kLstmGates * hidden;
  const size_t H = static_cast<size_t>(hidden), G = static_cast<size_t>(width);
  const size_t row = static_cast<size_t>(steps) * H, gate_row = static_cast<size_t>(steps) * G;
  const LstmCache<T> r = lstm_cache(cache, s);
  const size_t carried = static_cast<size_t>(n) * H;
  for (size_t k = 0; k < carried; ++k) r.dh[k] = r.dc[k] = T(0);
  for (int t = steps - 1; t >= 0; --t) {
    double sum_sq = 0.0;
    for (int e = 0; e < n; ++e) {
      const size_t at = static_cast<size_t>(e) * static_cast<size_t>(steps) + static_cast<size_t>(t);
      T* dh = r.dh + static_cast<size_t>(e) * H;  // in: dL/dh_t from step t + 1; then plus dy
      T* dc = r.dc + static_cast<size_t>(e) * H;  // in: dL/dc_t from step t + 1; out: to step t − 1
      const T* dye = s.return_sequences ? dy + at * H : t == steps - 1 ? dy + static_cast<size_t>(e) * H : nullptr;
      if (dye)
        for (int j = 0; j < hidden; ++j) dh[j] += dye[j];
      for (int j = 0; j < hidden; ++j) sum_sq += static_cast<double>(dh[j]) * static_cast<double>(dh[j]);
      const T* z = r.gates + at * G;
      const T *i = z, *f = z + H, *g = z + 2 * H, *o = z + 3 * H;
      const T* tc = r.tanh_c + at * H;
      const T* c_prev = t > 0 ? r.c + (at - 1) * H : nullptr;
      T* dz = r.dz + at * G;
      for (int j = 0; j < hidden; ++j) {
        const T dct = dc[j] + dh[j] * o[j] * (T(1) - tc[j] * tc[j]);  // total dL/dc_t
        const T cp = c_prev ? c_prev[j] : T(0);
        dz[j] = dct * g[j] * i[j] * (T(1) - i[j]);
        dz[H + j] = dct * cp * f[j] * (T(1) - f[j]);
        dz[2 * H + j] = dct * i[j] * (T(1) - g[j] * g[j]);
        dz[3 * H + j] = dh[j] * tc[j] * o[j] * (T(1) - o[j]);
        dc[j] = dct * f[j];
      }
    }
    if (grad_norm_per_step) grad_norm_per_step[t] = static_cast<T>(std::sqrt(sum_sq));
    for (size_t k = 0; k < carried; ++k) r.dh[k] = T(0);
    if (t > 0 && !recurrent_gradient_cut(t, steps, truncate))
      gemm_rows_add(r.dz + static_cast<size_t>(t) * G, gate_row, size_t{1}, wh, r.dh, n, width, hidden);  // dz_t · wh
    else
      for (size_t k = 0; k < carried; ++k) r.dc[k] = T(0);
  }
  // The parameter and input gradients of every step at once (dzᵀ read through gemm's a_col). dwh pairs
  // dz_t with h_{t-1} for t ≥ 1, example by example.
  for (int e = 0; e < n; ++e)
    gemm_rows_add(r.dz + static_cast<size_t>(e) * gate_row + G, size_t{1}, G, r.h + static_cast<size_t>(e) * row, dwh,
                  width, steps - 1, hidden);
  // dwx += dzᵀ · x, computed as dwxᵀ = xᵀ · dz (In, 4H) in the scratch of wxᵀ: rows of 4H columns keep
  // gemm's wide tiles busy where In (28 for image rows) would leave a scalar tail.
  const size_t in = static_cast<size_t>(s.in), rows = static_cast<size_t>(n) * static_cast<size_t>(steps);
  for (size_t k = 0; k < in * G; ++k) r.wx_t[k] = T(0);
  gemm_rows_add(x, size_t{1}, in, r.dz, r.wx_t, s.in, n * steps, width);
  for (size_t o = 0; o < G; ++o)
    for (size_t f = 0; f < in; ++f) dwx[o * in + f] += r.wx_t[f * G + o];
  for (size_t k = 0; k < rows * G; k += G)
    for (size_t j = 0; j < G; ++j) db[j] += r.dz[k + j];
  if (!dx) return;
  for (size_t k = 0; k < rows * in; ++k) dx[k] = T(0);
  gemm_rows_add(r.dz, G, size_t{1}, wx, dx, n * steps, width, s.in);
}

template void lstm_forward<float>(const float*, const float*, const float*, const float*, float*, float*,
                                  const RecurrentShape&);
template void lstm_forward<double>(const double*, const double*, const double*, const double*, double*, double*,
                                   const RecurrentShape&);
template void lstm_backward<float>(const float*, const float*, const float*, const float*, float*, float*, float*,
                                   float*, float*, float*, const RecurrentShape&, int);
template void lstm_backward<double>(const double*, const double*, const double*, const double*, double*, double*,
                                    double*, double*, double*, double*, const RecurrentShape&, int);

LstmLayer::LstmLayer(ParameterArena& arena, int index, int steps, int in, int hidden, bool return_sequences,
                     int truncate, float forget_bias)
    : RecurrentLayer(arena, "lstm " + std::to_string(index), kLstmGates, steps, in, hidden, return_sequences, truncate),
      forget_bias_(forget_bias) {}

void LstmLayer::initialize(Rng& rng) {
  const int width = kLstmGates * hidden_;
  const float input_limit = std::sqrt(6.0f / static_cast<float>(in_ + width));
  const float recurrent_limit = std::sqrt(6.0f / static_cast<float>(hidden_ + width));
  for (float& v : wx_) v = rng.uniform(-input_limit, input_limit);
  for (float& v : wh_) v = rng.uniform(-recurrent_limit, recurrent_limit);
  for (int j = 0; j < width; ++j) b_[static_cast<size_t>(j)] = j >= hidden_ && j < 2 * hidden_ ? forget_bias_ : 0.0f;
}

void LstmLayer::forward(const float* x, float* y, int n, const LayerContext& ctx) const {
  lstm_forward(x, wx_.data, wh_.data, b_.data, y, ctx.cache, shape(n));
}

void LstmLayer::backward(const float* x, const float*, const float* dy, float* dx, int n, const LayerContext& ctx) {
  lstm_backward(x, wx_.data, wh_.data, dy, dx, dwx_.data, dwh_.data, db_.data, ctx.cache, grad_norm_.data(), shape(n),
                truncate_);
}

LstmTrace LstmLayer::trace(const float* cache, int batch, int example) const {
  const LstmCache<const float> r = lstm_cache(cache, shape(batch));
  const size_t first = static_cast<size_t>(example) * static_cast<size_t>(steps_);  // row (example, step 0)
  const size_t H = static_cast<size_t>(hidden_), G = kLstmGates * H;
  const int gate_stride = static_cast<int>(G);
  LstmTrace out;
  out.input_gate = {r.gates + first * G, steps_, hidden_, gate_stride};
  out.forget_gate = {r.gates + first * G + H, steps_, hidden_, gate_stride};
  out.candidate = {r.gates + first * G + 2 * H, steps_, hidden_, gate_stride};
  out.output_gate = {r.gates + first * G + 3 * H, steps_, hidden_, gate_stride};
  out.cell = {r.c + first * H, steps_, hidden_, hidden_};
  out.hidden = {r.h + first * H, steps_, hidden_, hidden_};
  return out;
}

}  // namespace layerlab
