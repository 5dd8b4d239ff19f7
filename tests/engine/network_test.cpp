// network_test.cpp: Network wiring: shape checks, workspace limits, and the whole MLP's gradient.
#include "network.h"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "activation.h"
#include "dense.h"
#include "finite_difference.h"
#include "loss.h"
#include "mlp.h"
#include "rng.h"

namespace layerlab {
namespace {
using testing::Vec;

TEST(Network, FinalizeRejectsMismatchedLayers) {
  Network net(3);
  net.add<DenseLayer>(net.params(), 1, 3, 4, WeightInit::Xavier);
  net.add<DenseLayer>(net.params(), 2, 5, 2, WeightInit::Xavier);  // expects 5, gets 4
  Rng rng(1);
  try {
    net.finalize(rng);
    FAIL() << "a 4 → 5 mismatch must be refused";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("expects 5 inputs but receives 4"), std::string::npos) << e.what();
  }
}

TEST(Network, BatchLargerThanWorkspaceIsRefused) {
  Network net = build_mlp(MlpSpec{2, {3}, Activation::Tanh, 2}, 1);
  Workspace ws(net, 4);
  std::vector<float> x(10, 0.5f);
  EXPECT_THROW(net.forward(ws, x.data(), 5), std::invalid_argument);
  EXPECT_NO_THROW(net.forward(ws, x.data(), 4));
}

TEST(Network, BuildMlpHasTheRequestedShape) {
  const MlpSpec spec{2, {4, 3}, Activation::ReLU, 2};
  Network net = build_mlp(spec, 1);
  ASSERT_EQ(net.layer_count(), 5);
  EXPECT_STREQ(net.layer(mlp_hidden_layer(0)).kind(), "relu");
  EXPECT_EQ(net.layer(mlp_hidden_layer(1)).out_features(), 3);
  EXPECT_EQ(net.layer(mlp_output_layer(spec)).out_features(), 2);
  EXPECT_EQ(net.params().total_size(), size_t{(2 * 4 + 4) + (4 * 3 + 3) + (3 * 2 + 2)});
}

// The layers compose correctly: the MLP's float gradient of the cross-entropy agrees with central
// differences through the float forward pass (loose tolerance: float arithmetic).
TEST(Network, MlpGradientMatchesFiniteDifferences) {
  for (Activation a : {Activation::Tanh, Activation::Sigmoid, Activation::ReLU}) {
    Network net = build_mlp(MlpSpec{2, {5, 4}, a, 3}, 4);
    const int n = 6;
    const Vec xd = testing::random_vec(n * 2, 5);
    std::vector<float> x(xd.begin(), xd.end());
    const int labels[n] = {0, 1, 2, 2, 1, 0};
    Workspace ws(net, n);
    std::vector<float> probs(n * 3), dlogits(n * 3);
    auto loss = [&]() {
      const float* z = net.forward(ws, x.data(), n);
      return static_cast<double>(softmax_cross_entropy_forward(z, labels, probs.data(), n, 3));
    };
    loss();
    softmax_cross_entropy_backward(probs.data(), labels, dlogits.data(), n, 3);
    net.params().zero_grad();
    net.backward(ws, dlogits.data(), n);

    Span<float> w = net.params().values();
    Span<float> g = net.params().grads();
    for (size_t i = 0; i < w.size; ++i) {
      const float saved = w[i];
      const float h = 1e-3f;  // small enough not to cross a ReLU kink, large for float
      w[i] = saved + h;
      const double up = loss();
      w[i] = saved - h;
      const double down = loss();
      w[i] = saved;
      const double numeric = (up - down) / (2.0 * h);
      EXPECT_NEAR(g[i], numeric, 1e-3 + 1e-2 * std::fabs(numeric))
          << activation_name(a) << " " << net.params().info(net.params().owner_of(i)).name << " index " << i;
    }
  }
}

}  // namespace
}  // namespace layerlab
