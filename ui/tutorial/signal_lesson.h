// signal_lesson.h: the convolution tutorial's 1-D start, through the engine's conv2d_forward (a 1 x N
// picture): a signal of ones with runs of zeros, the edge filter [-1, 1] that fires at its jumps, and a
// normalised bell (ten samples of a sine hump divided by their sum) that smooths the jumps out.
#pragma once
#include <string>
#include <vector>

namespace layerlab::ui {

enum class SignalFilter { Edge, Bell, Count };
const std::vector<const char*>& signal_filter_names();  // "edge", "bell"
std::vector<float> signal_filter_values(SignalFilter filter);

// 40 samples: ones, with runs of zeros at [8, 14) and [24, 27).
std::vector<float> step_signal();
// The indices i where signal[i + 1] != signal[i]: the jumps (4 for step_signal()).
std::vector<int> signal_jumps(const std::vector<float>& signal);

struct SignalRun {
  std::vector<float> output;  // N - K + 1 values: output[p] = sum_t filter[t] * signal[p + t]
  std::string error;          // the engine's sentence when the filter is longer than the signal
  // The output summarised once, for the widget's plot and facts: the range (with 0 inside it), the values
  // that are not 0, and the largest change between neighbours.
  float lo = 0.0f, hi = 0.0f, max_step = 0.0f;
  int nonzero = 0;
};
// conv2d_forward over the signal as a 1 x N picture with one 1 x K filter, no padding, stride 1, bias 0.
SignalRun run_signal_convolution(const std::vector<float>& signal, const std::vector<float>& filter);

}  // namespace layerlab::ui
