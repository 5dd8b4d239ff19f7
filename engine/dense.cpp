// dense.cpp: dense_forward / dense_backward side by side, and DenseLayer's parameter handling.
#include "dense.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "gemm.h"
#include "parallel.h"
#include "rng.h"

namespace layerlab {


// Work per parallel slice: at least about 32k multiply-adds, so small layers stay on one thread.
inline int min_items(long long work_per_item) { return static_cast<int>(std::max(1LL, 32768 / std::max(1LL, work_per_item))); }

// Rows of y are independent: split over threads (parallel.h), each row computed exactly as on one thread.
template <typename T>
void dense_forward(const T* x, const T* w, const T* b, T* y, int n, int in, int out) {
  parallel_for(n, min_items(static_cast<long long>(in) * out), [&](int begin, int end, int) {
    for (int r = begin; r < end; ++r) {
      const T* xr = x + static_cast<size_t>(r) * in;
      T* yr = y + static_cast<size_t>(r) * out;
      for (int o = 0; o < out; ++o) yr[o] = b[o] + dot(xr, w + static_cast<size_t>(o) * in, in);
    }
  });
}

template <typename T>
void dense_backward(const T* x, const T* w, const T* dy, T* dx, T* dw, T* db, int n, int in, int out) {
  // Parameter gradients row by row of w, so each row of dw stays in cache while the batch streams past; rows of
  // dw are independent (each sums its batch in order), so they split over threads.
  parallel_for(out, min_items(static_cast<long long>(n) * in), [&](int begin, int end, int) {
    for (int o = begin; o < end; ++o) {
      T* dwo = dw + static_cast<size_t>(o) * in;
      for (int r = 0; r < n; ++r) {
        const T g = dy[static_cast<size_t>(r) * out + o];
        const T* xr = x + static_cast<size_t>(r) * in;
        db[o] += g;
        for (int i = 0; i < in; ++i) dwo[i] += g * xr[i];
      }
    }
  });
  if (!dx) return;
  parallel_for(n, min_items(static_cast<long long>(in) * out), [&](int begin, int end, int) {
    for (int r = begin; r < end; ++r) {
      const T* dyr = dy + static_cast<size_t>(r) * out;
      T* dxr = dx + static_cast<size_t>(r) * in;
      for (int i = 0; i < in; ++i) dxr[i] = T(0);
      for (int o = 0; o < out; ++o) {
        const T g = dyr[o];
        const T* wo = w + static_cast<size_t>(o) * in;
        for (int i = 0; i < in; ++i) dxr[i] += g * wo[i];
      }
    }
  });
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

DenseLayer::DenseLayer(ParameterArena& arena, int index, int in, int out, WeightInit init, int steps)
    : in_(in), out_(out), init_(init), steps_(steps) {
  const std::string name = "dense " + std::to_string(index);
  w_id_ = arena.reserve(name + " weights", static_cast<size_t>(in) * out);
  b_id_ = arena.reserve(name + " bias", static_cast<size_t>(out), ParamRole::Bias);
}

void DenseLayer::bind(ParameterArena& arena) {
  w_ = arena.value(w_id_);
  b_ = arena.value(b_id_);
  dw_ = arena.grad(w_id_);
  db_ = arena.grad(b_id_);
}

void DenseLayer::initialize(Rng& rng) {
  // Xavier/Glorot: uniform in ±sqrt(6/(in+out)); He (for ReLU): ±sqrt(6/in); small uniform: the
  // classic texts' small random values between 0 and 0.3.
  if (init_ == WeightInit::SmallUniform) {
    for (float& v : w_) v = rng.uniform(0.0f, 0.3f);
  } else {
    const float limit = init_ == WeightInit::He ? std::sqrt(6.0f / static_cast<float>(in_))
                                                : std::sqrt(6.0f / static_cast<float>(in_ + out_));
    for (float& v : w_) v = rng.uniform(-limit, limit);
  }
  for (float& v : b_) v = 0.0f;
}

void DenseLayer::forward(const float* x, float* y, int n, const LayerContext&) const {
  dense_forward(x, w_.data, b_.data, y, n * steps_, in_, out_);
}

void DenseLayer::backward(const float* x, const float*, const float* dy, float* dx, int n, const LayerContext&) {
  dense_backward(x, w_.data, dy, dx, dw_.data, db_.data, n * steps_, in_, out_);
}

}  // namespace layerlab
