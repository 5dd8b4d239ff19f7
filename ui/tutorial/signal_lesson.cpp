// signal_lesson.cpp: the 1-D signal, its two filters and their convolution through the engine.
#include "tutorial/signal_lesson.h"

#include <algorithm>
#include <cmath>

#include "conv2d.h"

namespace layerlab::ui {

const std::vector<const char*>& signal_filter_names() {
  static const std::vector<const char*> names = {"edge", "bell"};
  return names;
}

std::vector<float> signal_filter_values(SignalFilter filter) {
  if (filter == SignalFilter::Edge) return {-1.0f, 1.0f};
  // Ten samples of a sine hump, sin(pi (t + 0.5) / 10), divided by their sum: all positive, summing to 1.
  const double pi = std::acos(-1.0);
  std::vector<double> hump(10);
  double sum = 0.0;
  for (int t = 0; t < 10; ++t) sum += hump[static_cast<size_t>(t)] = std::sin(pi * (t + 0.5) / 10.0);
  std::vector<float> values;
  for (double v : hump) values.push_back(static_cast<float>(v / sum));
  return values;
}

std::vector<float> step_signal() {
  std::vector<float> s(40, 1.0f);
  for (int i = 8; i < 14; ++i) s[static_cast<size_t>(i)] = 0.0f;
  for (int i = 24; i < 27; ++i) s[static_cast<size_t>(i)] = 0.0f;
  return s;
}

std::vector<int> signal_jumps(const std::vector<float>& signal) {
  std::vector<int> jumps;
  for (size_t i = 0; i + 1 < signal.size(); ++i)
    if (signal[i + 1] != signal[i]) jumps.push_back(static_cast<int>(i));
  return jumps;
}

SignalRun run_signal_convolution(const std::vector<float>& signal, const std::vector<float>& filter) {
  SignalRun run;
  Conv2dGeometry g;
  g.channels = 1;
  g.height = 1;
  g.width = static_cast<int>(signal.size());
  g.filters = 1;
  g.kernel_h = 1;
  g.kernel_w = static_cast<int>(filter.size());
  run.error = check_conv2d_geometry(g);
  if (!run.error.empty()) return run;
  const float bias = 0.0f;
  std::vector<float> cols(static_cast<size_t>(g.patch()) * g.out_w());
  run.output.resize(static_cast<size_t>(g.out_w()));
  conv2d_forward(g, signal.data(), filter.data(), &bias, run.output.data(), 1, cols.data());
  const std::vector<float>& y = run.output;
  for (size_t p = 0; p < y.size(); ++p) {
    run.nonzero += std::fabs(y[p]) > 1e-6f;
    run.lo = std::min(run.lo, y[p]);
    run.hi = std::max(run.hi, y[p]);
    if (p) run.max_step = std::max(run.max_step, std::fabs(y[p] - y[p - 1]));
  }
  return run;
}

}  // namespace layerlab::ui
