// conv2d.cpp: conv2d_forward / conv2d_backward (im2col + blocked GEMM) side by side, the naive reference, Conv2dLayer.
#include "conv2d.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "gemm.h"
#include "parallel.h"
#include "rng.h"

namespace layerlab {

const char* padding_mode_name(PaddingMode m) { return m == PaddingMode::Edge ? "edge" : "zeros"; }

void set_same_padding(Conv2dGeometry* g) {
  auto split = [&](int n, int k, int* before, int* after) {
    const int out = (n + g->stride - 1) / g->stride;
    const int total = std::max((out - 1) * g->stride + k - n, 0);
    *before = total / 2;
    *after = total - *before;
  };
  split(g->height, g->kernel_h, &g->pad_top, &g->pad_bottom);
  split(g->width, g->kernel_w, &g->pad_left, &g->pad_right);
}

std::string check_conv2d_geometry(const Conv2dGeometry& g) {
  if (g.channels < 1 || g.height < 1 || g.width < 1) return "convolution needs an image input (channels, height, width); it receives a vector";
  if (g.filters < 1 || g.filters > 4096) return "the number of filters must be 1 to 4096";
  if (g.kernel_h < 1 || g.kernel_w < 1) return "the kernel must be at least 1x1";
  if (g.stride < 1) return "the stride must be at least 1 (a stride of 0 would never move the kernel)";
  if (g.pad_top < 0 || g.pad_left < 0 || g.pad_bottom < 0 || g.pad_right < 0) return "padding cannot be negative";
  const int ph = g.height + g.pad_top + g.pad_bottom, pw = g.width + g.pad_left + g.pad_right;
  if (g.kernel_h > ph || g.kernel_w > pw)
    return "the " + std::to_string(g.kernel_h) + "x" + std::to_string(g.kernel_w) + " kernel is larger than the padded input (" +
           std::to_string(ph) + "x" + std::to_string(pw) + "): use a smaller kernel, more padding or 'same'";
  if (g.pad_top >= g.kernel_h || g.pad_bottom >= g.kernel_h || g.pad_left >= g.kernel_w || g.pad_right >= g.kernel_w)
    return "padding must be smaller than the kernel (wider padding only adds outputs that see no pixel)";
  return "";
}

namespace {
// Output columns [lo, hi) whose input column ox·s + kx − pad_left lies inside the image.
void inside_range(int out, int stride, int offset, int size, int* lo, int* hi) {
  // ox·s + offset ≥ 0  ⇔  ox ≥ ⌈−offset / s⌉;   ox·s + offset < size  ⇔  ox < ⌈(size − offset) / s⌉
  *lo = offset >= 0 ? 0 : (-offset + stride - 1) / stride;
  *hi = size - offset <= 0 ? 0 : std::min(out, (size - offset + stride - 1) / stride);
  if (*lo > *hi) *lo = *hi;
}
}  // namespace

template <typename T>
void conv2d_im2col(const Conv2dGeometry& g, const T* x, T* cols) {
  const int oh = g.out_h(), ow = g.out_w(), s = g.stride;
  const bool edge = g.padding == PaddingMode::Edge;
  for (int c = 0; c < g.channels; ++c) {
    const T* xc = x + static_cast<size_t>(c) * g.height * g.width;
    for (int ky = 0; ky < g.kernel_h; ++ky)
      for (int kx = 0; kx < g.kernel_w; ++kx) {
        T* row = cols + ((static_cast<size_t>(c) * g.kernel_h + ky) * g.kernel_w + kx) * oh * ow;
        const int offset = kx - g.pad_left;
        int lo, hi;
        inside_range(ow, s, offset, g.width, &lo, &hi);
        for (int oy = 0; oy < oh; ++oy) {
          const int iy = oy * s + ky - g.pad_top;
          T* r = row + static_cast<size_t>(oy) * ow;
          if (!edge && (iy < 0 || iy >= g.height)) {
            std::fill(r, r + ow, T(0));
            continue;
          }
          const T* xr = xc + static_cast<size_t>(std::clamp(iy, 0, g.height - 1)) * g.width;
          const T left = edge ? xr[0] : T(0), right = edge ? xr[g.width - 1] : T(0);
          for (int ox = 0; ox < lo; ++ox) r[ox] = left;
          const T* src = xr + offset;
          if (s == 1) {
            for (int ox = lo; ox < hi; ++ox) r[ox] = src[ox];
          } else {
            for (int ox = lo; ox < hi; ++ox) r[ox] = src[ox * s];
          }
          for (int ox = hi; ox < ow; ++ox) r[ox] = right;
        }
      }
  }
}

namespace {

// dx += the im2col matrix's gradient scattered back to the pixels it was read from (edge padding sends
// the gradient of a copied value to the edge pixel it copied).
template <typename T>
void conv2d_col2im_add(const Conv2dGeometry& g, const T* dcols, T* dx) {
  const int oh = g.out_h(), ow = g.out_w(), s = g.stride;
  const bool edge = g.padding == PaddingMode::Edge;
  for (int c = 0; c < g.channels; ++c) {
    T* dxc = dx + static_cast<size_t>(c) * g.height * g.width;
    for (int ky = 0; ky < g.kernel_h; ++ky)
      for (int kx = 0; kx < g.kernel_w; ++kx) {
        const T* row = dcols + ((static_cast<size_t>(c) * g.kernel_h + ky) * g.kernel_w + kx) * oh * ow;
        const int offset = kx - g.pad_left;
        int lo, hi;
        inside_range(ow, s, offset, g.width, &lo, &hi);
        for (int oy = 0; oy < oh; ++oy) {
          const int iy = oy * s + ky - g.pad_top;
          if (!edge && (iy < 0 || iy >= g.height)) continue;
          const T* r = row + static_cast<size_t>(oy) * ow;
          T* dxr = dxc + static_cast<size_t>(std::clamp(iy, 0, g.height - 1)) * g.width;
          if (edge) {
            for (int ox = 0; ox < lo; ++ox) dxr[0] += r[ox];
            for (int ox = hi; ox < ow; ++ox) dxr[g.width - 1] += r[ox];
          }
          T* dst = dxr + offset;
          if (s == 1) {
            for (int ox = lo; ox < hi; ++ox) dst[ox] += r[ox];
          } else {
            for (int ox = lo; ox < hi; ++ox) dst[ox * s] += r[ox];
          }
        }
      }
  }
}

}  // namespace

// Samples are independent in the forward pass: split over threads (parallel.h), each with its own im2col buffer
// (the caller's `cols` on thread 0), each sample computed exactly as on one thread.
template <typename T>
void conv2d_forward(const Conv2dGeometry& g, const T* x, const T* w, const T* b, T* y, int n, T* cols) {
  const int k = g.patch(), p = g.out_h() * g.out_w();
  const int min_samples = static_cast<int>(std::max(1LL, 32768LL / std::max(1LL, 1LL * g.filters * k * p)));
  parallel_for(n, min_samples, [&](int begin, int end, int thread) {
    T* c = thread == 0 ? cols : parallel_scratch_of<T>(thread, 0, static_cast<size_t>(k) * p);
    for (int i = begin; i < end; ++i) {
      conv2d_im2col(g, x + static_cast<size_t>(i) * g.in_size(), c);
      T* yi = y + static_cast<size_t>(i) * g.out_size();
      for (int f = 0; f < g.filters; ++f) std::fill(yi + static_cast<size_t>(f) * p, yi + static_cast<size_t>(f + 1) * p, b[f]);
      gemm_rows_add(w, static_cast<size_t>(k), size_t{1}, c, yi, g.filters, k, p);
    }
  });
}

// In chunks of up to kChunk samples: first, per sample (split over threads), its im2col into the chunk's column
// buffer and its input gradient; then the parameter gradients split by filter, each filter adding its samples in
// ascending order, so every sum runs in the same order as on one thread whatever the thread count.
template <typename T>
void conv2d_backward(const Conv2dGeometry& g, const T* x, const T* w, const T* dy, T* dx, T* dw, T* db, int n,
                     T* cols, T* dcols) {
  constexpr int kChunk = 64;
  const int k = g.patch(), p = g.out_h() * g.out_w();
  const size_t col_size = static_cast<size_t>(k) * p;
  const int min_samples = static_cast<int>(std::max(1LL, 32768LL / std::max(1LL, 1LL * g.filters * k * p)));
  const int min_filters = static_cast<int>(std::max(1LL, 32768LL / std::max(1LL, 1LL * kChunk * k * p)));
  for (int first = 0; first < n; first += kChunk) {
    const int count = std::min(kChunk, n - first);
    T* chunk_cols = count == 1 ? cols : parallel_scratch_of<T>(0, 1, col_size * count);
    parallel_for(count, min_samples, [&](int begin, int end, int thread) {
      T* dc = thread == 0 ? dcols : parallel_scratch_of<T>(thread, 0, col_size);
      for (int j = begin; j < end; ++j) {
        const int i = first + j;
        T* ci = chunk_cols + col_size * j;
        conv2d_im2col(g, x + static_cast<size_t>(i) * g.in_size(), ci);
        if (!dx) continue;
        // dcols (k, p) = wᵀ (k, F) · dy (F, p), then scattered back onto the image.
        std::fill(dc, dc + col_size, T(0));
        gemm_rows_add(w, size_t{1}, static_cast<size_t>(k), dy + static_cast<size_t>(i) * g.out_size(), dc, k, g.filters, p);
        T* dxi = dx + static_cast<size_t>(i) * g.in_size();
        std::fill(dxi, dxi + g.in_size(), T(0));
        conv2d_col2im_add(g, dc, dxi);
      }
    });
    parallel_for(g.filters, min_filters, [&](int f0, int f1, int) {
      for (int j = 0; j < count; ++j) {
        const T* dyi = dy + static_cast<size_t>(first + j) * g.out_size();
        for (int f = f0; f < f1; ++f) {
          const T* dyf = dyi + static_cast<size_t>(f) * p;
          T sum = T(0);
          for (int q = 0; q < p; ++q) sum += dyf[q];
          db[f] += sum;
        }
        // dw (F, patch) += dy (F, p) · colsᵀ, rows f0..f1 of it
        gemm_nt_add(dyi + static_cast<size_t>(f0) * p, chunk_cols + col_size * j, dw + static_cast<size_t>(f0) * k,
                    f1 - f0, k, p);
      }
    });
  }
}

template <typename T>
void conv2d_forward_naive(const Conv2dGeometry& g, const T* x, const T* w, const T* b, T* y, int n) {
  const int oh = g.out_h(), ow = g.out_w();
  for (int i = 0; i < n; ++i)
    for (int f = 0; f < g.filters; ++f)
      for (int oy = 0; oy < oh; ++oy)
        for (int ox = 0; ox < ow; ++ox) {
          T sum = b[f];
          for (int c = 0; c < g.channels; ++c)
            for (int ky = 0; ky < g.kernel_h; ++ky)
              for (int kx = 0; kx < g.kernel_w; ++kx) {
                int iy = oy * g.stride + ky - g.pad_top, ix = ox * g.stride + kx - g.pad_left;
                const bool inside = iy >= 0 && iy < g.height && ix >= 0 && ix < g.width;
                if (!inside && g.padding == PaddingMode::Zeros) continue;
                iy = std::clamp(iy, 0, g.height - 1);
                ix = std::clamp(ix, 0, g.width - 1);
                sum += w[((static_cast<size_t>(f) * g.channels + c) * g.kernel_h + ky) * g.kernel_w + kx] *
                       x[((static_cast<size_t>(i) * g.channels + c) * g.height + iy) * g.width + ix];
              }
          y[((static_cast<size_t>(i) * g.filters + f) * oh + oy) * ow + ox] = sum;
        }
}

#define LAYERLAB_CONV2D_INSTANTIATE(T)                                                                       \
  template void conv2d_im2col<T>(const Conv2dGeometry&, const T*, T*);                                      \
  template void conv2d_forward<T>(const Conv2dGeometry&, const T*, const T*, const T*, T*, int, T*);        \
  template void conv2d_backward<T>(const Conv2dGeometry&, const T*, const T*, const T*, T*, T*, T*, int, T*, \
                                   T*);                                                                      \
  template void conv2d_forward_naive<T>(const Conv2dGeometry&, const T*, const T*, const T*, T*, int);
LAYERLAB_CONV2D_INSTANTIATE(float)
LAYERLAB_CONV2D_INSTANTIATE(double)

Conv2dLayer::Conv2dLayer(ParameterArena& arena, int index, const Conv2dGeometry& g, WeightInit init) : g_(g), init_(init) {
  const std::string name = "conv " + std::to_string(index);
  w_id_ = arena.reserve(name + " kernels", static_cast<size_t>(g.filters) * g.patch());
  b_id_ = arena.reserve(name + " bias", static_cast<size_t>(g.filters), ParamRole::Bias);
}

void Conv2dLayer::bind(ParameterArena& arena) {
  w_ = arena.value(w_id_);
  b_ = arena.value(b_id_);
  dw_ = arena.grad(w_id_);
  db_ = arena.grad(b_id_);
}

void Conv2dLayer::initialize(Rng& rng) {
  // As for dense layers, with fan-in = C·KH·KW and fan-out = F·KH·KW.
  const float fan_in = static_cast<float>(g_.patch());
  const float fan_out = static_cast<float>(g_.filters * g_.kernel_h * g_.kernel_w);
  if (init_ == WeightInit::SmallUniform) {
    for (float& v : w_) v = rng.uniform(0.0f, 0.3f);
  } else {
    const float limit = init_ == WeightInit::He ? std::sqrt(6.0f / fan_in) : std::sqrt(6.0f / (fan_in + fan_out));
    for (float& v : w_) v = rng.uniform(-limit, limit);
  }
  for (float& v : b_) v = 0.0f;
}

size_t Conv2dLayer::cache_floats(int) const {
  return 2 * static_cast<size_t>(g_.patch()) * g_.out_h() * g_.out_w();  // cols and dcols of one example
}

void Conv2dLayer::forward(const float* x, float* y, int n, const LayerContext& ctx) const {
  conv2d_forward(g_, x, w_.data, b_.data, y, n, ctx.cache);
}

void Conv2dLayer::backward(const float* x, const float*, const float* dy, float* dx, int n, const LayerContext& ctx) {
  const size_t half = static_cast<size_t>(g_.patch()) * g_.out_h() * g_.out_w();
  conv2d_backward(g_, x, w_.data, dy, dx, dw_.data, db_.data, n, ctx.cache, ctx.cache + half);
}

}  // namespace layerlab
