// pooling.cpp: pool2d_forward / pool2d_backward side by side (max, mean, sum), and Pool2dLayer.
#include "pooling.h"

#include <algorithm>

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

template <typename T>
void pool2d_forward(const Pool2dGeometry& g, const T* x, T* y, int n) {
  const int oh = g.out_h(), ow = g.out_w(), hw = g.height * g.width;
  const T scale = g.kind == PoolKind::Mean ? T(1) / static_cast<T>(g.window * g.window) : T(1);
  for (int m = 0; m < n * g.channels; ++m) {
    const T* xc = x + static_cast<size_t>(m) * hw;
    T* yc = y + static_cast<size_t>(m) * oh * ow;
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
}

template <typename T>
void pool2d_backward(const Pool2dGeometry& g, const T* x, const T* dy, T* dx, int n) {
  const int oh = g.out_h(), ow = g.out_w(), hw = g.height * g.width;
  const T scale = g.kind == PoolKind::Mean ? T(1) / static_cast<T>(g.window * g.window) : T(1);
  std::fill(dx, dx + static_cast<size_t>(n) * g.in_size(), T(0));
  for (int m = 0; m < n * g.channels; ++m) {
    const T* xc = x + static_cast<size_t>(m) * hw;
    const T* dyc = dy + static_cast<size_t>(m) * oh * ow;
    T* dxc = dx + static_cast<size_t>(m) * hw;
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
