// lstm_test.cpp: the LSTM kernels against hand values, reference loops, finite differences, truncated BPTT; the layer.
#include "lstm.h"

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

double sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

// Values in y: (N, T, H) with return_sequences, else (N, H).
size_t output_size(const RecurrentShape& s) {
  return static_cast<size_t>(s.batch * (s.return_sequences ? s.steps * s.hidden : s.hidden));
}

// One set of kernel arguments in double.
struct Lstm {
  RecurrentShape s;
  Vec x, wx, wh, b;
  size_t y_size() const { return output_size(s); }
};

Lstm make_lstm(int batch, int steps, int in, int hidden, bool return_sequences, unsigned seed) {
  Lstm l{{batch, steps, in, hidden, return_sequences}, {}, {}, {}, {}};
  l.x = testing::random_vec(batch * steps * in, seed);
  l.wx = testing::random_vec(4 * hidden * in, seed + 1);
  l.wh = testing::random_vec(4 * hidden * hidden, seed + 2);
  l.b = testing::random_vec(4 * hidden, seed + 3);
  return l;
}

Vec forward(const RecurrentShape& s, const Vec& x, const Vec& wx, const Vec& wh, const Vec& b, Vec* cache = nullptr) {
  Vec y(output_size(s)), scratch;
  Vec& c = cache ? *cache : scratch;
  c.assign(lstm_cache_floats(s), 0.0);
  lstm_forward(x.data(), wx.data(), wh.data(), b.data(), y.data(), c.data(), s);
  return y;
}

struct Grads {
  Vec dx, dwx, dwh, db, norms;
};

Grads backward(const Lstm& l, const Vec& dy, int truncate) {
  Vec cache;
  forward(l.s, l.x, l.wx, l.wh, l.b, &cache);
  Grads g{Vec(l.x.size()), Vec(l.wx.size(), 0.0), Vec(l.wh.size(), 0.0), Vec(l.b.size(), 0.0),
          Vec(l.s.steps)};
  lstm_backward(l.x.data(), l.wx.data(), l.wh.data(), dy.data(), g.dx.data(), g.dwx.data(), g.dwh.data(), g.db.data(),
                cache.data(), g.norms.data(), l.s, truncate);
  return g;
}

