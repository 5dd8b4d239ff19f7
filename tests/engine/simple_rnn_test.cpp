// simple_rnn_test.cpp: the SimpleRNN kernels against hand values, finite differences and truncated BPTT; the layer.
#include "simple_rnn.h"

#include <gtest/gtest.h>

#include <cmath>
#include <ostream>
#include <string>
#include <vector>

#include "dense.h"
#include "finite_difference.h"
#include "network.h"
#include "parameter_arena.h"
#include "rng.h"

namespace layerlab {
namespace {
using testing::Vec;

// Values in y: (N, T, H) with return_sequences, else (N, H).
size_t output_size(const RecurrentShape& s) {
  return static_cast<size_t>(s.batch * (s.return_sequences ? s.steps * s.hidden : s.hidden));
}

// One set of kernel arguments in double.
struct Rnn {
  RecurrentShape s;
  Vec x, wx, wh, b;
  size_t y_size() const { return output_size(s); }
};

Rnn make_rnn(int batch, int steps, int in, int hidden, bool return_sequences, unsigned seed) {
  Rnn r{{batch, steps, in, hidden, return_sequences}, {}, {}, {}, {}};
  r.x = testing::random_vec(batch * steps * in, seed);
  r.wx = testing::random_vec(hidden * in, seed + 1);
  r.wh = testing::random_vec(hidden * hidden, seed + 2);
  r.b = testing::random_vec(hidden, seed + 3);
  return r;
}

Vec forward(const RecurrentShape& s, const Vec& x, const Vec& wx, const Vec& wh, const Vec& b, Vec* cache = nullptr) {
  Vec y(output_size(s)), scratch(simple_rnn_cache_floats(s));
  Vec& c = cache ? *cache : scratch;
  c.assign(simple_rnn_cache_floats(s), 0.0);
  simple_rnn_forward(x.data(), wx.data(), wh.data(), b.data(), y.data(), c.data(), s);
  return y;
}

struct Grads {
  Vec dx, dwx, dwh, db, norms;
};

Grads backward(const Rnn& r, const Vec& dy, int truncate) {
  Vec cache;
  forward(r.s, r.x, r.wx, r.wh, r.b, &cache);
  Grads g{Vec(r.x.size()), Vec(r.wx.size(), 0.0), Vec(r.wh.size(), 0.0), Vec(r.b.size(), 0.0),
          Vec(r.s.steps)};
  simple_rnn_backward(r.x.data(), r.wx.data(), r.wh.data(), dy.data(), g.dx.data(), g.dwx.data(), g.dwh.data(),
                      g.db.data(), cache.data(), g.norms.data(), r.s, truncate);
  return g;
}

// Expects every gradient of g to match central differences of loss(x, wx, wh, b) around the values in m.
template <typename Loss>
void expect_gradients_match(const Grads& g, const Rnn& m, const Loss& loss, const std::string& what = "") {
  using testing::numeric_gradient;
  const Vec dx = numeric_gradient([&](const Vec& v) { return loss(v, m.wx, m.wh, m.b); }, m.x);
  const Vec dwx = numeric_gradient([&](const Vec& v) { return loss(m.x, v, m.wh, m.b); }, m.wx);
  const Vec dwh = numeric_gradient([&](const Vec& v) { return loss(m.x, m.wx, v, m.b); }, m.wh);
  const Vec db = numeric_gradient([&](const Vec& v) { return loss(m.x, m.wx, m.wh, v); }, m.b);
  testing::expect_gradient_near(g.dx, dx, 1e-6, what + "dx");
  testing::expect_gradient_near(g.dwx, dwx, 1e-6, what + "dwx");
  testing::expect_gradient_near(g.dwh, dwh, 1e-6, what + "dwh");
  testing::expect_gradient_near(g.db, db, 1e-6, what + "db");
}

TEST(SimpleRnn, ForwardMatchesHandComputedValues) {
  // One unit, one input: h_t = tanh(0.5 x_t − 0.8 h_{t−1} + 0.1).
  const RecurrentShape s{1, 3, 1, 1, true};
  const Vec x = {1.0, -2.0, 0.5};
  const Vec y = forward(s, x, {0.5}, {-0.8}, {0.1});
  const double h1 = std::tanh(0.1 + 0.5 * 1.0);
  const double h2 = std::tanh(0.1 + 0.5 * -2.0 + -0.8 * h1);
  const double h3 = std::tanh(0.1 + 0.5 * 0.5 + -0.8 * h2);
  EXPECT_NEAR(y[0], h1, 1e-15);
  EXPECT_NEAR(y[1], h2, 1e-15);
  EXPECT_NEAR(y[2], h3, 1e-15);
  const Vec last = forward({1, 3, 1, 1, false}, x, {0.5}, {-0.8}, {0.1});
  ASSERT_EQ(last.size(), 1u);
  EXPECT_EQ(last[0], y[2]);
}

struct RnnCase { int batch, steps; bool return_sequences; };
void PrintTo(const RnnCase& c, std::ostream* os) {
  *os << "batch " << c.batch << ", steps " << c.steps << (c.return_sequences ? ", all steps" : ", last step");
}
class SimpleRnnGradient : public ::testing::TestWithParam<RnnCase> {};

TEST_P(SimpleRnnGradient, MatchesFiniteDifferences) {
  const RnnCase c = GetParam();
  const Rnn r = make_rnn(c.batch, c.steps, 3, 4, c.return_sequences, 10);
  const Vec dy = testing::random_vec(r.y_size(), 20);  // L = Σ y ⊙ dy
  const Grads g = backward(r, dy, 0);
  auto loss = [&](const Vec& x, const Vec& wx, const Vec& wh, const Vec& b) {
    return testing::dot(forward(r.s, x, wx, wh, b), dy);
  };
  expect_gradients_match(g, r, loss);
}

std::vector<RnnCase> all_cases() {
  std::vector<RnnCase> cases;
  for (int batch : {1, 3})
    for (int steps : {1, 2, 5, 7})
      for (bool seq : {true, false}) cases.push_back({batch, steps, seq});
  return cases;
}

INSTANTIATE_TEST_SUITE_P(Shapes, SimpleRnnGradient, ::testing::ValuesIn(all_cases()), [](const auto& info) {
  const RnnCase& c = info.param;
  return "n" + std::to_string(c.batch) + "_t" + std::to_string(c.steps) + (c.return_sequences ? "_seq" : "_last");
});

TEST(SimpleRnn, StackedPairMatchesFiniteDifferences) {
  // x (2, 5, 3) → RNN 4 (all steps) → RNN 2 (last step); L = Σ y ⊙ r.
  const Rnn a = make_rnn(2, 5, 3, 4, true, 30), b = make_rnn(2, 5, 4, 2, false, 40);
  const Vec r = testing::random_vec(b.y_size(), 50);
  auto loss = [&](const Vec& x, const Vec& wh1) {
    return testing::dot(forward(b.s, forward(a.s, x, a.wx, wh1, a.b), b.wx, b.wh, b.b), r);
  };
  Vec cache_a, cache_b;
  const Vec mid = forward(a.s, a.x, a.wx, a.wh, a.b, &cache_a);
  forward(b.s, mid, b.wx, b.wh, b.b, &cache_b);
  Vec dmid(mid.size()), dwx2(b.wx.size(), 0.0), dwh2(b.wh.size(), 0.0), db2(b.b.size(), 0.0);
  simple_rnn_backward(mid.data(), b.wx.data(), b.wh.data(), r.data(), dmid.data(), dwx2.data(), dwh2.data(), db2.data(),
                      cache_b.data(), static_cast<double*>(nullptr), b.s, 0);
  Vec dx(a.x.size()), dwx1(a.wx.size(), 0.0), dwh1(a.wh.size(), 0.0), db1(a.b.size(), 0.0);
  simple_rnn_backward(a.x.data(), a.wx.data(), a.wh.data(), dmid.data(), dx.data(), dwx1.data(), dwh1.data(),
                      db1.data(), cache_a.data(), static_cast<double*>(nullptr), a.s, 0);
  const Vec numeric_dx = testing::numeric_gradient([&](const Vec& v) { return loss(v, a.wh); }, a.x);
  const Vec numeric_dwh1 = testing::numeric_gradient([&](const Vec& v) { return loss(a.x, v); }, a.wh);
  testing::expect_gradient_near(dx, numeric_dx, 1e-6, "dx");
  testing::expect_gradient_near(dwh1, numeric_dwh1, 1e-6, "dwh 1");
}

// The layer classes in a Network, in float: RNN (every step) → RNN (last step) → dense; the gradient of
// every parameter against central differences through the float forward pass (loose tolerance).
TEST(SimpleRnnLayer, StackedNetworkGradientMatchesFiniteDifferences) {
  const int n = 3, T = 5, F = 2;
  Network net(T * F);
  net.add<SimpleRnnLayer>(net.params(), 1, T, F, 4, true);
  net.add<SimpleRnnLayer>(net.params(), 2, T, 4, 3, false);
  net.add<DenseLayer>(net.params(), 1, 3, 2, WeightInit::Xavier);
  Rng rng(5);
  net.finalize(rng);
  const Vec xd = testing::random_vec(n * T * F, 6), r = testing::random_vec(n * 2, 7);
  const std::vector<float> x(xd.begin(), xd.end()), dout(r.begin(), r.end());
  Workspace ws(net, n);
  ParameterArena& params = net.params();
  auto loss = [&](const Vec& values) {
    for (size_t i = 0; i < values.size(); ++i) params.values()[i] = static_cast<float>(values[i]);
    const float* y = net.forward(ws, x.data(), n);
    double total = 0.0;
    for (int i = 0; i < n * 2; ++i) total += static_cast<double>(y[i]) * r[i];
    return total;
  };
  const Vec v0(params.values().begin(), params.values().end());
  const Vec numeric = testing::numeric_gradient(loss, v0, 1e-3);
  loss(v0);
  params.zero_grad();
  net.backward(ws, dout.data(), n);
  const Vec analytic(params.grads().begin(), params.grads().end());
  testing::expect_gradient_near(analytic, numeric, 2e-3, "every parameter");
}

TEST(SimpleRnn, ParameterGradientsAccumulateAndInputGradientIsAssigned) {
  const Rnn r = make_rnn(2, 4, 3, 3, true, 60);
  const Vec dy = testing::random_vec(r.y_size(), 61);
  Vec cache;
  forward(r.s, r.x, r.wx, r.wh, r.b, &cache);
  Vec dx(r.x.size(), 99.0), dwx(r.wx.size(), 0.0), dwh(r.wh.size(), 0.0), db(r.b.size(), 0.0);
  auto run = [&] {
    simple_rnn_backward(r.x.data(), r.wx.data(), r.wh.data(), dy.data(), dx.data(), dwx.data(), dwh.data(), db.data(),
                        cache.data(), static_cast<double*>(nullptr), r.s, 0);
  };
  run();
  const Vec dx1 = dx, dwh1 = dwh, db1 = db;
  run();
  for (size_t i = 0; i < dx.size(); ++i) EXPECT_DOUBLE_EQ(dx[i], dx1[i]);
  for (size_t i = 0; i < dwh.size(); ++i) EXPECT_NEAR(dwh[i], 2 * dwh1[i], 1e-12);  // sums in another order
  for (size_t i = 0; i < db.size(); ++i) EXPECT_NEAR(db[i], 2 * db1[i], 1e-12);
}

TEST(SimpleRnnTruncation, TruncateAtLeastTheLengthIsFullBptt) {
  for (bool seq : {true, false}) {
    const Rnn r = make_rnn(3, 6, 2, 3, seq, 70);
    const Vec dy = testing::random_vec(r.y_size(), 71);
    const Grads full = backward(r, dy, 0);
    for (int k : {6, 9}) {
      const Grads cut = backward(r, dy, k);
      EXPECT_EQ(cut.dx, full.dx) << k;
      EXPECT_EQ(cut.dwx, full.dwx) << k;
      EXPECT_EQ(cut.dwh, full.dwh) << k;
      EXPECT_EQ(cut.db, full.db) << k;
    }
  }
}

TEST(SimpleRnnTruncation, TruncateOneManyToOneSeesOnlyTheLastStep) {
  const Rnn r = make_rnn(3, 6, 2, 3, false, 80);
  const int T = 6, H = 3, F = 2;
  const Vec dy = testing::random_vec(r.y_size(), 81);
  Vec cache;
  forward(r.s, r.x, r.wx, r.wh, r.b, &cache);  // h (N, T, H) comes first
  const Grads g = backward(r, dy, 1);
  // dwh = Σₙ dz_{T−1} ⊗ h_{T−2} with dz = dy ⊙ (1 − h²): only the last step's product.
  Vec expected(H * H, 0.0);
  for (int n = 0; n < 3; ++n)
    for (int o = 0; o < H; ++o) {
      const double h_last = cache[(n * T + T - 1) * H + o];
      const double dz = dy[n * H + o] * (1 - h_last * h_last);
      for (int i = 0; i < H; ++i) expected[o * H + i] += dz * cache[(n * T + T - 2) * H + i];
    }
  testing::expect_gradient_near(g.dwh, expected, 1e-12, "dwh");
  for (int n = 0; n < 3; ++n)
    for (int t = 0; t < T; ++t)
      for (int f = 0; f < F; ++f) {
        const double v = g.dx[(n * T + t) * F + f];
        if (t < T - 1) EXPECT_EQ(v, 0.0) << "dx reached step " << t;
        else EXPECT_NE(v, 0.0);
      }
}

// The truncated gradient is the exact gradient of the loss in which the state entering every chunk is a
// constant (the value the untruncated forward gives it): a reference loop with those states frozen.
TEST(SimpleRnnTruncation, EqualsTheGradientWithChunkBoundaryStatesFrozen) {
  for (bool seq : {true, false})
    for (int k : {1, 2, 3}) {
      const Rnn r = make_rnn(2, 7, 2, 3, seq, 90);
      const int N = 2, T = 7, F = 2, H = 3;
      const Vec dy = testing::random_vec(r.y_size(), 91);
      Vec frozen;
      forward(r.s, r.x, r.wx, r.wh, r.b, &frozen);
      auto loss = [&](const Vec& x, const Vec& wx, const Vec& wh, const Vec& b) {
        double total = 0.0;
        for (int n = 0; n < N; ++n) {
          Vec prev(H, 0.0), h(H);
          for (int t = 0; t < T; ++t) {
            if (t > 0 && recurrent_gradient_cut(t, T, k))
              for (int j = 0; j < H; ++j) prev[j] = frozen[(n * T + t - 1) * H + j];
            for (int o = 0; o < H; ++o) {
              double z = b[o];
              for (int f = 0; f < F; ++f) z += wx[o * F + f] * x[(n * T + t) * F + f];
              for (int j = 0; j < H; ++j) z += wh[o * H + j] * prev[j];
              h[o] = std::tanh(z);
            }
            prev = h;
            if (seq || t == T - 1)
              for (int o = 0; o < H; ++o)
                total += h[o] * dy[seq ? (n * T + t) * H + o : n * H + o];
          }
        }
        return total;
      };
      const Grads g = backward(r, dy, k);
      const std::string what = std::string(seq ? "seq" : "last") + " k=" + std::to_string(k) + " ";
      expect_gradients_match(g, r, loss, what);
    }
}

TEST(SimpleRnnGradNorm, LastStepIsTheOutputGradientAndSmallRecurrentWeightsVanish) {
  const int T = 30, H = 8;
  Rnn r = make_rnn(2, T, 4, H, false, 100);
  for (double& w : r.wh) w *= 0.1;  // a contraction: the gradient shrinks at every step back
  const Vec dy = testing::random_vec(r.y_size(), 101);
  const Grads g = backward(r, dy, 0);
  EXPECT_NEAR(g.norms[T - 1], std::sqrt(testing::dot(dy, dy)), 1e-12);
  EXPECT_LT(g.norms[0], 1e-6 * g.norms[T - 1]);
  for (int t = 1; t < T; ++t) EXPECT_LT(g.norms[t - 1], g.norms[t]) << t;
}

TEST(SimpleRnnLayer, NamesParametersAndInitialisesXavier) {
  ParameterArena arena;
  SimpleRnnLayer layer(arena, 2, 5, 6, 10, false);
  arena.allocate();
  layer.bind(arena);
  Rng rng(3);
  layer.initialize(rng);
  ASSERT_EQ(arena.count(), 3);
  EXPECT_EQ(arena.info(0).name, "simple_rnn 2 input weights");
  EXPECT_EQ(arena.info(1).name, "simple_rnn 2 recurrent weights");
  EXPECT_EQ(arena.info(2).name, "simple_rnn 2 bias");
  EXPECT_EQ(arena.info(2).role, ParamRole::Bias);
  EXPECT_EQ(layer.input_weights().size, 60u);
  EXPECT_EQ(layer.recurrent_weights().size, 100u);
  EXPECT_EQ(layer.in_features(), 30);
  EXPECT_EQ(layer.out_features(), 10);
  for (float v : layer.input_weights()) EXPECT_LE(std::fabs(v), std::sqrt(6.0f / 16));
  for (float v : layer.recurrent_weights()) EXPECT_LE(std::fabs(v), std::sqrt(6.0f / 20));
  for (float v : layer.bias()) EXPECT_EQ(v, 0.0f);
  ParameterArena other;
  EXPECT_EQ(SimpleRnnLayer(other, 1, 5, 6, 10, true).out_features(), 50);
}

// Through the layer classes in float: the kernels touch no memory past cache_floats(n), and the hidden
// states are readable from the workspace cache.
TEST(SimpleRnnLayer, StaysInsideItsCacheAndExposesHiddenStates) {
  ParameterArena arena;
  SimpleRnnLayer layer(arena, 1, 4, 3, 5, true, 2);
  arena.allocate();
  layer.bind(arena);
  Rng rng(4);
  layer.initialize(rng);
  const int n = 3;
  const size_t size = layer.cache_floats(n);
  std::vector<float> cache(size + 64, 12345.0f), x(n * layer.in_features()),
      y(n * layer.out_features()), dx(x.size());
  for (float& v : x) v = rng.uniform(-1, 1);
  const LayerContext ctx{true, &rng, cache.data()};
  layer.forward(x.data(), y.data(), n, ctx);
  layer.backward(x.data(), y.data(), y.data(), dx.data(), n, ctx);
  for (size_t i = size; i < cache.size(); ++i) ASSERT_EQ(cache[i], 12345.0f) << "wrote past the cache at " << i;
  const SequenceView h = layer.hidden_states(cache.data(), n, 2);
  for (int t = 0; t < 4; ++t)
    for (int j = 0; j < 5; ++j) EXPECT_EQ(h.at(t, j), y[(2 * 4 + t) * 5 + j]);
}

}  // namespace
}  // namespace layerlab
