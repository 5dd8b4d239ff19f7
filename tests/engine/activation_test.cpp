// activation_test.cpp: each activation's values and its derivative against finite differences.
#include "activation.h"

#include <gtest/gtest.h>

#include <cmath>

#include "finite_difference.h"

namespace layerlab {
namespace {
using testing::Vec;

TEST(Activation, ForwardValues) {
  const double x[4] = {-2, -0.5, 0.5, 3};
  double y[4];
  activation_forward(Activation::ReLU, x, y, 4);
  EXPECT_EQ(y[0], 0); EXPECT_EQ(y[1], 0); EXPECT_EQ(y[2], 0.5); EXPECT_EQ(y[3], 3);
  activation_forward(Activation::Sigmoid, x, y, 4);
  EXPECT_NEAR(y[0], 1 / (1 + std::exp(2.0)), 1e-15);
  EXPECT_NEAR(y[3], 1 / (1 + std::exp(-3.0)), 1e-15);
  activation_forward(Activation::Tanh, x, y, 4);
  EXPECT_NEAR(y[1], std::tanh(-0.5), 1e-15);
  activation_forward(Activation::Linear, x, y, 4);
  EXPECT_EQ(y[2], 0.5);
}

TEST(Activation, SigmoidSaturatesWithoutOverflow) {
  const float x[2] = {-1000.0f, 1000.0f};
  float y[2];
  activation_forward(Activation::Sigmoid, x, y, 2);
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
  auto loss = [&](const Vec& in) {
    Vec y(in.size());
    activation_forward(a, in.data(), y.data(), in.size());
    return testing::dot(y, r);
  };
  Vec y(x.size()), dx(x.size());
  activation_forward(a, x.data(), y.data(), x.size());
  activation_backward(a, y.data(), r.data(), dx.data(), x.size());
  testing::expect_gradient_near(dx, testing::numeric_gradient(loss, x), 1e-7, activation_name(a));
}

INSTANTIATE_TEST_SUITE_P(All, ActivationGradient,
                         ::testing::Values(Activation::Linear, Activation::ReLU, Activation::Tanh, Activation::Sigmoid),
                         [](const auto& info) { return std::string(activation_name(info.param)); });

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
