// op_registry.cpp: the registry's cases for dense, activations, softmax cross-entropy and the optimizers (conv2d and
// pooling in op_registry_image.cpp, the LSTM in op_registry_lstm.cpp). Accumulated gradients and optimizer state
// start non-zero, so += is checked.
#include "op_registry.h"

#include <string>

#include "op_inputs.h"

namespace layerlab {

void add_image_cases(std::vector<OpCase>& cases);  // op_registry_image.cpp
void add_lstm_cases(std::vector<OpCase>& cases);   // op_registry_lstm.cpp

namespace {

std::string dims(int n, int in, int out) {
  return "n=" + std::to_string(n) + " in=" + std::to_string(in) + " out=" + std::to_string(out);
}

void add_dense_cases(std::vector<OpCase>& cases) {
  const int shapes[][3] = {{1, 1, 1}, {5, 17, 33}, {7, 64, 10}, {33, 15, 16}, {3, 100, 1}, {32, 784, 128}};
  for (const auto& s : shapes) {
    const int n = s[0], in = s[1], out = s[2];
    cases.push_back({"dense_forward", dims(n, in, out), kSumTolerance, [=](Backend& be, OpRun& run) {
      const TensorId x = input_tensor(be, run, uniform_values(size_t(n) * in, 1));
      const TensorId w = input_tensor(be, run, uniform_values(size_t(out) * in, 2));
      const TensorId b = input_tensor(be, run, uniform_values(out, 3));
      const TensorId y = input_tensor(be, run, uniform_values(size_t(n) * out, 4));  // overwritten
      be.dense_forward(x, w, b, y, n, in, out);
      read_output(be, run, "y", y, size_t(n) * out);
    }});
    cases.push_back({"dense_backward", dims(n, in, out), kSumTolerance, [=](Backend& be, OpRun& run) {
      const TensorId x = input_tensor(be, run, uniform_values(size_t(n) * in, 1));
      const TensorId w = input_tensor(be, run, uniform_values(size_t(out) * in, 2));
      const TensorId dy = input_tensor(be, run, uniform_values(size_t(n) * out, 5));
      const TensorId dx = input_tensor(be, run, uniform_values(size_t(n) * in, 6));  // assigned
      const TensorId dw = input_tensor(be, run, uniform_values(size_t(out) * in, 7));  // accumulated
      const TensorId db = input_tensor(be, run, uniform_values(out, 8));              // accumulated
      be.dense_backward(x, w, dy, dx, dw, db, n, in, out);
      read_output(be, run, "dx", dx, size_t(n) * in);
      read_output(be, run, "dw", dw, size_t(out) * in);
      read_output(be, run, "db", db, out);
    }});
  }
  cases.push_back({"dense_backward", dims(4, 9, 5) + " no dx", kSumTolerance, [](Backend& be, OpRun& run) {
    const TensorId x = input_tensor(be, run, uniform_values(36, 1));
    const TensorId w = input_tensor(be, run, uniform_values(45, 2));
    const TensorId dy = input_tensor(be, run, uniform_values(20, 5));
    const TensorId dw = input_tensor(be, run, uniform_values(45, 7));
    const TensorId db = input_tensor(be, run, uniform_values(5, 8));
    be.dense_backward(x, w, dy, kNoTensor, dw, db, 4, 9, 5);
    read_output(be, run, "dw", dw, 45);
    read_output(be, run, "db", db, 5);
  }});
}

void add_activation_cases(std::vector<OpCase>& cases) {
  const Activation kinds[] = {Activation::ReLU, Activation::Tanh, Activation::Sigmoid, Activation::LeakyReLU,
                              Activation::Linear};
  const size_t counts[] = {1, 63, 1000, 4161};
  for (Activation a : kinds)
    for (size_t count : counts) {
      const std::string shape = std::string(activation_name(a)) + " count=" + std::to_string(count);
      // Inputs span [−20, 20): saturated tanh and sigmoid included.
      cases.push_back({"activation_forward", shape, 1e-5f, [=](Backend& be, OpRun& run) {
        const TensorId x = input_tensor(be, run, uniform_values(count, 11, -20.0f, 20.0f));
        const TensorId y = input_tensor(be, run, std::vector<float>(count, 0.0f));
        be.activation_forward(a, x, y, count);
        read_output(be, run, "y", y, count);
      }});
      cases.push_back({"activation_backward", shape, 1e-5f, [=](Backend& be, OpRun& run) {
        // y as the forward would leave it: in (0, 1) for sigmoid, (−1, 1) for tanh, any sign otherwise.
        const float lo = a == Activation::Sigmoid ? 0.0f : -1.0f;
        const TensorId y = input_tensor(be, run, uniform_values(count, 12, lo, 1.0f));
        const TensorId dy = input_tensor(be, run, uniform_values(count, 13));
        const TensorId dx = input_tensor(be, run, uniform_values(count, 14));
        be.activation_backward(a, y, dy, dx, count);
        read_output(be, run, "dx", dx, count);
      }});
    }
  // Past 65535 workgroups of 64: the dispatch folds into two dimensions.
  const size_t large = size_t(65535) * 64 + 77;
  cases.push_back({"activation_forward", "relu count=" + std::to_string(large), 0.0f, [=](Backend& be, OpRun& run) {
    const TensorId x = input_tensor(be, run, uniform_values(large, 15));
    const TensorId y = input_tensor(be, run, std::vector<float>(large, 0.0f));
    be.activation_forward(Activation::ReLU, x, y, large);
    read_output(be, run, "y", y, large);
  }});
}

void add_softmax_cases(std::vector<OpCase>& cases) {
  const int shapes[][2] = {{1, 2}, {32, 10}, {17, 3}, {100, 37}};
  for (const auto& s : shapes) {
    const int n = s[0], classes = s[1];
    const std::string shape = "n=" + std::to_string(n) + " classes=" + std::to_string(classes);
    // Logits up to ±80: exp would overflow without the max shift.
    cases.push_back({"softmax_cross_entropy_forward", shape, 1e-5f, [=](Backend& be, OpRun& run) {
      const TensorId logits = input_tensor(be, run, uniform_values(size_t(n) * classes, 21, -80.0f, 80.0f));
      const TensorId labels = label_tensor(be, run, n, classes, 22);
      const TensorId probs = input_tensor(be, run, std::vector<float>(size_t(n) * classes, 0.0f));
      const TensorId loss = input_tensor(be, run, {0.0f});
      be.softmax_cross_entropy_forward(logits, labels, probs, loss, n, classes);
      read_output(be, run, "probs", probs, size_t(n) * classes);
      read_output(be, run, "loss", loss, 1);
    }});
    cases.push_back({"softmax_cross_entropy_backward", shape, 1e-6f, [=](Backend& be, OpRun& run) {
      const TensorId probs = input_tensor(be, run, uniform_values(size_t(n) * classes, 23, 0.0f, 1.0f));
      const TensorId labels = label_tensor(be, run, n, classes, 22);
      const TensorId dlogits = input_tensor(be, run, uniform_values(size_t(n) * classes, 24));
      be.softmax_cross_entropy_backward(probs, labels, dlogits, n, classes);
      read_output(be, run, "dlogits", dlogits, size_t(n) * classes);
    }});
  }
}

void add_optimizer_cases(std::vector<OpCase>& cases) {
  const size_t counts[] = {1, 100, 100003};
  for (size_t count : counts) {
    const std::string shape = "count=" + std::to_string(count);
    cases.push_back({"sgd_update", shape, 1e-6f, [=](Backend& be, OpRun& run) {
      const TensorId w = input_tensor(be, run, uniform_values(count, 31));
      const TensorId g = input_tensor(be, run, uniform_values(count, 32));
      be.sgd_update(w, g, count, 0.01f);
      read_output(be, run, "w", w, count);
    }});
    cases.push_back({"momentum_update", shape, 1e-6f, [=](Backend& be, OpRun& run) {
      const TensorId w = input_tensor(be, run, uniform_values(count, 31));
      const TensorId g = input_tensor(be, run, uniform_values(count, 32));
      const TensorId v = input_tensor(be, run, uniform_values(count, 33, -0.1f, 0.1f));
      be.momentum_update(w, g, v, count, 0.01f, 0.9f);
      read_output(be, run, "w", w, count);
      read_output(be, run, "v", v, count);
    }});
    for (long t : {1L, 7L}) {
      cases.push_back({"adam_update", shape + " t=" + std::to_string(t), 1e-5f, [=](Backend& be, OpRun& run) {
        const TensorId w = input_tensor(be, run, uniform_values(count, 31));
        const TensorId g = input_tensor(be, run, uniform_values(count, 32));
        const TensorId m = input_tensor(be, run, uniform_values(count, 34, -0.1f, 0.1f));
        const TensorId v = input_tensor(be, run, uniform_values(count, 35, 0.0f, 0.01f));
        be.adam_update(w, g, m, v, count, 0.001f, 0.9f, 0.999f, 1e-7f, t);
        read_output(be, run, "w", w, count);
        read_output(be, run, "m", m, count);
        read_output(be, run, "v", v, count);
      }});
    }
  }
}

}  // namespace

std::vector<OpCase> op_cases() {
  std::vector<OpCase> cases;
  add_dense_cases(cases);
  add_activation_cases(cases);
  add_softmax_cases(cases);
  add_optimizer_cases(cases);
  add_image_cases(cases);
  add_lstm_cases(cases);
  return cases;
}

}  // namespace layerlab
