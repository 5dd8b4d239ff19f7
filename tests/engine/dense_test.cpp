// dense_test.cpp: dense_forward/backward against hand values and finite differences; the gradient contract.
#include "dense.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "finite_difference.h"
#include "parameter_arena.h"
#include "rng.h"

namespace layerlab {
namespace {
using testing::Vec;

TEST(Dense, ForwardMatchesHandComputedValues) {
  const double x[2 * 3] = {1, 2, 3, -1, 0, 2};
  const double w[2 * 3] = {0.5, -1, 2, 1, 1, 1};  // (out 2, in 3)
  const double b[2] = {0.25, -3};
  double y[4];
  dense_forward(x, w, b, y, 2, 3, 2);
  EXPECT_DOUBLE_EQ(y[0], 0.5 - 2 + 6 + 0.25);
  EXPECT_DOUBLE_EQ(y[1], 1 + 2 + 3 - 3);
  EXPECT_DOUBLE_EQ(y[2], -0.5 + 0 + 4 + 0.25);
  EXPECT_DOUBLE_EQ(y[3], -1 + 0 + 2 - 3);
}

struct DenseCase { int n, in, out; };
class DenseGradient : public ::testing::TestWithParam<DenseCase> {};

TEST_P(DenseGradient, MatchesFiniteDifferences) {
  const int n = GetParam().n, in = GetParam().in, out = GetParam().out;
  const Vec x0 = testing::random_vec(static_cast<size_t>(n * in), 1);
  const Vec w0 = testing::random_vec(static_cast<size_t>(out * in), 2);
  const Vec b0 = testing::random_vec(static_cast<size_t>(out), 3);
  const Vec r = testing::random_vec(static_cast<size_t>(n * out), 4);  // L = Σ y ⊙ r
  auto loss = [&](const Vec& x, const Vec& w, const Vec& b) {
    Vec y(static_cast<size_t>(n * out));
    dense_forward(x.data(), w.data(), b.data(), y.data(), n, in, out);
    return testing::dot(y, r);
  };
  Vec dx(x0.size()), dw(w0.size(), 0.0), db(b0.size(), 0.0);
  dense_backward(x0.data(), w0.data(), r.data(), dx.data(), dw.data(), db.data(), n, in, out);

  testing::expect_gradient_near(dx, testing::numeric_gradient([&](const Vec& x) { return loss(x, w0, b0); }, x0), 1e-6, "dx");
  testing::expect_gradient_near(dw, testing::numeric_gradient([&](const Vec& w) { return loss(x0, w, b0); }, w0), 1e-6, "dw");
  testing::expect_gradient_near(db, testing::numeric_gradient([&](const Vec& b) { return loss(x0, w0, b); }, b0), 1e-6, "db");
}

INSTANTIATE_TEST_SUITE_P(Shapes, DenseGradient,
                         ::testing::Values(DenseCase{1, 1, 1}, DenseCase{3, 4, 5}, DenseCase{7, 2, 16}, DenseCase{2, 16, 3}),
                         [](const auto& info) {
                           const DenseCase& c = info.param;
                           return "n" + std::to_string(c.n) + "_in" + std::to_string(c.in) + "_out" + std::to_string(c.out);
                         });

TEST(Dense, ParameterGradientsAccumulateAndInputGradientIsAssigned) {
  const int n = 2, in = 3, out = 2;
  const Vec x = testing::random_vec(n * in, 5), w = testing::random_vec(out * in, 6), dy = testing::random_vec(n * out, 7);
  Vec dx(n * in, 99.0), dw(out * in, 0.0), db(out, 0.0);
  dense_backward(x.data(), w.data(), dy.data(), dx.data(), dw.data(), db.data(), n, in, out);
  const Vec dx1 = dx, dw1 = dw, db1 = db;
  dense_backward(x.data(), w.data(), dy.data(), dx.data(), dw.data(), db.data(), n, in, out);
  for (size_t i = 0; i < dx.size(); ++i) EXPECT_DOUBLE_EQ(dx[i], dx1[i]);
  for (size_t i = 0; i < dw.size(); ++i) EXPECT_DOUBLE_EQ(dw[i], 2 * dw1[i]);
  for (size_t i = 0; i < db.size(); ++i) EXPECT_DOUBLE_EQ(db[i], 2 * db1[i]);
}

TEST(DenseLayer, InitialisationFollowsTheScheme) {
  for (WeightInit init : {WeightInit::SmallUniform, WeightInit::Xavier, WeightInit::He}) {
    ParameterArena arena;
    DenseLayer layer(arena, 1, 64, 32, init);
    arena.allocate();
    layer.bind(arena);
    Rng rng(3);
    layer.initialize(rng);
    const float limit = init == WeightInit::Xavier ? std::sqrt(6.0f / 96) : init == WeightInit::He ? std::sqrt(6.0f / 64) : 0.3f;
    const float bottom = init == WeightInit::SmallUniform ? 0.0f : -limit;  // the classic texts: 0 to 0.3
    float lo = 1, hi = -1;
    for (float v : layer.weights()) lo = std::min(lo, v), hi = std::max(hi, v);
    EXPECT_GE(lo, bottom) << weight_init_name(init);
    EXPECT_LE(hi, limit) << weight_init_name(init);
    EXPECT_LT(lo, bottom + 0.1f * (limit - bottom)) << "weights should fill the range";
    EXPECT_GT(hi, 0.9f * limit) << "weights should fill the range";
    for (float v : layer.bias()) EXPECT_EQ(v, 0.0f);
  }
}

}  // namespace
}  // namespace layerlab
