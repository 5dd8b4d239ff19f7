// pooling.h: 2-D max, mean and sum pooling. Shapes: x (N, C, H, W), y (N, C, OH, OW), OH = ⌊(H − k) / s⌋ + 1.
// Each window covers one channel; pooling has no trainable parameters. Max pooling sends the gradient to
// the first largest value of each window (recomputed from x in backward, so nothing is cached).
#pragma once
#include <string>

#include "layer.h"

namespace layerlab {

enum class PoolKind { Max, Mean, Sum };
const char* pool_kind_name(PoolKind k);

struct Pool2dGeometry {
  int channels = 1, height = 1, width = 1;
  int window = 2, stride = 2;
  PoolKind kind = PoolKind::Max;

  int out_h() const { return (height - window) / stride + 1; }
  int out_w() const { return (width - window) / stride + 1; }
  int in_size() const { return channels * height * width; }
  int out_size() const { return channels * out_h() * out_w(); }
};

// "" when usable, else one sentence saying what is wrong and how to fix it.
std::string check_pool2d_geometry(const Pool2dGeometry& g);

template <typename T>
void pool2d_forward(const Pool2dGeometry& g, const T* x, T* y, int n);
// dx = ∂L/∂x (assigned): a window's gradient goes to its argmax (max), is shared equally (mean) or copied
// to every input (sum); overlapping windows add up.
template <typename T>
void pool2d_backward(const Pool2dGeometry& g, const T* x, const T* dy, T* dx, int n);

// Index (y * W + x within the channel) of the input pixel a max-pooling output came from.
template <typename T>
int pool2d_argmax(const Pool2dGeometry& g, const T* channel, int oy, int ox);

class Pool2dLayer final : public Layer {
 public:
  explicit Pool2dLayer(const Pool2dGeometry& g) : g_(g) {}
  const char* kind() const override { return "pool2d"; }
  int in_features() const override { return g_.in_size(); }
  int out_features() const override { return g_.out_size(); }
  void forward(const float* x, float* y, int n, const LayerContext& ctx) const override;
  void backward(const float* x, const float* y, const float* dy, float* dx, int n, const LayerContext& ctx) override;
  const Pool2dGeometry& geometry() const { return g_; }

 private:
  Pool2dGeometry g_;
};

}  // namespace layerlab
