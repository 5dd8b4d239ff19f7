// activation.cpp: activation_forward / activation_backward side by side; the activation, dropout and
// flatten layers.
#include "activation.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <type_traits>

#include "enum_names.h"
#include "gemm.h"  // f32x4
#include "parallel.h"
#include "rng.h"

namespace layerlab {

const char* activation_name(Activation a) {
  switch (a) {
    case Activation::Linear: return "linear";
    case Activation::ReLU: return "relu";
    case Activation::Tanh: return "tanh";
    case Activation::Sigmoid: return "sigmoid";
    case Activation::LeakyReLU: return "leaky_relu";
    case Activation::Softmax: return "softmax";
  }
  return "?";
}

bool parse_activation(const char* name, Activation* out) {
  return parse_by_name(name, kActivationCount, activation_name, out);
}

template <typename T>
static T sigmoid(T x) {
  // Never exponentiates a large positive number.
  if (x >= T(0)) return T(1) / (T(1) + std::exp(-x));
  const T e = std::exp(x);
  return e / (T(1) + e);
}

template <typename T>
static void softmax_rows(const T* x, T* y, int rows, int features) {
  for (int r = 0; r < rows; ++r) {
    const T* xr = x + static_cast<size_t>(r) * features;
    T* yr = y + static_cast<size_t>(r) * features;
    T m = xr[0];
    for (int j = 1; j < features; ++j) m = xr[j] > m ? xr[j] : m;
    T sum = T(0);
    for (int j = 0; j < features; ++j) sum += (yr[j] = std::exp(xr[j] - m));
    for (int j = 0; j < features; ++j) yr[j] /= sum;
  }
}

namespace {
// Elementwise activations run over blocks of kBlock values, split over threads (parallel.h) when there are many;
// every value is computed by the same expression whichever thread runs it.
constexpr size_t kBlock = 4096;
template <typename Body>
void for_blocks(size_t n, Body&& body) {
  const int blocks = static_cast<int>((n + kBlock - 1) / kBlock);
  parallel_for(blocks, 4, [&](int b0, int b1, int) { body(b0 * kBlock, std::min(n, b1 * kBlock)); });
}

// out[i] = key[i] > 0 ? value[i] : 0 for i in [i0, i1): ReLU (key = value = x) and its gradient (key = y, value =
// dy). For float, 4 lanes at a time as a compare mask ANDed with the value's bits: exactly the scalar expression
// (a NaN or −0 key gives +0), so results match the generic loop bit for bit.
template <typename T>
void keep_where_positive(const T* key, const T* value, T* out, size_t i0, size_t i1) {
  size_t i = i0;
  if constexpr (std::is_same_v<T, float>) {
    typedef int i32x4 __attribute__((vector_size(16), aligned(4), __may_alias__));
    const f32x4 zero = {0.0f, 0.0f, 0.0f, 0.0f};
    for (; i + 4 <= i1; i += 4) {
      const i32x4 positive = *reinterpret_cast<const f32x4*>(key + i) > zero;
      *reinterpret_cast<i32x4*>(out + i) = *reinterpret_cast<const i32x4*>(value + i) & positive;
    }
  }
  for (; i < i1; ++i) out[i] = key[i] > T(0) ? value[i] : T(0);
}
}  // namespace

template <typename T>
void activation_forward(Activation a, const T* x, T* y, int rows, int features) {
  const size_t n = static_cast<size_t>(rows) * static_cast<size_t>(features);
  const T slope = static_cast<T>(kLeakyReLUSlope);
  if (a == Activation::Softmax) return softmax_rows(x, y, rows, features);
  for_blocks(n, [&](size_t i0, size_t i1) {
    switch (a) {
      case Activation::Linear: for (size_t i = i0; i < i1; ++i) y[i] = x[i]; break;
      case Activation::ReLU: keep_where_positive(x, x, y, i0, i1); break;
      case Activation::LeakyReLU: for (size_t i = i0; i < i1; ++i) y[i] = x[i] > T(0) ? x[i] : slope * x[i]; break;
      case Activation::Tanh: for (size_t i = i0; i < i1; ++i) y[i] = std::tanh(x[i]); break;
      case Activation::Sigmoid: for (size_t i = i0; i < i1; ++i) y[i] = sigmoid(x[i]); break;
      case Activation::Softmax: break;
    }
  });
}

template <typename T>
void activation_backward(Activation a, const T* y, const T* dy, T* dx, int rows, int features) {
  const size_t n = static_cast<size_t>(rows) * static_cast<size_t>(features);
  const T slope = static_cast<T>(kLeakyReLUSlope);
  if (a == Activation::Softmax) {
    for (int r = 0; r < rows; ++r) {
      const size_t o = static_cast<size_t>(r) * features;
      T dot = T(0);
      for (int j = 0; j < features; ++j) dot += dy[o + j] * y[o + j];
      for (int j = 0; j < features; ++j) dx[o + j] = y[o + j] * (dy[o + j] - dot);
    }
    return;
  }
  for_blocks(n, [&](size_t i0, size_t i1) {
    switch (a) {
      case Activation::Linear: for (size_t i = i0; i < i1; ++i) dx[i] = dy[i]; break;
      case Activation::ReLU: keep_where_positive(y, dy, dx, i0, i1); break;
      case Activation::LeakyReLU: for (size_t i = i0; i < i1; ++i) dx[i] = y[i] > T(0) ? dy[i] : slope * dy[i]; break;
      case Activation::Tanh: for (size_t i = i0; i < i1; ++i) dx[i] = dy[i] * (T(1) - y[i] * y[i]); break;
      case Activation::Sigmoid: for (size_t i = i0; i < i1; ++i) dx[i] = dy[i] * y[i] * (T(1) - y[i]); break;
      case Activation::Softmax: break;
    }
  });
}

template void activation_forward<float>(Activation, const float*, float*, int, int);
template void activation_forward<double>(Activation, const double*, double*, int, int);
template void activation_backward<float>(Activation, const float*, const float*, float*, int, int);
template void activation_backward<double>(Activation, const double*, const double*, double*, int, int);

void ActivationLayer::forward(const float* x, float* y, int n, const LayerContext&) const {
  activation_forward(a_, x, y, n, features_);
}

void ActivationLayer::backward(const float*, const float* y, const float* dy, float* dx, int n, const LayerContext&) {
  if (dx) activation_backward(a_, y, dy, dx, n, features_);
}

DropoutLayer::DropoutLayer(float rate, int features) : rate_(rate), features_(features) {
  if (!(rate >= 0.0f && rate < 1.0f)) throw std::invalid_argument("dropout rate must be in [0, 1)");
}

void DropoutLayer::forward(const float* x, float* y, int n, const LayerContext& ctx) const {
  const size_t count = static_cast<size_t>(n) * static_cast<size_t>(features_);
  if (!ctx.training || rate_ == 0.0f) {
    std::copy(x, x + count, y);
    return;
  }
  const float keep_scale = 1.0f / (1.0f - rate_);
  for (size_t i = 0; i < count; ++i) {
    ctx.cache[i] = ctx.rng->uniform() >= rate_ ? keep_scale : 0.0f;
    y[i] = x[i] * ctx.cache[i];
  }
}

void DropoutLayer::backward(const float*, const float*, const float* dy, float* dx, int n, const LayerContext& ctx) {
  if (!dx) return;
  const size_t count = static_cast<size_t>(n) * static_cast<size_t>(features_);
  if (!ctx.training || rate_ == 0.0f) {
    std::copy(dy, dy + count, dx);
    return;
  }
  for (size_t i = 0; i < count; ++i) dx[i] = dy[i] * ctx.cache[i];
}

void FlattenLayer::forward(const float* x, float* y, int n, const LayerContext&) const {
  std::copy(x, x + static_cast<size_t>(n) * static_cast<size_t>(features_), y);
}

void FlattenLayer::backward(const float*, const float*, const float* dy, float* dx, int n, const LayerContext&) {
  if (dx) std::copy(dy, dy + static_cast<size_t>(n) * static_cast<size_t>(features_), dx);
}

}  // namespace layerlab
