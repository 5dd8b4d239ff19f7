// gemm.h: the small dense linear-algebra kernels layers share: a fixed-order dot product and a row-blocked GEMM.
// Fixed summation order (no reassociation, -ffp-contract=off) so native and wasm builds round identically.
#pragma once
#include <cstddef>

namespace layerlab {

// Σ a[p]·b[p] in eight partial sums added in a fixed order (vectorises without reassociation).
template <typename T>
inline T dot(const T* a, const T* b, int n) {
  T s[8] = {T(0), T(0), T(0), T(0), T(0), T(0), T(0), T(0)};
  int k = 0;
  for (; k + 8 <= n; k += 8)
    for (int l = 0; l < 8; ++l) s[l] += a[k + l] * b[k + l];
  T tail = T(0);
  for (; k < n; ++k) tail += a[k] * b[k];
  return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7])) + tail;
}

// out (rows, p) += a (rows, k) · b (k, p), four output rows at a time so each row of b is read once per
// four; a is addressed as a[r * a_row + j * a_col] so the same kernel serves W and Wᵀ.
template <typename T>
inline void gemm_rows_add(const T* a, size_t a_row, size_t a_col, const T* b, T* out, int rows, int k, int p) {
  int r = 0;
  for (; r + 4 <= rows; r += 4) {
    T* o0 = out + static_cast<size_t>(r) * p;
    T* o1 = o0 + p;
    T* o2 = o1 + p;
    T* o3 = o2 + p;
    for (int j = 0; j < k; ++j) {
      const T a0 = a[r * a_row + j * a_col], a1 = a[(r + 1) * a_row + j * a_col];
      const T a2 = a[(r + 2) * a_row + j * a_col], a3 = a[(r + 3) * a_row + j * a_col];
      const T* bj = b + static_cast<size_t>(j) * p;
      for (int q = 0; q < p; ++q) {
        const T v = bj[q];
        o0[q] += a0 * v;
        o1[q] += a1 * v;
        o2[q] += a2 * v;
        o3[q] += a3 * v;
      }
    }
  }
  for (; r < rows; ++r) {
    T* o = out + static_cast<size_t>(r) * p;
    for (int j = 0; j < k; ++j) {
      const T av = a[r * a_row + j * a_col];
      const T* bj = b + static_cast<size_t>(j) * p;
      for (int q = 0; q < p; ++q) o[q] += av * bj[q];
    }
  }
}

}  // namespace layerlab
