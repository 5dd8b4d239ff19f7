// pooling_test.cpp: max, mean and sum pooling against hand values and finite differences; geometry errors.
#include "pooling.h"

#include <gtest/gtest.h>

#include <vector>

#include "finite_difference.h"

namespace layerlab {
namespace {
using testing::Vec;

Pool2dGeometry geometry(PoolKind kind, int c, int h, int w, int window, int stride) {
  Pool2dGeometry g;
  g.kind = kind;
  g.channels = c;
  g.height = h;
  g.width = w;
  g.window = window;
  g.stride = stride;
  return g;
}

const double kMap[16] = {1, 3, 2, 1,  //
                         4, 2, 0, 1,  //
                         5, 1, 7, 8,  //
                         0, 2, 6, 3};

TEST(Pool2d, TwoByTwoStrideTwoHandValues) {
  double y[4];
  pool2d_forward(geometry(PoolKind::Max, 1, 4, 4, 2, 2), kMap, y, 1);
  EXPECT_EQ(std::vector<double>(y, y + 4), (std::vector<double>{4, 2, 5, 8}));
  pool2d_forward(geometry(PoolKind::Mean, 1, 4, 4, 2, 2), kMap, y, 1);
  EXPECT_EQ(std::vector<double>(y, y + 4), (std::vector<double>{2.5, 1, 2, 6}));
  pool2d_forward(geometry(PoolKind::Sum, 1, 4, 4, 2, 2), kMap, y, 1);
  EXPECT_EQ(std::vector<double>(y, y + 4), (std::vector<double>{10, 4, 8, 24}));
}

TEST(Pool2d, MaxRoutesTheGradientToTheArgmax) {
  const double dy[4] = {1, 2, 3, 4};
  double dx[16];
  pool2d_backward(geometry(PoolKind::Max, 1, 4, 4, 2, 2), kMap, dy, dx, 1);
  const std::vector<double> expected = {0, 0, 2, 0, 1, 0, 0, 0, 3, 0, 0, 4, 0, 0, 0, 0};
  EXPECT_EQ(std::vector<double>(dx, dx + 16), expected);
}

// The 2x2 stride-2 max pooling has its own loop: on odd sizes (the last row and column belong to no window) and
// ties (the first maximum in row order takes the gradient), it must do what pool2d_argmax and the generic loop do.
TEST(Pool2d, TwoByTwoFastPathMatchesTheArgmaxOnOddSizesAndTies) {
  const Pool2dGeometry g = geometry(PoolKind::Max, 2, 5, 7, 2, 2);
  std::vector<float> x(2 * 5 * 7), dy(size_t(g.out_size()));
  for (size_t i = 0; i < x.size(); ++i) x[i] = static_cast<float>((i * 7) % 5);  // many ties
  for (size_t i = 0; i < dy.size(); ++i) dy[i] = 1.0f + static_cast<float>(i);
  std::vector<float> y(dy.size()), dx(x.size(), 9.0f);
  pool2d_forward(g, x.data(), y.data(), 1);
  pool2d_backward(g, x.data(), dy.data(), dx.data(), 1);
  std::vector<float> expected_dx(x.size(), 0.0f);
  for (int c = 0; c < 2; ++c)
    for (int oy = 0; oy < g.out_h(); ++oy)
      for (int ox = 0; ox < g.out_w(); ++ox) {
        const float* channel = x.data() + c * 35;
        const int best = pool2d_argmax(g, channel, oy, ox);
        const size_t o = size_t(c) * g.out_h() * g.out_w() + size_t(oy) * g.out_w() + ox;
        EXPECT_EQ(y[o], channel[best]) << c << " " << oy << " " << ox;
        expected_dx[size_t(c) * 35 + size_t(best)] += dy[o];
      }
  EXPECT_EQ(dx, expected_dx);  // the uncovered last row and column get 0, not what dx held
}

TEST(Pool2d, HalvesEachSideAndKeepsChannels) {
  const Pool2dGeometry g = geometry(PoolKind::Max, 10, 28, 28, 2, 2);
  EXPECT_EQ(g.out_h(), 14);
  EXPECT_EQ(g.out_size(), 10 * 14 * 14);  // the worked example: 10 maps of 14x14
}

struct PoolCase {
  PoolKind kind;
  int n, c, h, w, window, stride;
};

class Pool2dGradient : public ::testing::TestWithParam<PoolCase> {};

TEST_P(Pool2dGradient, MatchesFiniteDifferences) {
  const PoolCase& p = GetParam();
  const Pool2dGeometry g = geometry(p.kind, p.c, p.h, p.w, p.window, p.stride);
  ASSERT_EQ(check_pool2d_geometry(g), "");
  const Vec x0 = testing::random_vec(static_cast<size_t>(p.n * g.in_size()), 11);  // distinct values: no ties
  const Vec r = testing::random_vec(static_cast<size_t>(p.n * g.out_size()), 12);
  auto loss = [&](const Vec& x) {
    Vec y(r.size());
    pool2d_forward(g, x.data(), y.data(), p.n);
    return testing::dot(y, r);
  };
  Vec dx(x0.size(), 99.0);
  pool2d_backward(g, x0.data(), r.data(), dx.data(), p.n);
  testing::expect_gradient_near(dx, testing::numeric_gradient(loss, x0, 1e-7), 1e-6, pool_kind_name(p.kind));
}

INSTANTIATE_TEST_SUITE_P(Kinds, Pool2dGradient,
                         ::testing::Values(PoolCase{PoolKind::Max, 2, 3, 4, 4, 2, 2}, PoolCase{PoolKind::Mean, 2, 3, 4, 4, 2, 2},
                                           PoolCase{PoolKind::Sum, 2, 3, 4, 4, 2, 2},
                                           PoolCase{PoolKind::Max, 1, 2, 5, 7, 2, 2},   // odd sizes: last row/column unused
                                           PoolCase{PoolKind::Mean, 1, 2, 5, 7, 3, 2},  // overlapping windows
                                           PoolCase{PoolKind::Sum, 1, 2, 6, 5, 3, 1}, PoolCase{PoolKind::Max, 1, 1, 6, 6, 3, 1}),
                         [](const auto& info) {
                           const PoolCase& c = info.param;
                           return std::string(pool_kind_name(c.kind)) + "_" + std::to_string(c.h) + "x" + std::to_string(c.w) + "_w" +
                                  std::to_string(c.window) + "s" + std::to_string(c.stride);
                         });

TEST(Pool2d, GeometryErrors) {
  EXPECT_NE(check_pool2d_geometry(geometry(PoolKind::Max, 1, 3, 3, 4, 4)).find("larger than its 3x3 input"), std::string::npos);
  EXPECT_NE(check_pool2d_geometry(geometry(PoolKind::Max, 1, 8, 8, 2, 0)).find("stride"), std::string::npos);
}

}  // namespace
}  // namespace layerlab
