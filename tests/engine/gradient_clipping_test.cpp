// gradient_clipping_test.cpp: clip_grad_norm measures the global norm, scales down to max_norm, leaves small ones.
#include "gradient_clipping.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "parameter_arena.h"

namespace layerlab {
namespace {

// Two parameters with gradients (3, 4) and (12): global norm 13.
ParameterArena make_arena() {
  ParameterArena arena;
  const ParamId w = arena.reserve("dense 1 weights", 2);
  const ParamId b = arena.reserve("dense 1 bias", 1, ParamRole::Bias);
  arena.allocate();
  arena.grad(w)[0] = 3.0f;
  arena.grad(w)[1] = 4.0f;
  arena.grad(b)[0] = 12.0f;
  return arena;
}

double norm_of(const ParameterArena& arena) {
  double s = 0.0;
  for (float g : arena.grads()) s += static_cast<double>(g) * g;
  return std::sqrt(s);
}

TEST(ClipGradNorm, MeasuresTheGlobalNormWithoutChangingWhenMaxIsZero) {
  ParameterArena arena = make_arena();
  EXPECT_FLOAT_EQ(clip_grad_norm(arena, 0.0f), 13.0f);
  EXPECT_FLOAT_EQ(clip_grad_norm(arena, -1.0f), 13.0f);
  EXPECT_EQ(arena.grads()[0], 3.0f);
  EXPECT_EQ(arena.grads()[2], 12.0f);
}

TEST(ClipGradNorm, ScalesEveryGradientToExactlyMaxNormKeepingTheDirection) {
  ParameterArena arena = make_arena();
  EXPECT_FLOAT_EQ(clip_grad_norm(arena, 2.6f), 13.0f);  // returns the norm before clipping
  EXPECT_NEAR(norm_of(arena), 2.6, 1e-6);
  EXPECT_FLOAT_EQ(arena.grads()[0], 0.6f);
  EXPECT_FLOAT_EQ(arena.grads()[1], 0.8f);
  EXPECT_FLOAT_EQ(arena.grads()[2], 2.4f);
  EXPECT_NEAR(clip_grad_norm(arena, 0.0f), 2.6f, 1e-6f);
}

TEST(ClipGradNorm, LeavesGradientsBelowTheLimitUntouched) {
  ParameterArena arena = make_arena();
  EXPECT_FLOAT_EQ(clip_grad_norm(arena, 13.5f), 13.0f);
  const std::vector<float> expected = {3.0f, 4.0f, 12.0f};
  for (size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(arena.grads()[i], expected[i]);
}

TEST(ClipGradNorm, NonFiniteNormIsReportedAndLeftForTheDivergenceCheck) {
  ParameterArena arena = make_arena();
  arena.grads()[1] = std::numeric_limits<float>::quiet_NaN();
  EXPECT_TRUE(std::isnan(clip_grad_norm(arena, 1.0f)));
  EXPECT_EQ(arena.grads()[0], 3.0f);
}

}  // namespace
}  // namespace layerlab
