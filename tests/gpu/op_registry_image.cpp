// op_registry_image.cpp: the registry's conv2d and max pooling cases, NCHW, with odd sizes, strides and padding.
#include <cmath>
#include <string>

#include "op_inputs.h"

namespace layerlab {

namespace {

Conv2dGeometry conv(int c, int h, int w, int f, int k, int stride, int pad) {
  Conv2dGeometry g;
  g.channels = c;
  g.height = h;
  g.width = w;
  g.filters = f;
  g.kernel_h = g.kernel_w = k;
  g.stride = stride;
  g.pad_top = g.pad_left = g.pad_bottom = g.pad_right = pad;
  return g;
}

std::string describe(const Conv2dGeometry& g, int n) {
  return "n=" + std::to_string(n) + " " + std::to_string(g.channels) + "x" + std::to_string(g.height) + "x" +
         std::to_string(g.width) + " f=" + std::to_string(g.filters) + " k=" + std::to_string(g.kernel_h) +
         " s=" + std::to_string(g.stride) + " pad=" + std::to_string(g.pad_top) + "," + std::to_string(g.pad_left) +
         "," + std::to_string(g.pad_bottom) + "," + std::to_string(g.pad_right);
}

void add_conv2d_cases(std::vector<OpCase>& cases) {
  Conv2dGeometry same = conv(3, 8, 7, 4, 3, 2, 0);
  set_same_padding(&same);
  const struct {
    Conv2dGeometry g;
    int n;
  } shapes[] = {{conv(1, 5, 5, 2, 3, 1, 0), 1}, {same, 2}, {conv(2, 6, 6, 3, 5, 1, 2), 3},
                {conv(1, 28, 28, 8, 3, 1, 1), 2}, {conv(4, 9, 11, 5, 2, 3, 0), 2}};
  for (const auto& s : shapes) {
    const Conv2dGeometry g = s.g;
    const int n = s.n;
    const size_t in = size_t(n) * g.in_size(), out = size_t(n) * g.out_size(), weights = size_t(g.filters) * g.patch();
    cases.push_back({"conv2d_forward", describe(g, n), kSumTolerance, [=](Backend& be, OpRun& run) {
      const TensorId x = input_tensor(be, run, uniform_values(in, 41));
      const TensorId w = input_tensor(be, run, uniform_values(weights, 42));
      const TensorId b = input_tensor(be, run, uniform_values(g.filters, 43));
      const TensorId y = input_tensor(be, run, uniform_values(out, 44));
      be.conv2d_forward(g, x, w, b, y, n);
      read_output(be, run, "y", y, out);
    }});
    cases.push_back({"conv2d_backward", describe(g, n), kSumTolerance, [=](Backend& be, OpRun& run) {
      const TensorId x = input_tensor(be, run, uniform_values(in, 41));
      const TensorId w = input_tensor(be, run, uniform_values(weights, 42));
      const TensorId dy = input_tensor(be, run, uniform_values(out, 45));
      const TensorId dx = input_tensor(be, run, uniform_values(in, 46));       // assigned
      const TensorId dw = input_tensor(be, run, uniform_values(weights, 47));  // accumulated
      const TensorId db = input_tensor(be, run, uniform_values(g.filters, 48));
      be.conv2d_backward(g, x, w, dy, dx, dw, db, n);
      read_output(be, run, "dx", dx, in);
      read_output(be, run, "dw", dw, weights);
      read_output(be, run, "db", db, g.filters);
    }});
  }
}

Pool2dGeometry pool(int c, int h, int w, int window, int stride) {
  Pool2dGeometry g;
  g.channels = c;
  g.height = h;
  g.width = w;
  g.window = window;
  g.stride = stride;
  return g;
}

void add_max_pool_cases(std::vector<OpCase>& cases) {
  const struct {
    Pool2dGeometry g;
    int n;
  } shapes[] = {{pool(2, 4, 4, 2, 2), 1}, {pool(3, 7, 9, 3, 2), 2}, {pool(1, 5, 5, 2, 1), 3}, {pool(8, 28, 28, 2, 2), 2}};
  for (const auto& s : shapes) {
    const Pool2dGeometry g = s.g;
    const int n = s.n;
    const size_t in = size_t(n) * g.in_size(), out = size_t(n) * g.out_size();
    const std::string shape = "n=" + std::to_string(n) + " " + std::to_string(g.channels) + "x" +
                              std::to_string(g.height) + "x" + std::to_string(g.width) + " window=" +
                              std::to_string(g.window) + " stride=" + std::to_string(g.stride) + " with ties";
    // Inputs from only five levels, so windows tie: the gradient must go to the FIRST maximum.
    std::vector<float> x_values = uniform_values(in, 51, 0.0f, 5.0f);
    for (float& v : x_values) v = std::floor(v);
    cases.push_back({"max_pool_forward", shape, 0.0f, [=](Backend& be, OpRun& run) {
      const TensorId x = input_tensor(be, run, x_values);
      const TensorId y = input_tensor(be, run, uniform_values(out, 52));
      be.max_pool_forward(g, x, y, n);
      read_output(be, run, "y", y, out);
    }});
    cases.push_back({"max_pool_backward", shape, 1e-6f, [=](Backend& be, OpRun& run) {
      const TensorId x = input_tensor(be, run, x_values);
      const TensorId dy = input_tensor(be, run, uniform_values(out, 53));
      const TensorId dx = input_tensor(be, run, uniform_values(in, 54));  // assigned
      be.max_pool_backward(g, x, dy, dx, n);
      read_output(be, run, "dx", dx, in);
    }});
  }
}

}  // namespace

void add_image_cases(std::vector<OpCase>& cases) {
  add_conv2d_cases(cases);
  add_max_pool_cases(cases);
}

}  // namespace layerlab
