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

// out (rows, p) += a (rows, k) · b (k, p). a is addressed as a[r * a_row + j * a_col], so the same kernel
// serves W and Wᵀ. A 4x8 tile of out stays in registers while j runs over k; every element still adds its
// k products in ascending j, exactly as the plain triple loop would.
template <typename T>
inline void gemm_rows_add(const T* a, size_t a_row, size_t a_col, const T* b, T* out, int rows, int k, int p) {
  constexpr int R = 4, Q = 8;
  int r = 0;
  for (; r + R <= rows; r += R) {
    const T* ar = a + static_cast<size_t>(r) * a_row;
    T* o = out + static_cast<size_t>(r) * p;
    int q = 0;
    for (; q + Q <= p; q += Q) {
      T* o0 = o + q;
      T* o1 = o0 + p;
      T* o2 = o1 + p;
      T* o3 = o2 + p;
      T c0[Q], c1[Q], c2[Q], c3[Q];
      for (int l = 0; l < Q; ++l) {
        c0[l] = o0[l];
        c1[l] = o1[l];
        c2[l] = o2[l];
        c3[l] = o3[l];
      }
      for (int j = 0; j < k; ++j) {
        const T* bj = b + static_cast<size_t>(j) * p + q;
        const T* aj = ar + j * a_col;
        const T a0 = aj[0], a1 = aj[a_row], a2 = aj[2 * a_row], a3 = aj[3 * a_row];
        for (int l = 0; l < Q; ++l) c0[l] += a0 * bj[l];
        for (int l = 0; l < Q; ++l) c1[l] += a1 * bj[l];
        for (int l = 0; l < Q; ++l) c2[l] += a2 * bj[l];
        for (int l = 0; l < Q; ++l) c3[l] += a3 * bj[l];
      }
      for (int l = 0; l < Q; ++l) {
        o0[l] = c0[l];
        o1[l] = c1[l];
        o2[l] = c2[l];
        o3[l] = c3[l];
      }
    }
    for (int i = 0; i < R; ++i)
      for (int qq = q; qq < p; ++qq) {
        T acc = o[static_cast<size_t>(i) * p + qq];
        for (int j = 0; j < k; ++j) acc += ar[i * a_row + j * a_col] * b[static_cast<size_t>(j) * p + qq];
        o[static_cast<size_t>(i) * p + qq] = acc;
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

// out (rows, cols) += a (rows, n) · bᵀ where b is (cols, n): every element a dot product over contiguous
// memory, in four lanes (element t goes to lane t % 4 for the first ⌊n/4⌋·4 terms) summed as
// (l0 + l1) + (l2 + l3), then the tail in order. The float version below keeps exactly this order.
template <typename T>
inline void gemm_nt_add_scalar(const T* a, const T* b, T* out, int rows, int cols, int n) {
  const int body = n / 4 * 4;
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) {
      const T* ar = a + static_cast<size_t>(r) * n;
      const T* bc = b + static_cast<size_t>(c) * n;
      T l[4] = {T(0), T(0), T(0), T(0)};
      for (int t = 0; t < body; t += 4)
        for (int m = 0; m < 4; ++m) l[m] += ar[t + m] * bc[t + m];
      T sum = (l[0] + l[1]) + (l[2] + l[3]);
      for (int t = body; t < n; ++t) sum += ar[t] * bc[t];
      out[static_cast<size_t>(r) * cols + c] += sum;
    }
}

template <typename T>
inline void gemm_nt_add(const T* a, const T* b, T* out, int rows, int cols, int n) {
  gemm_nt_add_scalar(a, b, out, rows, cols, n);
}

// float: the same 4x8 tile with GCC/clang vector types (SSE natively, simd128 in wasm); the products and
// sums are the scalar ones, element by element, so results are bit-identical to the generic version.
typedef float f32x4 __attribute__((vector_size(16), aligned(4), __may_alias__));

template <>
inline void gemm_rows_add<float>(const float* a, size_t a_row, size_t a_col, const float* b, float* out, int rows, int k, int p) {
  constexpr int R = 4, Q = 8;
  int r = 0;
  for (; r + R <= rows; r += R) {
    const float* ar = a + static_cast<size_t>(r) * a_row;
    float* o = out + static_cast<size_t>(r) * p;
    int q = 0;
    for (; q + Q <= p; q += Q) {
      f32x4* o0 = reinterpret_cast<f32x4*>(o + q);
      f32x4* o1 = reinterpret_cast<f32x4*>(o + p + q);
      f32x4* o2 = reinterpret_cast<f32x4*>(o + 2 * static_cast<size_t>(p) + q);
      f32x4* o3 = reinterpret_cast<f32x4*>(o + 3 * static_cast<size_t>(p) + q);
      f32x4 c00 = o0[0], c01 = o0[1], c10 = o1[0], c11 = o1[1], c20 = o2[0], c21 = o2[1], c30 = o3[0], c31 = o3[1];
      for (int j = 0; j < k; ++j) {
        const f32x4* bj = reinterpret_cast<const f32x4*>(b + static_cast<size_t>(j) * p + q);
        const f32x4 b0 = bj[0], b1 = bj[1];
        const float* aj = ar + j * a_col;
        const float a0 = aj[0], a1 = aj[a_row], a2 = aj[2 * a_row], a3 = aj[3 * a_row];
        c00 += a0 * b0;
        c01 += a0 * b1;
        c10 += a1 * b0;
        c11 += a1 * b1;
        c20 += a2 * b0;
        c21 += a2 * b1;
        c30 += a3 * b0;
        c31 += a3 * b1;
      }
      o0[0] = c00;
      o0[1] = c01;
      o1[0] = c10;
      o1[1] = c11;
      o2[0] = c20;
      o2[1] = c21;
      o3[0] = c30;
      o3[1] = c31;
    }
    for (int i = 0; i < R; ++i)
      for (int qq = q; qq < p; ++qq) {
        float acc = o[static_cast<size_t>(i) * p + qq];
        for (int j = 0; j < k; ++j) acc += ar[i * a_row + j * a_col] * b[static_cast<size_t>(j) * p + qq];
        o[static_cast<size_t>(i) * p + qq] = acc;
      }
  }
  for (; r < rows; ++r) {
    float* o = out + static_cast<size_t>(r) * p;
    for (int j = 0; j < k; ++j) {
      const float av = a[r * a_row + j * a_col];
      const float* bj = b + static_cast<size_t>(j) * p;
      for (int q = 0; q < p; ++q) o[q] += av * bj[q];
    }
  }
}

template <>
inline void gemm_nt_add<float>(const float* a, const float* b, float* out, int rows, int cols, int n) {
  const int body = n / 4 * 4;
  auto finish = [&](f32x4 v, const float* ar, const float* bc) {
    float sum = (v[0] + v[1]) + (v[2] + v[3]);
    for (int t = body; t < n; ++t) sum += ar[t] * bc[t];
    return sum;
  };
  int r = 0;
  for (; r + 2 <= rows; r += 2) {
    const float* a0 = a + static_cast<size_t>(r) * n;
    const float* a1 = a0 + n;
    int c = 0;
    for (; c + 4 <= cols; c += 4) {
      const float* b0 = b + static_cast<size_t>(c) * n;
      const float* b1 = b0 + n;
      const float* b2 = b1 + n;
      const float* b3 = b2 + n;
      f32x4 s00 = {0, 0, 0, 0}, s01 = s00, s02 = s00, s03 = s00, s10 = s00, s11 = s00, s12 = s00, s13 = s00;
      for (int t = 0; t < body; t += 4) {
        const f32x4 x0 = *reinterpret_cast<const f32x4*>(a0 + t), x1 = *reinterpret_cast<const f32x4*>(a1 + t);
        const f32x4 y0 = *reinterpret_cast<const f32x4*>(b0 + t), y1 = *reinterpret_cast<const f32x4*>(b1 + t);
        const f32x4 y2 = *reinterpret_cast<const f32x4*>(b2 + t), y3 = *reinterpret_cast<const f32x4*>(b3 + t);
        s00 += x0 * y0;
        s01 += x0 * y1;
        s02 += x0 * y2;
        s03 += x0 * y3;
        s10 += x1 * y0;
        s11 += x1 * y1;
        s12 += x1 * y2;
        s13 += x1 * y3;
      }
      float* o0 = out + static_cast<size_t>(r) * cols + c;
      float* o1 = o0 + cols;
      o0[0] += finish(s00, a0, b0);
      o0[1] += finish(s01, a0, b1);
      o0[2] += finish(s02, a0, b2);
      o0[3] += finish(s03, a0, b3);
      o1[0] += finish(s10, a1, b0);
      o1[1] += finish(s11, a1, b1);
      o1[2] += finish(s12, a1, b2);
      o1[3] += finish(s13, a1, b3);
    }
    for (; c < cols; ++c) {
      const float* bc = b + static_cast<size_t>(c) * n;
      f32x4 s0 = {0, 0, 0, 0}, s1 = s0;
      for (int t = 0; t < body; t += 4) {
        const f32x4 y = *reinterpret_cast<const f32x4*>(bc + t);
        s0 += *reinterpret_cast<const f32x4*>(a0 + t) * y;
        s1 += *reinterpret_cast<const f32x4*>(a1 + t) * y;
      }
      out[static_cast<size_t>(r) * cols + c] += finish(s0, a0, bc);
      out[static_cast<size_t>(r + 1) * cols + c] += finish(s1, a1, bc);
    }
  }
  if (r < rows) gemm_nt_add_scalar<float>(a + static_cast<size_t>(r) * n, b, out + static_cast<size_t>(r) * cols, 1, cols, n);
}

}  // namespace layerlab
