// dense.cpp: dense_forward / dense_backward side by side, and DenseLayer's parameter handling.
#include "dense.h"

#include <cmath>
#include <string>

#include "rng.h"

namespace layerlab {

template <typename T>
void dense_forward(const T* x, const T* w, const T* b, T* y, int n, int in, int out) {
  for (int r = 0; r < n; ++r) {
    const T* xr = x + static_cast<size_t>(r) * in;
    T* yr = y + static_cast<size_t>(r) * out;
    for (int o = 0; o < out; ++o) {
      const T* wo = w + static_cast<size_t>(o) * in;
      T sum = b[o];
      for (int i = 0; i < in; ++i) sum += xr[i] * wo[i];
      yr[o] = sum;
    }
  }
}

template <typename T>
void dense_backward(const T* x, const T* w, const T* dy, T* dx, T* dw, T* db, int n, int in, int out) {
  for (int r = 0; r < n; ++r) {
    const T* xr = x + static_cast<size_t>(r) * in;
    const T* dyr = dy + static_cast<size_t>(r) * out;
    T* dxr = dx ? dx + static_cast<size_t>(r) * in : nullptr;
    if (dxr) for (int i = 0; i < in; ++i) dxr[i] = T(0);
    for (int o = 0; o < out; ++o) {
      const T g = dyr[o];
      const T* wo = w + static_cast<size_t>(o) * in;
      T* dwo = dw + static_cast<size_t>(o) * in;
      db[o] += g;
      for (int i = 0; i < in; ++i) dwo[i] += g * xr[i];
      if (dxr) for (int i = 0; i < in; ++i) dxr[i] += g * wo[i];
    }
  }
}

template void dense_forward<float>(const float*, const float*, const float*, float*, int, int, int);
template void dense_forward<double>(const double*, const double*, const double*, double*, int, int, int);
template void dense_backward<float>(const float*, const float*, const float*, float*, float*, float*, int, int, int);
template void dense_backward<double>(const double*, const double*, const double*, double*, double*, double*, int,
                                     int, int);

const char* weight_init_name(WeightInit init) {
  switch (init) {
    case WeightInit::SmallUniform: return "small uniform";
    case WeightInit::Xavier: return "Xavier/Glorot";
    case WeightInit::He: return "He";
  }
  return "?";
}

DenseLayer::DenseLayer(ParameterArena& arena, int index, int in, int out, WeightInit init)
    : in_(in), out_(out), init_(init) {
  const std::string name = "dense " + std::to_string(index);
  w_id_ = arena.reserve(name + " weights", static_cast<size_t>(in) * out);
  b_id_ = arena.reserve(name + " bias", static_cast<size_t>(out));
}

void DenseLayer::bind(ParameterArena& arena) {
  w_ = arena.value(w_id_);
  b_ = arena.value(b_id_);
  dw_ = arena.grad(w_id_);
  db_ = arena.grad(b_id_);
}

void DenseLayer::initialize(Rng& rng) {
  // Uniform in [-limit, limit]: Xavier/Glorot sqrt(6/(in+out)), He sqrt(6/in) (for ReLU),
  // or the classic texts' small values in [0, 0.3) shifted to be centred on zero.
  float limit = 0.15f;
  if (init_ == WeightInit::Xavier) limit = std::sqrt(6.0f / static_cast<float>(in_ + out_));
  if (init_ == WeightInit::He) limit = std::sqrt(6.0f / static_cast<float>(in_));
  for (float& v : w_) v = rng.uniform(-limit, limit);
  for (float& v : b_) v = 0.0f;
}

void DenseLayer::forward(const float* x, float* y, int n) const {
  dense_forward(x, w_.data, b_.data, y, n, in_, out_);
}

void DenseLayer::backward(const float* x, const float*, const float* dy, float* dx, int n) {
  dense_backward(x, w_.data, dy, dx, dw_.data, db_.data, n, in_, out_);
}

}  // namespace layerlab
