// tensor.h: the one tensor layout of the engine, and Span, the non-owning view every kernel takes.
//
// Layout (written down once, here): every tensor is float32, row-major, batch first.
//   dense activations  (N, F)        element [n][f]       at n*F + f
//   images             (N, C, H, W)  element [n][c][y][x] at ((n*C + c)*H + y)*W + x
//   sequences          (N, T, F)     element [n][t][f]    at (n*T + t)*F + f
//   dense weights      (Out, In)     element [o][i]       at o*In + i
// Kernels are plain functions over Spans; they never allocate.
#pragma once
#include <cassert>
#include <cstddef>

namespace layerlab {

template <typename T>
struct Span {
  T* data = nullptr;
  size_t size = 0;

  Span() = default;
  Span(T* d, size_t n) : data(d), size(n) {}
  template <typename U>
  Span(Span<U> other) : data(other.data), size(other.size) {}  // Span<float> -> Span<const float>

  T& operator[](size_t i) const { assert(i < size); return data[i]; }
  T* begin() const { return data; }
  T* end() const { return data + size; }
};

}  // namespace layerlab
