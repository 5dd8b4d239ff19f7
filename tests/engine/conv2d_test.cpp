// conv2d_test.cpp: conv2d against hand-computed outputs, the naive loop and finite differences; geometry errors.
#include "conv2d.h"

#include <gtest/gtest.h>

#include <vector>

#include "finite_difference.h"
#include "parameter_arena.h"
#include "rng.h"

namespace layerlab {
namespace {
using testing::Vec;

// The worked example of the texts: a 5x5 binary image and the 3x3 kernel [1,0,1; 0,1,0; 1,0,1].
const double kImage[25] = {1, 1, 1, 0, 0,  //
                           0, 1, 1, 1, 0,  //
                           0, 0, 1, 1, 1,  //
                           0, 0, 1, 1, 0,  //
                           0, 1, 1, 0, 0};
const double kKernel[9] = {1, 0, 1, 0, 1, 0, 1, 0, 1};

Conv2dGeometry geometry(int c, int h, int w, int f, int kh, int kw, int stride, int pad, PaddingMode mode = PaddingMode::Zeros) {
  Conv2dGeometry g;
  g.channels = c;
  g.height = h;
  g.width = w;
  g.filters = f;
  g.kernel_h = kh;
  g.kernel_w = kw;
  g.stride = stride;
  g.pad_top = g.pad_left = g.pad_bottom = g.pad_right = pad;
  g.padding = mode;
  return g;
}

std::vector<double> run(const Conv2dGeometry& g, const double* x, const double* w) {
  std::vector<double> y(static_cast<size_t>(g.out_size())), cols(static_cast<size_t>(g.patch() * g.out_h() * g.out_w()));
  const double b = 0;
  conv2d_forward(g, x, w, &b, y.data(), 1, cols.data());
  return y;
}

TEST(Conv2d, HandComputedStride1Padding1) {
  const Conv2dGeometry g = geometry(1, 5, 5, 1, 3, 3, 1, 1);
  ASSERT_EQ(g.out_h(), 5);  // ⌊(5 + 2 − 3) / 1⌋ + 1
  const std::vector<double> expected = {2, 2, 3, 1, 1, 1, 4, 3, 4, 1, 1, 2, 4, 3, 3, 1, 2, 3, 4, 1, 0, 2, 2, 1, 1};
  EXPECT_EQ(run(g, kImage, kKernel), expected);
}

TEST(Conv2d, HandComputedStride2Padding0) {
  const Conv2dGeometry g = geometry(1, 5, 5, 1, 3, 3, 2, 0);
  ASSERT_EQ(g.out_h(), 2);  // ⌊(5 − 3) / 2⌋ + 1
  EXPECT_EQ(run(g, kImage, kKernel), (std::vector<double>{4, 4, 2, 4}));
  // Stride 1 without padding: the classic 3x3 result.
  EXPECT_EQ(run(geometry(1, 5, 5, 1, 3, 3, 1, 0), kImage, kKernel), (std::vector<double>{4, 3, 4, 2, 4, 3, 2, 3, 4}));
}

TEST(Conv2d, EdgePaddingRepeatsTheBorder) {
  const std::vector<double> expected = {4, 4, 4, 2, 1, 2, 4, 3, 4, 2, 1, 2, 4, 3, 3, 1, 2, 3, 4, 2, 1, 3, 3, 2, 1};
  EXPECT_EQ(run(geometry(1, 5, 5, 1, 3, 3, 1, 1, PaddingMode::Edge), kImage, kKernel), expected);
}

TEST(Conv2d, IsCrossCorrelationNotFlipped) {
  // A kernel with a single 1 at its top-left picks the pixel up and to the left of each position.
  const double k[9] = {1, 0, 0, 0, 0, 0, 0, 0, 0};
  const std::vector<double> y = run(geometry(1, 5, 5, 1, 3, 3, 1, 1), kImage, k);
  EXPECT_EQ(y[1 * 5 + 1], kImage[0]);
  EXPECT_EQ(y[3 * 5 + 2], kImage[2 * 5 + 1]);
}

TEST(Conv2d, SamePaddingKeepsTheSizeOverStride) {
  for (int stride : {1, 2, 3}) {
    Conv2dGeometry g = geometry(1, 7, 6, 1, 3, 4, stride, 0);
    set_same_padding(&g);
    EXPECT_EQ(g.out_h(), (7 + stride - 1) / stride);
    EXPECT_EQ(g.out_w(), (6 + stride - 1) / stride);
  }
}

struct ConvCase {
  int n, c, h, w, f, kh, kw, stride, pad;
  PaddingMode mode;
};

std::string case_name(const ConvCase& c) {
  return "n" + std::to_string(c.n) + "c" + std::to_string(c.c) + "_" + std::to_string(c.h) + "x" + std::to_string(c.w) + "_f" +
         std::to_string(c.f) + "k" + std::to_string(c.kh) + "x" + std::to_string(c.kw) + "s" + std::to_string(c.stride) + "p" +
         std::to_string(c.pad) + (c.mode == PaddingMode::Edge ? "edge" : "zeros");
}

class Conv2dCases : public ::testing::TestWithParam<ConvCase> {
 protected:
  Conv2dGeometry g() const {
    const ConvCase& c = GetParam();
    return geometry(c.c, c.h, c.w, c.f, c.kh, c.kw, c.stride, c.pad, c.mode);
  }
};

TEST_P(Conv2dCases, FastKernelMatchesTheNaiveLoop) {
  const Conv2dGeometry geo = g();
  const int n = GetParam().n;
  ASSERT_EQ(check_conv2d_geometry(geo), "");
  const Vec x = testing::random_vec(static_cast<size_t>(n * geo.in_size()), 1);
  const Vec w = testing::random_vec(static_cast<size_t>(geo.filters * geo.patch()), 2);
  const Vec b = testing::random_vec(static_cast<size_t>(geo.filters), 3);
  Vec fast(static_cast<size_t>(n * geo.out_size())), naive(fast.size()), cols(static_cast<size_t>(geo.patch() * geo.out_h() * geo.out_w()));
  conv2d_forward(geo, x.data(), w.data(), b.data(), fast.data(), n, cols.data());
  conv2d_forward_naive(geo, x.data(), w.data(), b.data(), naive.data(), n);
  for (size_t i = 0; i < fast.size(); ++i) ASSERT_NEAR(fast[i], naive[i], 1e-12) << i;
}

TEST_P(Conv2dCases, GradientsMatchFiniteDifferences) {
  const Conv2dGeometry geo = g();
  const int n = GetParam().n;
  const Vec x0 = testing::random_vec(static_cast<size_t>(n * geo.in_size()), 4);
  const Vec w0 = testing::random_vec(static_cast<size_t>(geo.filters * geo.patch()), 5);
  const Vec b0 = testing::random_vec(static_cast<size_t>(geo.filters), 6);
  const Vec r = testing::random_vec(static_cast<size_t>(n * geo.out_size()), 7);  // L = Σ y ⊙ r
  const size_t scratch = static_cast<size_t>(geo.patch() * geo.out_h() * geo.out_w());
  auto loss = [&](const Vec& x, const Vec& w, const Vec& b) {
    Vec y(r.size());
    conv2d_forward_naive(geo, x.data(), w.data(), b.data(), y.data(), n);
    return testing::dot(y, r);
  };
  Vec dx(x0.size(), 99.0), dw(w0.size(), 0.0), db(b0.size(), 0.0), cols(scratch), dcols(scratch);
  conv2d_backward(geo, x0.data(), w0.data(), r.data(), dx.data(), dw.data(), db.data(), n, cols.data(), dcols.data());
  testing::expect_gradient_near(dx, testing::numeric_gradient([&](const Vec& x) { return loss(x, w0, b0); }, x0), 1e-6, "dx");
  testing::expect_gradient_near(dw, testing::numeric_gradient([&](const Vec& w) { return loss(x0, w, b0); }, w0), 1e-6, "dw");
  testing::expect_gradient_near(db, testing::numeric_gradient([&](const Vec& b) { return loss(x0, w0, b); }, b0), 1e-6, "db");
}

INSTANTIATE_TEST_SUITE_P(
    Geometries, Conv2dCases,
    ::testing::Values(ConvCase{1, 1, 5, 5, 1, 3, 3, 1, 1, PaddingMode::Zeros}, ConvCase{2, 3, 6, 5, 4, 3, 3, 1, 0, PaddingMode::Zeros},
                      ConvCase{2, 2, 7, 7, 3, 3, 3, 2, 1, PaddingMode::Zeros},  // the window does not tile: 7 + 2 − 3 is odd
                      ConvCase{1, 2, 8, 6, 5, 5, 3, 3, 2, PaddingMode::Edge},   // rectangular kernel, stride 3
                      ConvCase{3, 1, 6, 7, 2, 2, 2, 2, 0, PaddingMode::Zeros},  // 7 columns, 2x2 stride 2: one column unused
                      ConvCase{1, 3, 5, 5, 6, 1, 1, 1, 0, PaddingMode::Zeros},  // 1x1 mixes channels
                      ConvCase{2, 2, 5, 4, 3, 3, 3, 1, 1, PaddingMode::Edge},
                      ConvCase{1, 4, 9, 9, 5, 4, 4, 2, 1, PaddingMode::Edge}),
    [](const auto& info) { return case_name(info.param); });

TEST(Conv2d, GeometryErrorsExplainTheFix) {
  EXPECT_NE(check_conv2d_geometry(geometry(1, 4, 4, 1, 7, 7, 1, 1)).find("larger than the padded input (6x6)"), std::string::npos);
  EXPECT_NE(check_conv2d_geometry(geometry(1, 8, 8, 1, 3, 3, 0, 1)).find("stride"), std::string::npos);
  EXPECT_NE(check_conv2d_geometry(geometry(1, 8, 8, 0, 3, 3, 1, 1)).find("filters"), std::string::npos);
  EXPECT_EQ(check_conv2d_geometry(geometry(1, 8, 8, 2, 3, 3, 1, 1)), "");
}

TEST(Conv2dLayer, OwnsKernelsAndBiasInTheArenaAndAccumulates) {
  ParameterArena arena;
  const Conv2dGeometry g = geometry(2, 6, 6, 3, 3, 3, 1, 1);
  Conv2dLayer layer(arena, 1, g, WeightInit::He);
  arena.allocate();
  layer.bind(arena);
  Rng rng(1);
  layer.initialize(rng);
  EXPECT_EQ(arena.total_size(), size_t{3 * (2 * 9) + 3});
  EXPECT_EQ(layer.kernel(1, 1), layer.weights().data + 27);
  const int n = 2;
  std::vector<float> x(static_cast<size_t>(n * g.in_size()), 0.5f), y(static_cast<size_t>(n * g.out_size()));
  std::vector<float> dy(y.size(), 1.0f), dx(x.size()), cache(layer.cache_floats(n));
  LayerContext ctx;
  ctx.cache = cache.data();
  layer.forward(x.data(), y.data(), n, ctx);
  layer.backward(x.data(), y.data(), dy.data(), dx.data(), n, ctx);
  const float db0 = layer.bias_grads()[0];
  EXPECT_FLOAT_EQ(db0, static_cast<float>(n * g.out_h() * g.out_w()));
  layer.backward(x.data(), y.data(), dy.data(), dx.data(), n, ctx);
  EXPECT_FLOAT_EQ(layer.bias_grads()[0], 2 * db0);  // += across calls
}

}  // namespace
}  // namespace layerlab
