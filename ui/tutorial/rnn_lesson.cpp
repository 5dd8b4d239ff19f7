// rnn_lesson.cpp: the one-unit RNN and the hand-set LSTM of the recurrence tutorial, through engine kernels.
#include "tutorial/rnn_lesson.h"

#include <algorithm>
#include <cmath>

#include "lstm.h"
#include "rng.h"
#include "simple_rnn.h"

namespace layerlab::ui {

namespace {

float logit(float p) {
  p = std::clamp(p, 1e-4f, 1.0f - 1e-4f);
  return std::log(p / (1.0f - p));
}

}  // namespace

UnrolledRnn run_unrolled_rnn(const UnrolledRnnSettings& settings) {
  UnrolledRnn r;
  const int T = std::clamp(settings.steps, 2, 64);
  const RecurrentShape shape{1, T, 1, 1, true};
  r.x.assign(static_cast<size_t>(T), 0.0f);
  r.x[0] = 1.0f;
  const float wx = settings.wx, wh = settings.wh, b = settings.b;
  std::vector<float> y(static_cast<size_t>(T)), cache(simple_rnn_cache_floats(shape));
  simple_rnn_forward(r.x.data(), &wx, &wh, &b, y.data(), cache.data(), shape);
  r.h = y;
  // The loss is the last step's output: dL/dy_T = 1, nothing from the other steps.
  std::vector<float> dy(static_cast<size_t>(T), 0.0f), dx(static_cast<size_t>(T));
  dy[static_cast<size_t>(T - 1)] = 1.0f;
  float dwx = 0, dwh = 0, db = 0;
  r.grad_norm.assign(static_cast<size_t>(T), 0.0f);
  simple_rnn_backward(r.x.data(), &wx, &wh, dy.data(), dx.data(), &dwx, &dwh, &db, cache.data(), r.grad_norm.data(),
                      shape, 0);
  r.first_to_last = r.grad_norm.back() > 0 ? r.grad_norm.front() / r.grad_norm.back() : 0.0f;
  return r;
}

void hand_gate_weights(const HandGates& g, float* wx, float* wh, float* b) {
  // Rows: 0 input gate, 1 forget gate, 2 candidate, 3 output gate; columns of wx: is_symbol, value.
  std::fill(wx, wx + 8, 0.0f);
  std::fill(wh, wh + 4, 0.0f);
  b[0] = logit(g.input_distractor);
  wx[0] = logit(g.input_symbol) - logit(g.input_distractor);
  b[1] = logit(g.forget);
  b[2] = 0.0f;
  wx[2 * 2 + 1] = 2.0f;
  b[3] = logit(g.output);
}

GateTrace run_hand_gates(const HandGates& gates) {
  GateTrace t;
  const int T = std::clamp(gates.distractors, 0, 200) + 1;
  const RecurrentShape shape{1, T, 2, 1, true};
  std::vector<float> x(static_cast<size_t>(T) * 2, 0.0f);
  Rng rng(7);
  t.value.resize(static_cast<size_t>(T));
  for (int s = 0; s < T; ++s) {
    const bool symbol = s == 0;
    t.value[static_cast<size_t>(s)] = symbol ? (gates.symbol == 0 ? 1.0f : -1.0f) : rng.uniform(-1.0f, 1.0f);
    x[static_cast<size_t>(s) * 2] = symbol ? 1.0f : 0.0f;
    x[static_cast<size_t>(s) * 2 + 1] = t.value[static_cast<size_t>(s)];
  }
  float wx[8], wh[4], b[4];
  hand_gate_weights(gates, wx, wh, b);
  std::vector<float> y(static_cast<size_t>(T)), cache(lstm_cache_floats(shape));
  lstm_forward(x.data(), wx, wh, b, y.data(), cache.data(), shape);
  // The cache layout (lstm.h): gates (T, 4) i, f, g, o; then c (T); tanh(c) (T); h (T).
  const float* gate = cache.data();
  const float* cell = gate + static_cast<size_t>(T) * kLstmGates;
  const float* hidden = cell + 2 * static_cast<size_t>(T);
  for (int s = 0; s < T; ++s) {
    t.input.push_back(gate[s * 4 + 0]);
    t.forget.push_back(gate[s * 4 + 1]);
    t.candidate.push_back(gate[s * 4 + 2]);
    t.output.push_back(gate[s * 4 + 3]);
    t.cell.push_back(cell[s]);
    t.hidden.push_back(hidden[s]);
  }
  t.retained = std::fabs(t.cell.front()) > 1e-6f ? t.cell.back() / t.cell.front() : 0.0f;
  return t;
}

}  // namespace layerlab::ui
