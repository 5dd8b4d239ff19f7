// conv2d.h: 2-D convolution. Shapes: x (N, C, H, W), w (F, C, KH, KW), b (F), y (N, F, OH, OW), NCHW.
//
// What deep learning calls convolution is cross-correlation: y[f][oy][ox] = b[f] + Σ_c,ky,kx
// w[f][c][ky][kx] · x̃[c][oy·s + ky − pad_top][ox·s + kx − pad_left], the kernel NOT flipped, where x̃ is
// the input extended by zeros or by copies of its edge values. Output size per side: ⌊(n + 2p − k) / s⌋ + 1.
// The fast kernels (im2col + a cache-friendly GEMM, one example at a time) and the naive loop they are
// tested against are both templated so gradient checks can run in double precision.
#pragma once
#include <string>

#include "dense.h"
#include "layer.h"

namespace layerlab {

enum class PaddingMode { Zeros, Edge };  // what lies outside the image: 0, or a copy of the nearest edge pixel
const char* padding_mode_name(PaddingMode m);

struct Conv2dGeometry {
  int channels = 1, height = 1, width = 1;  // input (C, H, W)
  int filters = 1, kernel_h = 1, kernel_w = 1;
  int stride = 1;
  int pad_top = 0, pad_left = 0, pad_bottom = 0, pad_right = 0;
  PaddingMode padding = PaddingMode::Zeros;

  int out_h() const { return (height + pad_top + pad_bottom - kernel_h) / stride + 1; }
  int out_w() const { return (width + pad_left + pad_right - kernel_w) / stride + 1; }
  int patch() const { return channels * kernel_h * kernel_w; }  // weights per filter, without the bias
  int in_size() const { return channels * height * width; }
  int out_size() const { return filters * out_h() * out_w(); }
};

// Padding needed for "same" (output ⌈n / s⌉ per side), split with the extra pixel at the bottom/right.
void set_same_padding(Conv2dGeometry* g);
// "" when the geometry is usable, else one sentence saying what is wrong and what would fix it.
std::string check_conv2d_geometry(const Conv2dGeometry& g);

// The im2col matrix of one example: (patch, OH*OW), padding values filled in.
template <typename T>
void conv2d_im2col(const Conv2dGeometry& g, const T* x, T* cols);

// y = conv(x, w) + b for n examples; `cols` is scratch of patch()*OH*OW values.
template <typename T>
void conv2d_forward(const Conv2dGeometry& g, const T* x, const T* w, const T* b, T* y, int n, T* cols);
// dx = ∂L/∂x (assigned; skipped when null), dw += ∂L/∂w, db += ∂L/∂b; `cols` and `dcols` are scratch
// of patch()*OH*OW values each.
template <typename T>
void conv2d_backward(const Conv2dGeometry& g, const T* x, const T* w, const T* dy, T* dx, T* dw, T* db, int n,
                     T* cols, T* dcols);

// The reference: the definition above written as nested loops (tests only; slow).
template <typename T>
void conv2d_forward_naive(const Conv2dGeometry& g, const T* x, const T* w, const T* b, T* y, int n);

class Conv2dLayer final : public Layer {
 public:
  Conv2dLayer(ParameterArena& arena, int index, const Conv2dGeometry& g, WeightInit init);
  const char* kind() const override { return "conv2d"; }
  int in_features() const override { return g_.in_size(); }
  int out_features() const override { return g_.out_size(); }
  void bind(ParameterArena& arena) override;
  void initialize(Rng& rng) override;
  size_t cache_floats(int n) const override;
  void forward(const float* x, float* y, int n, const LayerContext& ctx) const override;
  void backward(const float* x, const float* y, const float* dy, float* dx, int n, const LayerContext& ctx) override;

  const Conv2dGeometry& geometry() const { return g_; }
  // Kernel f, channel c: kernel_h × kernel_w values (row-major) in weights(), likewise in weight_grads().
  const float* kernel(int f, int c) const { return w_.data + (static_cast<size_t>(f) * g_.channels + c) * g_.kernel_h * g_.kernel_w; }
  Span<float> weights() const { return w_; }
  Span<float> bias() const { return b_; }
  Span<float> weight_grads() const { return dw_; }
  Span<float> bias_grads() const { return db_; }
  ParamId weight_id() const { return w_id_; }

 private:
  Conv2dGeometry g_;
  WeightInit init_;
  ParamId w_id_, b_id_;
  Span<float> w_, b_, dw_, db_;
};

}  // namespace layerlab
