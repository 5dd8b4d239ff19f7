// rnn_lesson.h: what the recurrence tutorial computes, through the engine's simple_rnn and lstm kernels:
// a one-unit RNN unrolled over a pulse with its backpropagated gradient per step, and a one-unit LSTM whose
// gates are set by hand while its cell state carries a symbol across distractors.
#pragma once
#include <string>
#include <vector>

namespace layerlab::ui {

// h_t = tanh(wx·x_t + wh·h_{t-1} + b) over x = (1, 0, 0, ...): the pulse at step 0 must survive to the end.
struct UnrolledRnnSettings {
  float wx = 1.0f, wh = 0.8f, b = 0.0f;
  int steps = 12;
};
struct UnrolledRnn {
  std::vector<float> x, h;       // per step (simple_rnn_forward's hidden states)
  std::vector<float> grad_norm;  // ||dL/dh_t|| per step for L = h_T (simple_rnn_backward's per-step norms)
  float first_to_last = 0.0f;    // grad_norm[0] / grad_norm[T-1]
};
UnrolledRnn run_unrolled_rnn(const UnrolledRnnSettings& settings);

// A one-unit LSTM reading (is_symbol, value) per step: step 0 is the symbol (value +1 for A, -1 for B), the
// later steps distractors with values drawn from [-1, 1] (seed 7). The gates do not depend on h: each is
// σ(bias + w·is_symbol), with bias and w chosen so that the gate equals the slider's value at the symbol
// and during the distractors. The candidate is tanh(2·value).
struct HandGates {
  float forget = 0.5f;             // during the distractors (at step 0 c_{-1} = 0, so it does not matter)
  float input_symbol = 1.0f;       // the input gate at the symbol
  float input_distractor = 0.0f;   // the input gate during the distractors
  float output = 1.0f;             // the output gate at every step
  int distractors = 10;
  int symbol = 0;                  // 0: A (+1), 1: B (-1)
};
struct GateTrace {
  std::vector<float> value;                          // the input value per step
  std::vector<float> input, forget, candidate, output, cell, hidden;  // per step, from lstm_forward's cache
  float retained = 0.0f;  // c_T / c_0: how much of the symbol the cell still holds at the last step
};
GateTrace run_hand_gates(const HandGates& gates);

// The weights that make the gates equal the sliders (wx (4, 2), wh (4, 1), b (4), gates i, f, g, o).
void hand_gate_weights(const HandGates& gates, float* wx, float* wh, float* b);

}  // namespace layerlab::ui
