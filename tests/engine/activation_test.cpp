// activation_test.cpp: each activation's values and derivative against finite differences; dropout, flatten.
#include "activation.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "finite_difference.h"
#include "rng.h"

namespace layerlab {
namespace {
using testing::Vec;

TEST(Activation, ForwardValues) {
  const double x[4] = {-2, -0.5, 0.5, 3};
  double y[4];
  activation_forward(Activation::ReLU, x, y, 1, 4);
  EXPECT_EQ(y[0], 0); EXPECT_EQ(y[1], 0); EXPECT_EQ(y[2], 0.5); EXPECT_EQ(y[3], 3);
  activation_forward(Activation::Sigmoid, x, y, 1, 4);
  EXPECT_NEAR(y[0], 1 / (1 + std::exp(2.0)), 1e-15);
  EXPECT_NEAR(y[3], 1 / (1 + std::exp(-3.0)), 1e-15);
  activation_forward(Activation::Tanh, x, y, 1, 4);
  EXPECT_NEAR(y[1], std::tanh(-0.5), 1e-15);
  activation_forward(Activation::Linear, x, y, 1, 4);
  EXPECT_EQ(y[2], 0.5);
  activation_forward(Activation::LeakyReLU, x, y, 1, 4);
  EXPECT_DOUBLE_EQ(y[0], -2 * 0.01f);
  EXPECT_EQ(y[3], 3);
  activation_forward(Activation::Softmax, x, y, 2, 2);  // rows (-2, -0.5) and (0.5, 3)
  EXPECT_NEAR(y[0], 1 / (1 + std::exp(1.5)), 1e-15);
  EXPECT_NEAR(y[0] + y[1], 1.0, 1e-15);
  EXPECT_NEAR(y[2] + y[3], 1.0, 1e-15);
}

TEST(Activation, SigmoidSaturatesWithoutOverflow) {
  const float x[2] = {-1000.0f, 1000.0f};
  float y[2];
  activation_forward(Activation::Sigmoid, x, y, 1, 2);
  EXPECT_EQ(y[0], 0.0f);
  EXPECT_EQ(y[1], 1.0f);
}

class ActivationGradient : public ::testing::TestWithParam<Activation> {};

TEST_P(ActivationGradient, MatchesFiniteDifferences) {
  const Activation a = GetParam();
  Vec x = testing::random_vec(24, 11, -3, 3);
  for (double& v : x)
    if (std::fabs(v) < 1e-3) v = 0.5;  // keep away from ReLU's kink
  const Vec r = testing::random_vec(24, 12);
  const int rows = 4, features = 6;  // softmax normalises each row of 6
  auto loss = [&](const Vec& in) {
    Vec y(in.size());
    activation_forward(a, in.data(), y.data(), rows, features);
    return testing::dot(y, r);
  };
  Vec y(x.size()), dx(x.size());
  activation_forward(a, x.data(), y.data(), rows, features);
  activation_backward(a, y.data(), r.data(), dx.data(), rows, features);
  testing::expect_gradient_near(dx, testing::numeric_gradient(loss, x), 1e-7, activation_name(a));
}

INSTANTIATE_TEST_SUITE_P(All, ActivationGradient,
                         ::testing::Values(Activation::Linear, Activation::ReLU, Activation::Tanh, Activation::Sigmoid,
                                           Activation::LeakyReLU, Activation::Softmax),
                         [](const auto& info) { return std::string(activation_name(info.param)); });

TEST(Dropout, TrainingZeroesAboutTheRateAndKeepsTheMeanEvaluationPassesThrough) {
  const int n = 200, f = 50;
  DropoutLayer drop(0.3f, f);
  std::vector<float> x(n * f, 2.0f), y(n * f), mask(drop.cache_floats(n)), dx(n * f);
  Rng rng(5);
  drop.forward(x.data(), y.data(), n, LayerContext{true, &rng, mask.data()});
  int zeros = 0;
  double sum = 0;
  for (float v : y) {
    zeros += v == 0.0f;
    sum += v;
  }
  EXPECT_NEAR(zeros / double(n * f), 0.3, 0.02);
  EXPECT_NEAR(sum / (n * f), 2.0, 0.05);  // inverted dropout keeps the expectation
  std::vector<float> dy(n * f, 1.0f);
  drop.backward(x.data(), y.data(), dy.data(), dx.data(), n, LayerContext{true, &rng, mask.data()});
  for (int i = 0; i < n * f; ++i) EXPECT_EQ(dx[i], y[i] / 2.0f) << "gradient flows only through kept units";
  drop.forward(x.data(), y.data(), n, LayerContext{false, &rng, mask.data()});
  for (float v : y) EXPECT_EQ(v, 2.0f);
  EXPECT_THROW(DropoutLayer(1.0f, 3), std::invalid_argument);
}

TEST(Dropout, GradientWithAFixedMaskMatchesFiniteDifferences) {
  const int n = 3, f = 5;
  DropoutLayer drop(0.5f, f);
  const Vec x0 = testing::random_vec(n * f, 41), r = testing::random_vec(n * f, 42);
  std::vector<float> mask(drop.cache_floats(n));
  auto loss = [&](const Vec& xd) {
    std::vector<float> x(xd.begin(), xd.end()), y(n * f);
    Rng rng(9);  // the same mask every evaluation
    drop.forward(x.data(), y.data(), n, LayerContext{true, &rng, mask.data()});
    return testing::dot(Vec(y.begin(), y.end()), r);
  };
  loss(x0);
  std::vector<float> rf(r.begin(), r.end()), dx(n * f);
  drop.backward(nullptr, nullptr, rf.data(), dx.data(), n, LayerContext{true, nullptr, mask.data()});
  testing::expect_gradient_near(Vec(dx.begin(), dx.end()), testing::numeric_gradient(loss, x0, 1e-3), 1e-4, "dropout dx");
}

TEST(Flatten, PassesValuesAndGradientsThrough) {
  FlattenLayer flat(12);
  std::vector<float> x(24), y(24), dx(24);
  for (int i = 0; i < 24; ++i) x[i] = static_cast<float>(i);
  flat.forward(x.data(), y.data(), 2, LayerContext{});
  EXPECT_EQ(x, y);
  flat.backward(x.data(), y.data(), x.data(), dx.data(), 2, LayerContext{});
  EXPECT_EQ(x, dx);
}

TEST(Activation, NamesRoundTrip) {
  for (int i = 0; i < kActivationCount; ++i) {
    Activation parsed;
    ASSERT_TRUE(parse_activation(activation_name(static_cast<Activation>(i)), &parsed));
    EXPECT_EQ(static_cast<int>(parsed), i);
  }
  Activation unused;
  EXPECT_FALSE(parse_activation("softsign", &unused));
}

}  // namespace
}  // namespace layerlab
