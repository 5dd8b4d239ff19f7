// conv_lesson.h: what the convolution tutorial computes, all through the engine's conv2d_forward: the
// hand-set kernels, one convolution with its geometry, the window under one output cell with its products
// and sum, the flipped kernel of true convolution, the output-size formula, and a bank of filters over the
// three colour channels of a photograph.
#pragma once
#include <array>
#include <string>
#include <vector>

#include "conv2d.h"
#include "tutorial/lesson_images.h"

namespace layerlab::ui {

enum class KernelPreset { Identity, Cross, SobelX, SobelY, Blur, Custom, Count };
const std::vector<const char*>& kernel_preset_names();  // "identity", "cross", "sobel_x", "sobel_y", "blur", "custom"
// The 3x3 values of a preset, row-major (Custom: all zeros; the widget keeps the learner's values).
std::array<float, 9> kernel_values(KernelPreset preset);

// The settings of one convolution of a one-channel picture with one 3x3 kernel.
struct ConvSettings {
  std::array<float, 9> kernel{};
  int pad = 0;  // on every side
  PaddingMode padding = PaddingMode::Zeros;
  int stride = 1;
  bool flip = false;  // true convolution: the kernel rotated by 180 degrees before sliding
};

struct ConvRun {
  Conv2dGeometry geometry;
  std::vector<float> output;  // (out_h, out_w)
  std::string error;          // the engine's message when the geometry is unusable (output empty)
};
// conv2d_forward of `image` (channel 0) with one filter, bias 0.
ConvRun run_convolution(const LessonImage& image, const ConvSettings& settings);

// The kernel as it slides: rotated by 180 degrees when settings.flip.
std::array<float, 9> sliding_kernel(const ConvSettings& settings);

// The window under output cell (oy, ox): the 3x3 input values it covers (padding values filled in as the
// engine fills them), the element-wise products with the sliding kernel and their sum. top/left: where
// the window starts in input coordinates (negative inside the padding).
struct WindowDetail {
  int top = 0, left = 0;
  std::array<float, 9> inputs{}, products{};
  std::array<bool, 9> in_padding{};
  float sum = 0.0f;
};
WindowDetail window_at(const LessonImage& image, const ConvSettings& settings, int oy, int ox);

// The output side the engine computes for an n x n input, a k x k kernel, padding p and stride s
// (floor((n + 2p - k) / s) + 1), or -1 with *error (the engine's sentence) when the geometry is unusable.
int engine_output_side(int n, int k, int p, int s, std::string* error);

// A bank of `filters` 3x3 filters over the three colour channels (the colour picture's (3, H, W)):
//   0 Sobel x on every channel, 1 Sobel y on every channel, 2 red minus green (the centre tap), 3 blur of
//   every channel; padding 1 with edge values, stride 1, so every map has the picture's size.
struct FilterBankRun {
  Conv2dGeometry geometry;
  std::vector<float> weights;  // (F, 3, 3, 3)
  std::vector<float> maps;     // (F, H, W)
  long parameters = 0;         // F * (3 * 3 * 3 + 1): weights and one bias per filter
  long dense_parameters = 0;   // a dense layer from every input value to every output value, with biases
};
constexpr int kFilterBankSize = 4;
const char* filter_bank_name(int f);  // "Sobel x (all channels)", ...
FilterBankRun run_filter_bank(const LessonImage& colour, int filters);

}  // namespace layerlab::ui