// Expects every gradient of g to match central differences of loss(x, wx, wh, b) around the values in m.
template <typename Loss>
void expect_gradients_match(const Grads& g, const Lstm& m, const Loss& loss, const std::string& what = "") {
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


// The LSTM of lstm.h written out step by step, independently of the kernels. When `frozen_h/c` are given,
// the state entering each step t that truncation cuts (recurrent_gradient_cut) is taken from them
// instead: the loss whose exact gradient truncated BPTT computes. all_h/all_c receive every state.
Vec reference_lstm(const Lstm& l, const Vec& x, const Vec& wx, const Vec& wh, const Vec& b, int truncate,
                   const Vec* frozen_h, const Vec* frozen_c, Vec* all_h = nullptr, Vec* all_c = nullptr) {
  const int N = l.s.batch, T = l.s.steps, F = l.s.in, H = l.s.hidden;
  Vec y(l.y_size());
  if (all_h) all_h->assign(N * T * H, 0.0);
  if (all_c) all_c->assign(N * T * H, 0.0);
  for (int n = 0; n < N; ++n) {
    Vec h(H, 0.0), c(H, 0.0), z(4 * H);
    for (int t = 0; t < T; ++t) {
      if (frozen_h && t > 0 && recurrent_gradient_cut(t, T, truncate))
        for (int j = 0; j < H; ++j) {
          h[j] = (*frozen_h)[(n * T + t - 1) * H + j];
          c[j] = (*frozen_c)[(n * T + t - 1) * H + j];
        }
      for (int o = 0; o < 4 * H; ++o) {
        double v = b[o];
        for (int f = 0; f < F; ++f) v += wx[o * F + f] * x[(n * T + t) * F + f];
        for (int j = 0; j < H; ++j) v += wh[o * H + j] * h[j];
        z[o] = v;
      }
      for (int j = 0; j < H; ++j) {  // gates in the order i, f, g, o
        const double i = sigmoid(z[j]), f = sigmoid(z[H + j]), g = std::tanh(z[2 * H + j]), o = sigmoid(z[3 * H + j]);
        c[j] = f * c[j] + i * g;
        h[j] = o * std::tanh(c[j]);
        const int at = (n * T + t) * H + j;
        if (all_h) (*all_h)[at] = h[j];
        if (all_c) (*all_c)[at] = c[j];
        if (l.s.return_sequences) y[at] = h[j];
        else if (t == T - 1) y[n * H + j] = h[j];
      }
    }
  }
  return y;
}

// Zero weights, biases i 0, f 1, g 0.5, o 0: every step i = o = 0.5, f = σ(1), g = tanh(0.5), so
// c_t = σ(1)·c_{t−1} + 0.5·tanh(0.5) and h_t = 0.5·tanh(c_t). Read back through the layer's trace.
TEST(Lstm, ZeroWeightsFollowTheCellRecursionInTheTrace) {
  ParameterArena arena;
  LstmLayer layer(arena, 1, 4, 2, 3, true);
  arena.allocate();
  layer.bind(arena);
  Rng rng(1);
  layer.initialize(rng);
  for (float& w : layer.input_weights()) w = 0.0f;
  for (float& w : layer.recurrent_weights()) w = 0.0f;
  for (int j = 0; j < 3; ++j) {
    EXPECT_EQ(layer.bias()[j], 0.0f);
    EXPECT_EQ(layer.bias()[3 + j], 1.0f) << "forget bias";
    layer.bias()[6 + j] = 0.5f;
  }
  const int n = 2;
  std::vector<float> x(n * 8, 0.7f), y(n * 12), cache(layer.cache_floats(n));
  layer.forward(x.data(), y.data(), n, LayerContext{false, nullptr, cache.data()});
  const LstmTrace tr = layer.trace(cache.data(), n, 1);
  double c = 0.0;
  for (int t = 0; t < 4; ++t) {
    c = sigmoid(1.0) * c + 0.5 * std::tanh(0.5);
    for (int j = 0; j < 3; ++j) {
      EXPECT_NEAR(tr.input_gate.at(t, j), 0.5, 1e-7);
      EXPECT_NEAR(tr.forget_gate.at(t, j), sigmoid(1.0), 1e-7);
      EXPECT_NEAR(tr.candidate.at(t, j), std::tanh(0.5), 1e-7);
      EXPECT_NEAR(tr.output_gate.at(t, j), 0.5, 1e-7);
      EXPECT_NEAR(tr.cell.at(t, j), c, 1e-6);
      EXPECT_NEAR(tr.hidden.at(t, j), 0.5 * std::tanh(c), 1e-6);
      EXPECT_EQ(tr.hidden.at(t, j), y[(12 + t * 3) + j]);
    }
  }
}

TEST(Lstm, ForwardMatchesReferenceLoops) {
  for (bool seq : {true, false}) {
    const Lstm l = make_lstm(3, 5, 2, 4, seq, 7);
    const Vec y = forward(l.s, l.x, l.wx, l.wh, l.b);
    const Vec expected = reference_lstm(l, l.x, l.wx, l.wh, l.b, 0, nullptr, nullptr);
    ASSERT_EQ(y.size(), expected.size());
    for (size_t i = 0; i < y.size(); ++i) EXPECT_NEAR(y[i], expected[i], 1e-14) << i;
  }
}

struct LstmCase { int batch, steps; bool return_sequences; };
void PrintTo(const LstmCase& c, std::ostream* os) {
  *os << "batch " << c.batch << ", steps " << c.steps << (c.return_sequences ? ", all steps" : ", last step");
}
class LstmGradient : public ::testing::TestWithParam<LstmCase> {};

TEST_P(LstmGradient, MatchesFiniteDifferences) {
  const LstmCase c = GetParam();
  const Lstm l = make_lstm(c.batch, c.steps, 3, 3, c.return_sequences, 10);
  const Vec dy = testing::random_vec(l.y_size(), 20);  // L = Σ y ⊙ dy
  const Grads g = backward(l, dy, 0);
  auto loss = [&](const Vec& x, const Vec& wx, const Vec& wh, const Vec& b) {
    return testing::dot(forward(l.s, x, wx, wh, b), dy);
  };
  expect_gradients_match(g, l, loss);
}

std::vector<LstmCase> all_cases() {
  std::vector<LstmCase> cases;
  for (int batch : {1, 3})
    for (int steps : {1, 2, 5, 7})
      for (bool seq : {true, false}) cases.push_back({batch, steps, seq});
  return cases;
}

INSTANTIATE_TEST_SUITE_P(Shapes, LstmGradient, ::testing::ValuesIn(all_cases()), [](const auto& info) {
  const LstmCase& c = info.param;
  return "n" + std::to_string(c.batch) + "_t" + std::to_string(c.steps) + (c.return_sequences ? "_seq" : "_last");
});

TEST(Lstm, StackedPairMatchesFiniteDifferences) {
  // x (2, 5, 3) → LSTM 4 (all steps) → LSTM 2 (last step); L = Σ y ⊙ r.
  const Lstm a = make_lstm(2, 5, 3, 4, true, 30), b = make_lstm(2, 5, 4, 2, false, 40);
  const Vec r = testing::random_vec(b.y_size(), 50);
  auto loss = [&](const Vec& x, const Vec& wh1) {
    return testing::dot(forward(b.s, forward(a.s, x, a.wx, wh1, a.b), b.wx, b.wh, b.b), r);
  };
  Vec cache_a, cache_b;
  const Vec mid = forward(a.s, a.x, a.wx, a.wh, a.b, &cache_a);
  forward(b.s, mid, b.wx, b.wh, b.b, &cache_b);
  Vec dmid(mid.size()), dwx2(b.wx.size(), 0.0), dwh2(b.wh.size(), 0.0), db2(b.b.size(), 0.0);
  lstm_backward(mid.data(), b.wx.data(), b.wh.data(), r.data(), dmid.data(), dwx2.data(), dwh2.data(), db2.data(),
                cache_b.data(), static_cast<double*>(nullptr), b.s, 0);
  Vec dx(a.x.size()), dwx1(a.wx.size(), 0.0), dwh1(a.wh.size(), 0.0), db1(a.b.size(), 0.0);
  lstm_backward(a.x.data(), a.wx.data(), a.wh.data(), dmid.data(), dx.data(), dwx1.data(), dwh1.data(), db1.data(),
                cache_a.data(), static_cast<double*>(nullptr), a.s, 0);
  const Vec numeric_dx = testing::numeric_gradient([&](const Vec& v) { return loss(v, a.wh); }, a.x);
  const Vec numeric_dwh1 = testing::numeric_gradient([&](const Vec& v) { return loss(a.x, v); }, a.wh);
  testing::expect_gradient_near(dx, numeric_dx, 1e-6, "dx");
  testing::expect_gradient_near(dwh1, numeric_dwh1, 1e-6, "dwh 1");
}

// The layer classes in a Network, in float: LSTM (every step) → LSTM (last step) → dense; the gradient
// of every parameter against central differences through the float forward pass (loose tolerance).
TEST(LstmLayer, StackedNetworkGradientMatchesFiniteDifferences) {
  const int n = 3, T = 4, F = 2;
  Network net(T * F);
  net.add<LstmLayer>(net.params(), 1, T, F, 3, true, 0, 1.0f);
  net.add<LstmLayer>(net.params(), 2, T, 3, 2, false);
  net.add<DenseLayer>(net.params(), 1, 2, 2, WeightInit::Xavier);
  Rng rng(5);
  net.finalize(rng);
  const Vec xd = testing::random_vec(n * T * F, 6), r = testing::random_vec(n * 2, 7);
  const std::vector<float> x(xd.begin(), xd.end()), dout(r.begin(), r.end());
  Workspace ws(net, n);
  ws.set_training(true);
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

TEST(LstmTruncation, TruncateAtLeastTheLengthIsFullBptt) {
  for (bool seq : {true, false}) {
    const Lstm l = make_lstm(3, 6, 2, 3, seq, 70);
    const Vec dy = testing::random_vec(l.y_size(), 71);
    const Grads full = backward(l, dy, 0);
    for (int k : {6, 9}) {
      const Grads cut = backward(l, dy, k);
      EXPECT_EQ(cut.dx, full.dx) << k;
      EXPECT_EQ(cut.dwx, full.dwx) << k;
      EXPECT_EQ(cut.dwh, full.dwh) << k;
      EXPECT_EQ(cut.db, full.db) << k;
    }
  }
}

// Many-to-one with truncate = k: the input gradient reaches exactly the last k steps.
TEST(LstmTruncation, ManyToOneReachesBackExactlyKSteps) {
  const int T = 7, F = 2;
  const Lstm l = make_lstm(2, T, F, 3, false, 75);
  const Vec dy = testing::random_vec(l.y_size(), 76);
  for (int k : {1, 3}) {
    const Grads g = backward(l, dy, k);
    for (int n = 0; n < 2; ++n)
      for (int t = 0; t < T; ++t)
        for (int f = 0; f < F; ++f) {
          const double v = g.dx[(n * T + t) * F + f];
          if (t < T - k) EXPECT_EQ(v, 0.0) << "k " << k << ": dx reached step " << t;
          else EXPECT_NE(v, 0.0) << "k " << k << " step " << t;
        }
  }
}

// The truncated gradient is the exact gradient of the loss in which the state (h, c) entering every
// chunk is a constant, the value the untruncated forward gives it.
TEST(LstmTruncation, EqualsTheGradientWithChunkBoundaryStatesFrozen) {
  for (bool seq : {true, false})
    for (int k : {1, 2, 3}) {
      const Lstm l = make_lstm(2, 7, 2, 3, seq, 90);
      const Vec dy = testing::random_vec(l.y_size(), 91);
      Vec frozen_h, frozen_c;
      reference_lstm(l, l.x, l.wx, l.wh, l.b, 0, nullptr, nullptr, &frozen_h, &frozen_c);
      auto loss = [&](const Vec& x, const Vec& wx, const Vec& wh, const Vec& b) {
        return testing::dot(reference_lstm(l, x, wx, wh, b, k, &frozen_h, &frozen_c), dy);
      };
      const Grads g = backward(l, dy, k);
      const std::string what = std::string(seq ? "seq" : "last") + " k=" + std::to_string(k) + " ";
      expect_gradients_match(g, l, loss, what);
    }
}

// Many-to-one over 30 steps from the same input: the gradient reaching h_0 of a simple RNN is orders of
// magnitude below the one at h_29, while through an LSTM's cell (forget bias 3) it decays far less.
TEST(LstmGradNorm, DecaysFarLessThanInASimpleRnn) {
  const int T = 30, F = 4, H = 16, n = 4;
  ParameterArena arena;
  LstmLayer lstm(arena, 1, T, F, H, false, 0, 3.0f);
  SimpleRnnLayer rnn(arena, 1, T, F, H, false);
  arena.allocate();
  lstm.bind(arena);
  rnn.bind(arena);
  Rng rng(8);
  lstm.initialize(rng);
  rnn.initialize(rng);
  for (float& w : rnn.recurrent_weights()) w *= 0.3f;  // small recurrent weights
  std::vector<float> x(n * T * F), y(n * H), dy(y.size()), dx(x.size());
  for (float& v : x) v = rng.uniform(-1, 1);
  for (float& v : dy) v = rng.uniform(-1, 1);
  std::vector<float> lstm_cache(lstm.cache_floats(n)), rnn_cache(rnn.cache_floats(n));
  lstm.forward(x.data(), y.data(), n, LayerContext{true, &rng, lstm_cache.data()});
  lstm.backward(x.data(), y.data(), dy.data(), dx.data(), n, LayerContext{true, &rng, lstm_cache.data()});
  rnn.forward(x.data(), y.data(), n, LayerContext{true, &rng, rnn_cache.data()});
  rnn.backward(x.data(), y.data(), dy.data(), dx.data(), n, LayerContext{true, &rng, rnn_cache.data()});
  const Span<const float> l = lstm.grad_norm_per_step(), r = rnn.grad_norm_per_step();
  ASSERT_EQ(l.size, static_cast<size_t>(T));
  double dy_norm = 0.0;
  for (float v : dy) dy_norm += static_cast<double>(v) * v;
  EXPECT_NEAR(l[T - 1], std::sqrt(dy_norm), 1e-5);
  EXPECT_NEAR(r[T - 1], std::sqrt(dy_norm), 1e-5);
  const double rnn_ratio = r[0] / r[T - 1], lstm_ratio = l[0] / l[T - 1];
  EXPECT_LT(rnn_ratio, 1e-6);
  EXPECT_GT(lstm_ratio, 0.05);
  EXPECT_GT(lstm_ratio, 1e4 * rnn_ratio);
}

TEST(LstmLayer, NamesParametersAndInitialisesXavierWithTheForgetBias) {
  ParameterArena arena;
  LstmLayer layer(arena, 2, 5, 6, 10, false, 0, 2.5f);
  arena.allocate();
  layer.bind(arena);
  Rng rng(3);
  layer.initialize(rng);
  ASSERT_EQ(arena.count(), 3);
  EXPECT_EQ(arena.info(0).name, "lstm 2 input weights");
  EXPECT_EQ(arena.info(1).name, "lstm 2 recurrent weights");
  EXPECT_EQ(arena.info(2).name, "lstm 2 bias");
  EXPECT_EQ(arena.info(0).role, ParamRole::Weight);
  EXPECT_EQ(arena.info(2).role, ParamRole::Bias);
  EXPECT_EQ(layer.input_weights().size, 240u);
  EXPECT_EQ(layer.recurrent_weights().size, 400u);
  EXPECT_EQ(layer.in_features(), 30);
  EXPECT_EQ(layer.out_features(), 10);
  for (float v : layer.input_weights()) EXPECT_LE(std::fabs(v), std::sqrt(6.0f / 46));
  for (float v : layer.recurrent_weights()) EXPECT_LE(std::fabs(v), std::sqrt(6.0f / 50));
  for (int j = 0; j < 40; ++j) EXPECT_EQ(layer.bias()[j], j >= 10 && j < 20 ? 2.5f : 0.0f) << j;
  ParameterArena other;
  EXPECT_EQ(LstmLayer(other, 1, 5, 6, 10, true).out_features(), 50);
}

// The kernels touch no memory past cache_floats(n) (forward and backward keep all their temporaries there).
TEST(LstmLayer, StaysInsideItsCache) {
  for (bool seq : {true, false}) {
    ParameterArena arena;
    LstmLayer layer(arena, 1, 5, 3, 4, seq, 2);
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
  }
}

}  // namespace
}  // namespace layerlab
