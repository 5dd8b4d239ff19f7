// op_registry_lstm.cpp: the registry's LSTM cases (whole sequences), with and without return_sequences and truncation.
#include <string>

#include "op_inputs.h"

namespace layerlab {

void add_lstm_cases(std::vector<OpCase>& cases) {
  const struct {
    int batch, steps, in, hidden;
    bool return_sequences;
    int truncate;
  } shapes[] = {{1, 1, 1, 1, false, 0}, {3, 5, 7, 4, true, 0}, {2, 6, 3, 5, false, 2}, {5, 4, 9, 17, true, 3},
                {4, 28, 28, 64, false, 0}};
  for (const auto& sh : shapes) {
    RecurrentShape s;
    s.batch = sh.batch;
    s.steps = sh.steps;
    s.in = sh.in;
    s.hidden = sh.hidden;
    s.return_sequences = sh.return_sequences;
    const int truncate = sh.truncate;
    const std::string shape = "n=" + std::to_string(s.batch) + " t=" + std::to_string(s.steps) + " in=" +
                              std::to_string(s.in) + " h=" + std::to_string(s.hidden) +
                              (s.return_sequences ? " sequences" : " last") + " truncate=" + std::to_string(truncate);
    const size_t gates = 4 * size_t(s.hidden), xs = size_t(s.batch) * s.steps * s.in;
    const size_t ys = size_t(s.batch) * (s.return_sequences ? s.steps : 1) * s.hidden;
    // Inputs in [−2, 2): gates well inside and near saturation.
    auto record_forward = [=](Backend& be, OpRun& run, TensorId* x, TensorId* wx, TensorId* wh, TensorId* cache) {
      *x = input_tensor(be, run, uniform_values(xs, 61, -2.0f, 2.0f));
      *wx = input_tensor(be, run, uniform_values(gates * s.in, 62, -0.5f, 0.5f));
      *wh = input_tensor(be, run, uniform_values(gates * s.hidden, 63, -0.5f, 0.5f));
      const TensorId b = input_tensor(be, run, uniform_values(gates, 64));
      const TensorId y = input_tensor(be, run, uniform_values(ys, 65));
      *cache = input_tensor(be, run, std::vector<float>(lstm_cache_floats(s), 0.0f));
      be.lstm_forward(s, *x, *wx, *wh, b, y, *cache);
      return y;
    };
    cases.push_back({"lstm_forward", shape, 1e-5f, [=](Backend& be, OpRun& run) {
      TensorId x, wx, wh, cache;
      const TensorId y = record_forward(be, run, &x, &wx, &wh, &cache);
      read_output(be, run, "y", y, ys);
    }});
    // Forward then backward in one step: backward reads what forward left in the cache.
    cases.push_back({"lstm_backward", shape, kSumTolerance, [=](Backend& be, OpRun& run) {
      TensorId x, wx, wh, cache;
      record_forward(be, run, &x, &wx, &wh, &cache);
      const TensorId dy = input_tensor(be, run, uniform_values(ys, 66));
      const TensorId dx = input_tensor(be, run, uniform_values(xs, 67));                  // assigned
      const TensorId dwx = input_tensor(be, run, uniform_values(gates * s.in, 68));       // accumulated
      const TensorId dwh = input_tensor(be, run, uniform_values(gates * s.hidden, 69));   // accumulated
      const TensorId db = input_tensor(be, run, uniform_values(gates, 70));               // accumulated
      be.lstm_backward(s, truncate, x, wx, wh, dy, dx, dwx, dwh, db, cache);
      read_output(be, run, "dx", dx, xs);
      read_output(be, run, "dwx", dwx, gates * s.in);
      read_output(be, run, "dwh", dwh, gates * s.hidden);
      read_output(be, run, "db", db, gates);
    }});
  }
}

}  // namespace layerlab
