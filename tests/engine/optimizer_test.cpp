// optimizer_test.cpp: every optimizer against hand-computed steps (float class, double kernels), its state
// layout, Adam's bias correction, ε after the square root, and minimising a quadratic bowl.
#include "optimizer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <ostream>
#include <string>

namespace layerlab {
namespace {

// The hand-computed problem: f(w) = ½w₀² + w₁², so g = (w₀, 2w₁), from w = (2, -1) at lr = ¼, with
// μ = ρ = β₁ = ½, β₂ = ¾ and ε = 0 so every step can be done by hand.
constexpr double kHandLr = 0.25;
OptimizerConfig hand_config(OptimizerKind kind) {
  OptimizerConfig c;
  c.kind = kind;
  c.momentum = 0.5f;
  c.rho = 0.5f;
  c.beta1 = 0.5f;
  c.beta2 = 0.75f;
  c.epsilon = 0.0f;
  return c;
}

struct HandCase {
  OptimizerKind kind;
  double after[2][2];  // w after step 1, after step 2
};
void PrintTo(const HandCase& c, std::ostream* os) { *os << optimizer_name(c.kind); }

const HandCase kHandCases[] = {
    // step 1: g = (2, -2); w = (2 - ¼·2, -1 + ¼·2) = (1.5, -0.5)
    // step 2: g = (1.5, -1); w = (1.5 - 0.375, -0.5 + 0.25) = (1.125, -0.25)
    {OptimizerKind::Sgd, {{1.5, -0.5}, {1.125, -0.25}}},
    // step 1: v = -¼(2, -2) = (-0.5, 0.5); w = (1.5, -0.5)
    // step 2: g = (1.5, -1); v = ½(-0.5, 0.5) - ¼(1.5, -1) = (-0.625, 0.5); w = (1.5 - 0.625, -0.5 + 0.5) = (0.875, 0)
    {OptimizerKind::Momentum, {{1.5, -0.5}, {0.875, 0.0}}},
    // step 1: v = (-0.5, 0.5); w += ½v - ¼g = (-0.25 - 0.5, 0.25 + 0.5) → (1.25, -0.25)
    // step 2: g = (1.25, -0.5); v = ½(-0.5, 0.5) - ¼(1.25, -0.5) = (-0.5625, 0.375);
    //         w += ½v - ¼g = (-0.28125 - 0.3125, 0.1875 + 0.125) → (0.65625, 0.0625)
    {OptimizerKind::Nesterov, {{1.25, -0.25}, {0.65625, 0.0625}}},
    // step 1: G = (4, 4); w -= ¼(2, -2)/2 → (1.75, -0.75)
    // step 2: g = (1.75, -1.5); G = (4 + 3.0625, 4 + 2.25) = (7.0625, 6.25), √G = (2.657536453, 2.5);
    //         w -= ¼(1.75/2.657536453, -1.5/2.5) = (0.164626152, -0.15) → (1.585373848, -0.6)
    {OptimizerKind::AdaGrad, {{1.75, -0.75}, {1.585373848, -0.6}}},
    // step 1: E = ½(4, 4) = (2, 2); w -= ¼(2, -2)/√2 = (0.353553391, -0.353553391) → (1.646446609, -0.646446609)
    // step 2: g = (1.646446609, -1.292893219); E = ½(2, 2) + ½(2.710786438, 1.671572875) = (2.355393219, 1.835786438);
    //         w -= ¼g/√E = (0.268198256, -0.238556683) → (1.378248353, -0.407889926)
    {OptimizerKind::RmsProp, {{1.646446609, -0.646446609}, {1.378248353, -0.407889926}}},
    // step 1: m = ½g = (1, -1), v = ¼g² = (1, 1); m̂ = m/½ = (2, -2), v̂ = v/¼ = (4, 4); w -= ¼(2, -2)/2 → (1.75, -0.75)
    // step 2: g = (1.75, -1.5); m = ½(1, -1) + ½(1.75, -1.5) = (1.375, -1.25);
    //         v = ¾(1, 1) + ¼(3.0625, 2.25) = (1.515625, 1.3125); m̂ = m/(1 - ¼) = (1.833333333, -1.666666667);
    //         v̂ = v/(1 - 9/16) = (3.464285714, 3); w -= ¼m̂/√v̂ = (0.246249066, -0.240562612) → (1.503750934, -0.509437388)
    {OptimizerKind::Adam, {{1.75, -0.75}, {1.503750934, -0.509437388}}},
};

class HandComputed : public ::testing::TestWithParam<HandCase> {};

TEST_P(HandComputed, OptimizerClassInFloat) {
  const HandCase& c = GetParam();
  ParameterArena arena;
  const ParamId w0 = arena.reserve("w0", 1), w1 = arena.reserve("w1", 1);  // two ids: per-id state offsets
  arena.allocate();
  arena.value(w0)[0] = 2.0f;
  arena.value(w1)[0] = -1.0f;
  std::unique_ptr<Optimizer> opt = make_optimizer(hand_config(c.kind), arena);
  for (int s = 0; s < 2; ++s) {
    arena.zero_grad();
    arena.grad(w0)[0] = arena.value(w0)[0];
    arena.grad(w1)[0] = 2.0f * arena.value(w1)[0];
    opt->step(arena, static_cast<float>(kHandLr));
    EXPECT_NEAR(arena.value(w0)[0], c.after[s][0], 2e-6) << "step " << s + 1;
    EXPECT_NEAR(arena.value(w1)[0], c.after[s][1], 2e-6) << "step " << s + 1;
  }
  EXPECT_EQ(opt->steps(), 2);
}

// The kernels in double, with the hand problem's hyperparameters.
void kernel_step(OptimizerKind kind, double* w, const double* g, double* s0, double* s1, size_t n, long t) {
  const double lr = kHandLr;
  switch (kind) {
    case OptimizerKind::Sgd: sgd_update(w, g, n, lr); break;
    case OptimizerKind::Momentum: momentum_update(w, g, s0, n, lr, 0.5); break;
    case OptimizerKind::Nesterov: nesterov_update(w, g, s0, n, lr, 0.5); break;
    case OptimizerKind::AdaGrad: adagrad_update(w, g, s0, n, lr, 0.0); break;
    case OptimizerKind::RmsProp: rmsprop_update(w, g, s0, n, lr, 0.5, 0.0); break;
    case OptimizerKind::Adam: adam_update(w, g, s0, s1, n, lr, 0.5, 0.75, 0.0, t); break;
  }
}

TEST_P(HandComputed, KernelsInDouble) {
  const HandCase& c = GetParam();
  double w[2] = {2, -1}, g[2], s0[2] = {0, 0}, s1[2] = {0, 0};
  for (int s = 0; s < 2; ++s) {
    g[0] = w[0];
    g[1] = 2 * w[1];
    kernel_step(c.kind, w, g, s0, s1, 2, s + 1);
    EXPECT_NEAR(w[0], c.after[s][0], 1e-9) << "step " << s + 1;
    EXPECT_NEAR(w[1], c.after[s][1], 1e-9) << "step " << s + 1;
  }
}

INSTANTIATE_TEST_SUITE_P(EveryOptimizer, HandComputed, ::testing::ValuesIn(kHandCases),
                         [](const auto& info) { return std::string(optimizer_name(info.param.kind)); });

TEST(Optimizer, NamesRoundTrip) {
  for (int i = 0; i < kOptimizerKindCount; ++i) {
    const OptimizerKind k = static_cast<OptimizerKind>(i);
    OptimizerKind parsed = OptimizerKind::Sgd;
    EXPECT_TRUE(parse_optimizer(optimizer_name(k), &parsed));
    EXPECT_EQ(parsed, k);
  }
  OptimizerKind unchanged = OptimizerKind::Adam;
  EXPECT_FALSE(parse_optimizer("adamw", &unchanged));
  EXPECT_EQ(unchanged, OptimizerKind::Adam);
}

TEST(Optimizer, StateSlotsHaveTheParametersSizesSlotMajor) {
  ParameterArena arena;
  const ParamId a = arena.reserve("a", 3), b = arena.reserve("b", 5, ParamRole::Bias);
  arena.allocate();
  const int expected_slots[kOptimizerKindCount] = {0, 1, 1, 1, 1, 2};
  for (int i = 0; i < kOptimizerKindCount; ++i) {
    OptimizerConfig config;
    config.kind = static_cast<OptimizerKind>(i);
    std::unique_ptr<Optimizer> opt = make_optimizer(config, arena);
    const char* name = optimizer_name(config.kind);
    EXPECT_EQ(opt->kind(), config.kind);
    ASSERT_EQ(opt->state_slots(), expected_slots[i]) << name;
    for (int s = 0; s < opt->state_slots(); ++s) {
      EXPECT_EQ(opt->state(a, s).size, 3u) << name;
      EXPECT_EQ(opt->state(b, s).size, 5u) << name;
      EXPECT_EQ(opt->state(b, s).data, opt->state(a, s).data + 3) << name;
      EXPECT_EQ(opt->state(a, s).data, opt->state(a, 0).data + 8 * s) << name << ": slot-major";
      for (float v : opt->state(b, s)) EXPECT_EQ(v, 0.0f) << name;
    }
    EXPECT_THROW(opt->state(a, opt->state_slots()), std::out_of_range) << name;
  }
}

TEST(Optimizer, StateHoldsTheVelocity) {
  ParameterArena arena;
  const ParamId w = arena.reserve("w", 2);
  arena.allocate();
  OptimizerConfig config;
  config.kind = OptimizerKind::Momentum;
  config.momentum = 0.5f;
  std::unique_ptr<Optimizer> opt = make_optimizer(config, arena);
  arena.grad(w)[0] = 4.0f;
  arena.grad(w)[1] = -2.0f;
  opt->step(arena, 0.25f);  // v = -¼g = (-1, 0.5)
  opt->step(arena, 0.25f);  // v = ½v - ¼g = (-0.5 - 1, 0.25 + 0.5) = (-1.5, 0.75)
  EXPECT_EQ(opt->state(w, 0)[0], -1.5f);
  EXPECT_EQ(opt->state(w, 0)[1], 0.75f);
  EXPECT_EQ(arena.value(w)[0], -2.5f);  // w = v₁ + v₂
  EXPECT_EQ(arena.value(w)[1], 1.25f);
}

TEST(Optimizer, AdamFirstStepIsTheLearningRateTimesTheSignOfTheGradient) {
  const float grads[] = {3.0f, -0.02f, 1000.0f, -1.0f};
  ParameterArena arena;
  const ParamId w = arena.reserve("w", 4);
  arena.allocate();
  std::unique_ptr<Optimizer> opt = make_optimizer(OptimizerConfig{OptimizerKind::Adam}, arena);
  for (size_t i = 0; i < 4; ++i) arena.grad(w)[i] = grads[i];
  const float lr = 0.01f;
  opt->step(arena, lr);  // t = 1: m̂ = g, v̂ = g², so Δw = -lr g / (|g| + ε)
  for (size_t i = 0; i < 4; ++i)
    EXPECT_NEAR(arena.value(w)[i], grads[i] > 0 ? -lr : lr, lr * 1e-4) << "g = " << grads[i];
}

TEST(Optimizer, SetStepsRestoresAdamsBiasCorrection) {
  ParameterArena arena;
  const ParamId w = arena.reserve("w", 1);
  arena.allocate();
  std::unique_ptr<Optimizer> opt = make_optimizer(OptimizerConfig{OptimizerKind::Adam}, arena);
  opt->set_steps(9);
  arena.grad(w)[0] = 2.0f;
  opt->step(arena, 0.1f);
  EXPECT_EQ(opt->steps(), 10);
  // m = 0.1·2 = 0.2, v = 0.001·4 = 0.004; m̂ = 0.2/(1 - 0.9¹⁰) = 0.2/0.651321560 = 0.307067987,
  // v̂ = 0.004/(1 - 0.999¹⁰) = 0.004/0.009955120 = 0.401803302, √v̂ = 0.633879564; Δw = -0.1·m̂/√v̂ = -0.048442631
  EXPECT_NEAR(arena.value(w)[0], -0.048442631, 1e-6);
}

TEST(Optimizer, EpsilonIsAddedAfterTheSquareRoot) {
  // g = ε = 10⁻³ and a squared-gradient estimate of g²: Δw = -lr g / (|g| + ε) = -lr/2
  // (were ε inside the root it would be about -lr · 0.03).
  const double lr = 0.1, g = 1e-3, eps = 1e-3;
  double w = 0, s0 = 0, s1 = 0;
  adagrad_update(&w, &g, &s0, 1, lr, eps);
  EXPECT_NEAR(w, -lr / 2, 1e-12);
  w = 0, s0 = 0;
  rmsprop_update(&w, &g, &s0, 1, lr, 0.0, eps);
  EXPECT_NEAR(w, -lr / 2, 1e-12);
  w = 0, s0 = 0;
  adam_update(&w, &g, &s0, &s1, 1, lr, 0.9, 0.999, eps, 1);
  EXPECT_NEAR(w, -lr / 2, 1e-12);
}

// f(w) = ½(w₀² + 10w₁²) from (1, 1), f = 5.5: every optimizer, at a learning rate suited to it and default
// hyperparameters, gets f below 10⁻³ in 500 steps (RMSProp at a constant rate ends circling the minimum at
// a distance of about the rate, so the bound is not tighter).
struct BowlCase {
  OptimizerKind kind;
  float lr;
};
void PrintTo(const BowlCase& c, std::ostream* os) { *os << optimizer_name(c.kind) << " at lr " << c.lr; }
class QuadraticBowl : public ::testing::TestWithParam<BowlCase> {};

TEST_P(QuadraticBowl, IsMinimised) {
  ParameterArena arena;
  const ParamId w = arena.reserve("w", 2);
  arena.allocate();
  arena.value(w)[0] = 1.0f;
  arena.value(w)[1] = 1.0f;
  OptimizerConfig config;
  config.kind = GetParam().kind;
  std::unique_ptr<Optimizer> opt = make_optimizer(config, arena);
  auto f = [&] { return 0.5 * (std::pow(arena.value(w)[0], 2) + 10 * std::pow(arena.value(w)[1], 2)); };
  const double f0 = f();
  for (int s = 0; s < 500; ++s) {
    arena.zero_grad();
    arena.grad(w)[0] = arena.value(w)[0];
    arena.grad(w)[1] = 10.0f * arena.value(w)[1];
    opt->step(arena, GetParam().lr);
  }
  EXPECT_LT(f(), 1e-3) << "from " << f0;
}

INSTANTIATE_TEST_SUITE_P(EveryOptimizer, QuadraticBowl,
                         ::testing::Values(BowlCase{OptimizerKind::Sgd, 0.1f}, BowlCase{OptimizerKind::Momentum, 0.05f},
                                           BowlCase{OptimizerKind::Nesterov, 0.05f}, BowlCase{OptimizerKind::AdaGrad, 0.5f},
                                           BowlCase{OptimizerKind::RmsProp, 0.01f}, BowlCase{OptimizerKind::Adam, 0.05f}),
                         [](const auto& info) { return std::string(optimizer_name(info.param.kind)); });

}  // namespace
}  // namespace layerlab
