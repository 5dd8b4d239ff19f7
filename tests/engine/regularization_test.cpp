// regularization_test.cpp: the L1/L2 penalty by hand, its gradient against finite differences, and biases
// left untouched.
#include "regularization.h"

#include <gtest/gtest.h>

#include "dense.h"
#include "finite_difference.h"

namespace layerlab {
namespace {
using testing::Vec;

TEST(Regularization, PenaltyMatchesHandValue) {
  ParameterArena arena;
  const ParamId w = arena.reserve("w", 3), b = arena.reserve("b", 2, ParamRole::Bias);
  arena.allocate();
  const float wv[3] = {1.0f, -2.0f, 0.5f}, bv[2] = {100.0f, -100.0f};
  for (size_t i = 0; i < 3; ++i) arena.value(w)[i] = wv[i];
  for (size_t i = 0; i < 2; ++i) arena.value(b)[i] = bv[i];
  // Σ|w| = 1 + 2 + 0.5 = 3.5, Σw² = 1 + 4 + 0.25 = 5.25; biases ignored.
  EXPECT_DOUBLE_EQ(weight_penalty(arena, 0.1f, 0.0f), 0.1f * 3.5);
  EXPECT_DOUBLE_EQ(weight_penalty(arena, 0.0f, 0.2f), 0.5 * 0.2f * 5.25);  // (l2/2) Σw²
  EXPECT_DOUBLE_EQ(weight_penalty(arena, 0.1f, 0.2f), 0.1f * 3.5 + 0.5 * 0.2f * 5.25);
  EXPECT_EQ(weight_penalty(arena, 0.0f, 0.0f), 0.0);
}

TEST(Regularization, GradientMatchesFiniteDifferencesAwayFromZero) {
  Vec w = testing::random_vec(12, 11);
  for (double& v : w) v += v >= 0 ? 0.1 : -0.1;  // keep |w| ≥ 0.1: |w| has no derivative at 0
  const double l1 = 0.03, l2 = 0.7;
  Vec g(w.size(), 0.0);
  add_l1_l2_penalty_gradient(w.data(), g.data(), w.size(), l1, l2);
  const Vec numeric = testing::numeric_gradient([&](const Vec& x) { return l1_l2_penalty(x.data(), x.size(), l1, l2); }, w);
  testing::expect_gradient_near(g, numeric, 1e-7, "penalty gradient");
}

TEST(Regularization, GradientAccumulatesOnWeightsAndLeavesBiasesUntouched) {
  ParameterArena arena;
  const ParamId w = arena.reserve("w", 3), b = arena.reserve("b", 2, ParamRole::Bias);
  arena.allocate();
  const float wv[3] = {1.0f, -2.0f, 0.0f};
  for (size_t i = 0; i < 3; ++i) {
    arena.value(w)[i] = wv[i];
    arena.grad(w)[i] = 1.0f;  // an earlier gradient, to be added to
  }
  arena.value(b)[0] = 5.0f;
  arena.value(b)[1] = -5.0f;
  arena.grad(b)[0] = 0.25f;
  add_weight_penalty_gradient(arena, 0.5f, 0.25f);
  EXPECT_EQ(arena.grad(w)[0], 1.0f + 0.5f + 0.25f);          // 1 + l1·1 + l2·1
  EXPECT_EQ(arena.grad(w)[1], 1.0f - 0.5f + 0.25f * -2.0f);  // 1 + l1·(-1) + l2·(-2)
  EXPECT_EQ(arena.grad(w)[2], 1.0f);                         // sign(0) = 0
  EXPECT_EQ(arena.grad(b)[0], 0.25f);
  EXPECT_EQ(arena.grad(b)[1], 0.0f);
}

TEST(Regularization, DenseBiasIsMarkedAsBias) {
  ParameterArena arena;
  DenseLayer layer(arena, 1, 3, 2, WeightInit::Xavier);
  ASSERT_EQ(arena.count(), 2);
  EXPECT_EQ(arena.info(0).role, ParamRole::Weight) << arena.info(0).name;
  EXPECT_EQ(arena.info(1).role, ParamRole::Bias) << arena.info(1).name;
}

}  // namespace
}  // namespace layerlab
