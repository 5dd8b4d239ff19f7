// loss_test.cpp: softmax cross-entropy and MSE values, stability, and gradients against finite differences.
#include "loss.h"

#include <gtest/gtest.h>

#include <cmath>

#include "finite_difference.h"

namespace layerlab {
namespace {
using testing::Vec;

TEST(SoftmaxCrossEntropy, UniformLogitsGiveLogOfClassCount) {
  const double logits[2 * 3] = {0, 0, 0, 5, 5, 5};
  const int labels[2] = {0, 2};
  double probs[6];
  EXPECT_NEAR(softmax_cross_entropy_forward(logits, labels, probs, 2, 3), std::log(3.0), 1e-12);
  for (double p : probs) EXPECT_NEAR(p, 1.0 / 3, 1e-12);
}

TEST(SoftmaxCrossEntropy, StableForHugeLogits) {
  const float logits[2] = {1000.0f, -1000.0f};
  const int right = 0, wrong = 1;
  float probs[2];
  EXPECT_NEAR(softmax_cross_entropy_forward(logits, &right, probs, 1, 2), 0.0f, 1e-6f);
  EXPECT_NEAR(softmax_cross_entropy_forward(logits, &wrong, probs, 1, 2), 2000.0f, 1e-2f);
  EXPECT_TRUE(std::isfinite(probs[0]) && std::isfinite(probs[1]));
}

TEST(SoftmaxCrossEntropy, GradientMatchesFiniteDifferences) {
  const int n = 4, c = 3;
  const Vec z0 = testing::random_vec(n * c, 21, -4, 4);
  const int labels[n] = {0, 2, 1, 2};
  Vec probs(n * c), dz(n * c);
  auto loss = [&](const Vec& z) {
    Vec p(z.size());
    return softmax_cross_entropy_forward(z.data(), labels, p.data(), n, c);
  };
  softmax_cross_entropy_forward(z0.data(), labels, probs.data(), n, c);
  softmax_cross_entropy_backward(probs.data(), labels, dz.data(), n, c);
  testing::expect_gradient_near(dz, testing::numeric_gradient(loss, z0), 1e-7, "dlogits");
}

TEST(BinaryCrossEntropy, ValueStabilityAndGradient) {
  const double z[3] = {0.0, 2.0, -3.0};
  const int t[3] = {1, 0, 0};
  const double expected = (std::log(2.0) + (2.0 + std::log1p(std::exp(-2.0))) + std::log1p(std::exp(-3.0))) / 3;
  EXPECT_NEAR(binary_cross_entropy_forward(z, t, 3), expected, 1e-14);
  const float huge[2] = {1000.0f, -1000.0f};
  const int right[2] = {1, 0}, wrong[2] = {0, 1};
  EXPECT_NEAR(binary_cross_entropy_forward(huge, right, 2), 0.0f, 1e-6f);
  EXPECT_NEAR(binary_cross_entropy_forward(huge, wrong, 2), 1000.0f, 1e-2f);
  const Vec z0 = testing::random_vec(6, 51, -5, 5);
  const int labels[6] = {1, 0, 1, 1, 0, 0};
  Vec dz(6);
  binary_cross_entropy_backward(z0.data(), labels, dz.data(), 6);
  auto loss = [&](const Vec& zz) { return binary_cross_entropy_forward(zz.data(), labels, 6); };
  testing::expect_gradient_near(dz, testing::numeric_gradient(loss, z0), 1e-7, "dlogits");
}

TEST(MeanSquaredError, ValueAndGradient) {
  const int n = 3, c = 2;
  const Vec t = testing::random_vec(n * c, 31);
  const Vec p0 = testing::random_vec(n * c, 32);
  Vec expected_sum(1, 0.0);
  double sum = 0;
  for (size_t i = 0; i < t.size(); ++i) sum += (p0[i] - t[i]) * (p0[i] - t[i]);
  EXPECT_NEAR(mse_forward(p0.data(), t.data(), n, c), sum / (n * c), 1e-15);
  Vec dp(n * c);
  mse_backward(p0.data(), t.data(), dp.data(), n, c);
  auto loss = [&](const Vec& p) { return mse_forward(p.data(), t.data(), n, c); };
  testing::expect_gradient_near(dp, testing::numeric_gradient(loss, p0), 1e-7, "dpred");
}

}  // namespace
}  // namespace layerlab
