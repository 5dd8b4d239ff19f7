// pooling.cpp: pool2d_forward / pool2d_backward side by side (max, mean, sum), and Pool2dLayer.
#include "pooling.h"

#include <algorithm>

#include "parallel.h"

namespace layerlab {

const char* pool_kind_name(PoolKind k) {
  switch (k) {
    case PoolKind::Max: return "max";
    case PoolKind::Mean: return "mean";
    case PoolKind::Sum: return "sum";
  }
  return "?";
}

std::string check_pool2d_geometry(const Pool2dGeometry& g) {
  if (g.channels < 1 || g.height < 1 || g.width < 1) return "pooling needs an image input (channels, height, width); it receives a vector";
  if (g.window < 1) return "the pooling window must be at least 1x1";
  if (g.stride < 1) return "the pooling stride must be at least 1 (a stride of 0 would never move the window)";
  if (g.window > g.height || g.window > g.width)
    return "the " + std::to_string(g.window) + "x" + std::to_string(g.window) + " pooling window is larger than its " +
           std::to_string(g.height) + "x" + std::to_string(g.width) + " input: use a smaller window or remove this pooling layer";
  return "";
}

template <typename T>
int pool2d_argmax(const Pool2dGeometry& g, const T* channel, int oy, int ox) {
  const int y0 = oy * g.stride, x0 = ox * g.stride;
  int best = y0 * g.width + x0;
  for (int ky = 0; ky < g.window; ++ky)
    for (int kx = 0; kx < g.window; ++kx) {
      const int idx = (y0 + ky) * g.width + x0 + kx;
      if (channel[idx] > channel[best]) best = idx;
    }
  return best;
}

namespace {
// Maps (one channel of one sample) per parallel slice: at least about 16k input values, so small layers stay on
// one thread.
int min_maps(int hw) { return std::max(1, 16384 / std::max(1, hw)); }

// Which of a 2x2 window's values (0 a0, 1 a1, 2 b0, 3 b1, row order) is its first maximum: the order
// pool2d_argmax and the generic loop use (a later value wins only if strictly greater), so the 2x2 stride-2
// fast paths below pick the same value and route the gradient to the same pixel.
template <typename T>
inline int first_max_of_4(T a0, T a1, T b0, T b1) {
  int k = 0;
  T v = a0;
  if (a1 > v) v = a1, k = 1;
  if (b0 > v) v = b0, k = 2;
  if (b1 > v) k = 3;
  return k;
}
}  // namespace

// Maps are independent: split over threads (parallel.h), each computed exactly as on one thread.
template <typename T>
void pool2d_forward(const Pool2dGeometry& g, const T* x, T* y, int n) {
  const int oh = g.out_h(), ow = g.out_w(), hw = g.height * g.width;
  const T scale = g.kind == PoolKind::Mean ? T(1) / static_cast<T>(g.window * g.window) : T(1);
  const bool max2x2 = g.kind == PoolKind::Max && g.window == 2 && g.stride == 2;
  parallel_for(n * g.channels, min_maps(hw), [&](int begin, int end, int) {
    for (int m = begin; m < end; ++m) {
      const T* xc = x + static_cast<size_t>(m) * hw;
      T* yc = y + static_cast<size_t>(m) * oh * ow;
      if (max2x2) {
        for (int oy = 0; oy < oh; ++oy) {
          const T* r0 = xc + static_cast<size_t>(2 * oy) * g.width;
          const T* r1 = r0 + g.width;
          T* yr = yc + static_cast<size_t>(oy) * ow;
          for (int ox = 0; ox < ow; ++ox) {
            const T w[4] = {r0[2 * ox], r0[2 * ox + 1], r1[2 * ox], r1[2 * ox + 1]};
            yr[ox] = w[first_max_of_4(w[0], w[1], w[2], w[3])];
          }
        }
        continue;
      }
      for (int oy = 0; oy < oh; ++oy)
        for (int ox = 0; ox < ow; ++ox) {
          const T* w0 = xc + static_cast<size_t>(oy * g.stride) * g.width + ox * g.stride;
          T v = g.kind == PoolKind::Max ? w0[0] : T(0);
          for (int ky = 0; ky < g.window; ++ky) {
            const T* wr = w0 + static_cast<size_t>(ky) * g.width;
            for (int kx = 0; kx < g.window; ++kx) v = g.kind == PoolKind::Max ? (wr[kx] > v ? wr[kx] : v) : v + wr[kx];
          }
          yc[oy * ow + ox] = g.kind == PoolKind::Max ? v : v * scale;
        }
    }
  });
}

template <typename T>
void pool2d_backward(const Pool2dGeometry& g, const T* x, const T* dy, T* dx, int n) {
  const int oh = g.out_h(), ow = g.out_w(), hw = g.height * g.width;
  const T scale = g.kind == PoolKind::Mean ? T(1) / static_cast<T>(g.window * g.window) : T(1);
  const bool max2x2 = g.kind == PoolKind::Max && g.window == 2 && g.stride == 2;
  parallel_for(n * g.channels, min_maps(hw), [&](int begin, int end, int) {
    for (int m = begin; m < end; ++m) {
      const T* xc = x + static_cast<size_t>(m) * hw;
      const T* dyc = dy + static_cast<size_t>(m) * oh * ow;
      T* dxc = dx + static_cast<size_t>(m) * hw;
      if (max2x2) {  // the gradient goes to the window's first maximum, as pool2d_argmax picks it; 0 elsewhere
        for (int oy = 0; oy < oh; ++oy) {
          const T* r0 = xc + static_cast<size_t>(2 * oy) * g.width;
          const T* r1 = r0 + g.width;
          T* d0 = dxc + static_cast<size_t>(2 * oy) * g.width;
          T* d1 = d0 + g.width;
          const T* dyr = dyc + static_cast<size_t>(oy) * ow;
          for (int ox = 0; ox < ow; ++ox) {
            const int i = 2 * ox;
            const int k = first_max_of_4(r0[i], r0[i + 1], r1[i], r1[i + 1]);
            const T d = T(0) + dyr[ox];  // as the generic loop's 0 += d (a -0 gradient becomes +0)
            d0[i] = k == 0 ? d : T(0);
            d0[i + 1] = k == 1 ? d : T(0);
            d1[i] = k == 2 ? d : T(0);
            d1[i + 1] = k == 3 ? d : T(0);
          }
          if (g.width > 2 * ow) std::fill(d0 + 2 * ow, d0 + g.width, T(0)), std::fill(d1 + 2 * ow, d1 + g.width, T(0));
        }
        std::fill(dxc + static_cast<size_t>(2 * oh) * g.width, dxc + hw, T(0));  // rows no window covers
        continue;
      }
      std::fill(dxc, dxc + hw, T(0));
      for (int oy = 0; oy < oh; ++oy)
        for (int ox = 0; ox < ow; ++ox) {
          const T d = dyc[oy * ow + ox];
          if (g.kind == PoolKind::Max) {
            dxc[pool2d_argmax(g, xc, oy, ox)] += d;
          } else {
            for (int ky = 0; ky < g.window; ++ky)
              for (int kx = 0; kx < g.window; ++kx) dxc[(oy * g.stride + ky) * g.width + ox * g.stride + kx] += d * scale;
          }
        }
    }
  });
}

template void pool2d_forward<float>(const Pool2dGeometry&, const float*, float*, int);
template void pool2d_forward<double>(const Pool2dGeometry&, const double*, double*, int);
template void pool2d_backward<float>(const Pool2dGeometry&, const float*, const float*, float*, int);
template void pool2d_backward<double>(const Pool2dGeometry&, const double*, const double*, double*, int);
template int pool2d_argmax<float>(const Pool2dGeometry&, const float*, int, int);
template int pool2d_argmax<double>(const Pool2dGeometry&, const double*, int, int);

void Pool2dLayer::forward(const float* x, float* y, int n, const LayerContext&) const { pool2d_forward(g_, x, y, n); }

void Pool2dLayer::backward(const float* x, const float*, const float* dy, float* dx, int n, const LayerContext&) {
  if (dx) pool2d_backward(g_, x, dy, dx, n);
}

}  // namespace layerlab
