// conv_lesson.cpp: the convolution tutorial's computations, every one through engine/conv2d.
#include "tutorial/conv_lesson.h"

#include <algorithm>

namespace layerlab::ui {

namespace {

Conv2dGeometry single_filter_geometry(const LessonImage& image, const ConvSettings& s) {
  Conv2dGeometry g;
  g.channels = 1;
  g.height = image.height;
  g.width = image.width;
  g.filters = 1;
  g.kernel_h = g.kernel_w = 3;
  g.stride = s.stride;
  g.pad_top = g.pad_left = g.pad_bottom = g.pad_right = s.pad;
  g.padding = s.padding;
  return g;
}

}  // namespace

const std::vector<const char*>& kernel_preset_names() {
  static const std::vector<const char*> names = {"identity", "cross", "sobel_x", "sobel_y", "blur", "custom"};
  return names;
}

std::array<float, 9> kernel_values(KernelPreset preset) {
  switch (preset) {
    case KernelPreset::Identity: return {0, 0, 0, 0, 1, 0, 0, 0, 0};
    case KernelPreset::Cross: return {1, 0, 1, 0, 1, 0, 1, 0, 1};
    case KernelPreset::SobelX: return {1, 0, -1, 2, 0, -2, 1, 0, -1};
    case KernelPreset::SobelY: return {1, 2, 1, 0, 0, 0, -1, -2, -1};
    case KernelPreset::Blur:
      return {1 / 16.0f, 2 / 16.0f, 1 / 16.0f, 2 / 16.0f, 4 / 16.0f, 2 / 16.0f, 1 / 16.0f, 2 / 16.0f, 1 / 16.0f};
    default: return {};
  }
}

std::array<float, 9> sliding_kernel(const ConvSettings& settings) {
  std::array<float, 9> k = settings.kernel;
  if (settings.flip) std::reverse(k.begin(), k.end());  // a 180-degree rotation of a row-major 3x3
  return k;
}

ConvRun run_convolution(const LessonImage& image, const ConvSettings& settings) {
  ConvRun run;
  run.geometry = single_filter_geometry(image, settings);
  run.error = check_conv2d_geometry(run.geometry);
  if (!run.error.empty() || image.empty()) return run;
  const Conv2dGeometry& g = run.geometry;
  const std::array<float, 9> k = sliding_kernel(settings);
  const float bias = 0.0f;
  std::vector<float> cols(static_cast<size_t>(g.patch()) * g.out_h() * g.out_w());
  run.output.resize(static_cast<size_t>(g.out_h()) * g.out_w());
  conv2d_forward(g, image.pixels.data(), k.data(), &bias, run.output.data(), 1, cols.data());
  return run;
}

WindowDetail window_at(const LessonImage& image, const ConvSettings& settings, int oy, int ox) {
  WindowDetail d;
  const Conv2dGeometry g = single_filter_geometry(image, settings);
  if (!check_conv2d_geometry(g).empty() || image.empty()) return d;
  oy = std::clamp(oy, 0, g.out_h() - 1);
  ox = std::clamp(ox, 0, g.out_w() - 1);
  d.top = oy * g.stride - g.pad_top;
  d.left = ox * g.stride - g.pad_left;
  // The engine's own view of the window: its im2col column for this position, padding filled in.
  const int positions = g.out_h() * g.out_w();
  std::vector<float> cols(static_cast<size_t>(g.patch()) * positions);
  conv2d_im2col(g, image.pixels.data(), cols.data());
  const std::array<float, 9> k = sliding_kernel(settings);
  for (int j = 0; j < 9; ++j) {
    const int y = d.top + j / 3, x = d.left + j % 3;
    d.inputs[j] = cols[static_cast<size_t>(j) * positions + oy * g.out_w() + ox];
    d.in_padding[j] = y < 0 || x < 0 || y >= image.height || x >= image.width;
    d.products[j] = d.inputs[j] * k[j];
    d.sum += d.products[j];
  }
  return d;
}

int engine_output_side(int n, int k, int p, int s, std::string* error) {
  Conv2dGeometry g;
  g.height = g.width = n;
  g.kernel_h = g.kernel_w = k;
  g.pad_top = g.pad_left = g.pad_bottom = g.pad_right = p;
  g.stride = s;
  const std::string message = check_conv2d_geometry(g);
  if (!message.empty()) {
    if (error) *error = message;
    return -1;
  }
  return g.out_w();
}

const char* filter_bank_name(int f) {
  static const char* names[kFilterBankSize] = {"Sobel x, every channel", "Sobel y, every channel",
                                               "red minus green", "blur, every channel"};
  return f >= 0 && f < kFilterBankSize ? names[f] : "";
}

FilterBankRun run_filter_bank(const LessonImage& colour, int filters) {
  FilterBankRun run;
  filters = std::clamp(filters, 1, kFilterBankSize);
  Conv2dGeometry& g = run.geometry;
  g.channels = 3;
  g.height = colour.height;
  g.width = colour.width;
  g.filters = filters;
  g.kernel_h = g.kernel_w = 3;
  g.pad_top = g.pad_left = g.pad_bottom = g.pad_right = 1;
  g.padding = PaddingMode::Edge;
  run.parameters = static_cast<long>(filters) * (g.patch() + 1);
  run.dense_parameters = (static_cast<long>(g.in_size()) + 1) * g.out_size();
  run.weights.assign(static_cast<size_t>(filters) * g.patch(), 0.0f);
  const std::array<float, 9> sobel_x = kernel_values(KernelPreset::SobelX);
  const std::array<float, 9> sobel_y = kernel_values(KernelPreset::SobelY);
  const std::array<float, 9> blur = kernel_values(KernelPreset::Blur);
  for (int f = 0; f < filters; ++f)
    for (int c = 0; c < 3; ++c) {
      float* w = run.weights.data() + (static_cast<size_t>(f) * 3 + c) * 9;
      for (int j = 0; j < 9; ++j) {
        if (f == 0) w[j] = sobel_x[j] / 3.0f;
        if (f == 1) w[j] = sobel_y[j] / 3.0f;
        if (f == 3) w[j] = blur[j] / 3.0f;
      }
      if (f == 2) w[4] = c == 0 ? 1.0f : c == 1 ? -1.0f : 0.0f;
    }
  if (colour.channels != 3 || colour.empty()) return run;
  const std::vector<float> bias(static_cast<size_t>(filters), 0.0f);
  std::vector<float> cols(static_cast<size_t>(g.patch()) * g.out_h() * g.out_w());
  run.maps.resize(static_cast<size_t>(g.out_size()));
  conv2d_forward(g, colour.pixels.data(), run.weights.data(), bias.data(), run.maps.data(), 1, cols.data());
  return run;
}

}  // namespace layerlab::ui
