// conv_lesson_test.cpp: the convolution tutorial's numbers against the engine and the texts: the worked
// 5x5 example, the window detail summing to the engine's output (zeros and edge padding, strides, a flipped
// kernel), the output-size formula over many sizes, the filter bank's parameter count, and PPM reading.
#include <gtest/gtest.h>

#include <cmath>

#include "tutorial/conv_lesson.h"

namespace layerlab::ui {
namespace {

TEST(ConvLesson, WorkedGridWithTheCrossKernelGivesTheTextsOutput) {
  ConvSettings s;
  s.kernel = kernel_values(KernelPreset::Cross);
  const ConvRun run = run_convolution(worked_grid(), s);
  ASSERT_TRUE(run.error.empty()) << run.error;
  EXPECT_EQ(run.geometry.out_w(), 3);
  EXPECT_EQ(run.geometry.out_h(), 3);
  const float expected[9] = {4, 3, 4, 2, 4, 3, 2, 3, 4};
  ASSERT_EQ(run.output.size(), 9u);
  for (int i = 0; i < 9; ++i) EXPECT_FLOAT_EQ(run.output[static_cast<size_t>(i)], expected[i]) << "cell " << i;
}

// A 7x6 picture of distinct values, so a window shifted by one pixel or a flipped kernel shows.
LessonImage ramp() {
  LessonImage g;
  g.channels = 1;
  g.height = 6;
  g.width = 7;
  for (int i = 0; i < 42; ++i) g.pixels.push_back(std::sin(0.7f * static_cast<float>(i)) + 0.01f * static_cast<float>(i));
  return g;
}

TEST(ConvLesson, WindowProductsSumToTheEnginesOutputEverywhere) {
  const LessonImage image = ramp();
  for (int pad = 0; pad <= 2; ++pad)
    for (int stride = 1; stride <= 3; ++stride)
      for (PaddingMode mode : {PaddingMode::Zeros, PaddingMode::Edge})
        for (bool flip : {false, true}) {
          ConvSettings s;
          s.kernel = kernel_values(KernelPreset::SobelX);
          s.kernel[1] = 0.5f;  // asymmetric in both directions
          s.pad = pad;
          s.stride = stride;
          s.padding = mode;
          s.flip = flip;
          const ConvRun run = run_convolution(image, s);
          ASSERT_TRUE(run.error.empty()) << run.error;
          for (int oy = 0; oy < run.geometry.out_h(); ++oy)
            for (int ox = 0; ox < run.geometry.out_w(); ++ox) {
              const WindowDetail d = window_at(image, s, oy, ox);
              EXPECT_NEAR(d.sum, run.output[static_cast<size_t>(oy) * run.geometry.out_w() + ox], 1e-5f)
                  << "pad " << pad << " stride " << stride << " at " << ox << "," << oy;
              EXPECT_EQ(d.top, oy * stride - pad);
              EXPECT_EQ(d.left, ox * stride - pad);
            }
        }
}

TEST(ConvLesson, PaddingFillsZerosOrEdgeCopies) {
  const LessonImage image = ramp();
  ConvSettings s;
  s.kernel = kernel_values(KernelPreset::Identity);
  s.pad = 1;
  s.padding = PaddingMode::Zeros;
  WindowDetail d = window_at(image, s, 0, 0);
  EXPECT_TRUE(d.in_padding[0]);
  EXPECT_FLOAT_EQ(d.inputs[0], 0.0f);
  EXPECT_FALSE(d.in_padding[4]);
  EXPECT_FLOAT_EQ(d.inputs[4], image.at(0, 0, 0));
  s.padding = PaddingMode::Edge;
  d = window_at(image, s, 0, 0);
  EXPECT_FLOAT_EQ(d.inputs[0], image.at(0, 0, 0));  // the corner copied outward
  EXPECT_FLOAT_EQ(d.inputs[2], image.at(0, 0, 1));
}

TEST(ConvLesson, WorkedGridPaddedKeepsItsSizeAndTheCornerDependsOnThePadding) {
  // The numbers tutorials/03-convolution.md quotes: padding 1 keeps 5x5; the top-left output is 2 with
  // zeros around the grid and 4 with copies of the edge.
  ConvSettings s;
  s.kernel = kernel_values(KernelPreset::Cross);
  s.pad = 1;
  const ConvRun zeros = run_convolution(worked_grid(), s);
  EXPECT_EQ(zeros.geometry.out_w(), 5);
  EXPECT_FLOAT_EQ(zeros.output[0], 2.0f);
  s.padding = PaddingMode::Edge;
  EXPECT_FLOAT_EQ(run_convolution(worked_grid(), s).output[0], 4.0f);
  s.pad = 0;
  s.stride = 2;
  const ConvRun strided = run_convolution(worked_grid(), s);
  EXPECT_EQ(strided.geometry.out_w(), 2);
  EXPECT_EQ(strided.output, (std::vector<float>{4, 4, 2, 4}));
}

TEST(ConvLesson, FlippingTheKernelIsTrueConvolution) {
  // True convolution: y[p] = Σ_t k[t] x[p − t], i.e. correlation with the kernel rotated by 180 degrees.
  const LessonImage image = ramp();
  ConvSettings s;
  for (int j = 0; j < 9; ++j) s.kernel[static_cast<size_t>(j)] = static_cast<float>(j + 1);
  s.flip = true;
  const ConvRun run = run_convolution(image, s);
  for (int oy = 0; oy < run.geometry.out_h(); ++oy)
    for (int ox = 0; ox < run.geometry.out_w(); ++ox) {
      double sum = 0;
      for (int ty = -1; ty <= 1; ++ty)
        for (int tx = -1; tx <= 1; ++tx)
          sum += s.kernel[static_cast<size_t>((ty + 1) * 3 + tx + 1)] * image.at(0, oy + 1 - ty, ox + 1 - tx);
      EXPECT_NEAR(run.output[static_cast<size_t>(oy) * run.geometry.out_w() + ox], sum, 1e-4);
    }
  // A symmetric kernel (the cross) gives the same map either way; Sobel x changes sign.
  ConvSettings cross;
  cross.kernel = kernel_values(KernelPreset::Cross);
  ConvSettings cross_flipped = cross;
  cross_flipped.flip = true;
  EXPECT_EQ(run_convolution(image, cross).output, run_convolution(image, cross_flipped).output);
  ConvSettings sobel;
  sobel.kernel = kernel_values(KernelPreset::SobelX);
  ConvSettings sobel_flipped = sobel;
  sobel_flipped.flip = true;
  const ConvRun a = run_convolution(image, sobel), b = run_convolution(image, sobel_flipped);
  for (size_t i = 0; i < a.output.size(); ++i) EXPECT_NEAR(a.output[i], -b.output[i], 1e-5f);
}

TEST(ConvLesson, OutputSizeFormulaMatchesTheEngineForManySizes) {
  int checked = 0;
  for (int n = 1; n <= 40; ++n)
    for (int k = 1; k <= 7; ++k)
      for (int p = 0; p <= 3; ++p)
        for (int s = 1; s <= 4; ++s) {
          std::string error;
          const int side = engine_output_side(n, k, p, s, &error);
          if (n + 2 * p < k || p >= k) {  // the engine refuses padding that only adds outputs seeing no pixel
            EXPECT_EQ(side, -1) << n << " " << k << " " << p << " " << s;
            EXPECT_FALSE(error.empty());
            continue;
          }
          ASSERT_EQ(side, (n + 2 * p - k) / s + 1) << "n " << n << " k " << k << " p " << p << " s " << s;
          // And the engine's forward pass writes exactly that many values.
          if (k == 3 && n <= 12) {
            LessonImage image;
            image.channels = 1;
            image.height = image.width = n;
            image.pixels.assign(static_cast<size_t>(n) * n, 1.0f);
            ConvSettings cs;
            cs.kernel = kernel_values(KernelPreset::Cross);
            cs.pad = std::min(p, 2);
            cs.stride = s;
            const ConvRun run = run_convolution(image, cs);
            if (run.error.empty()) {
              EXPECT_EQ(run.geometry.out_w(), engine_output_side(n, 3, cs.pad, s, nullptr));
              EXPECT_EQ(run.output.size(), static_cast<size_t>(run.geometry.out_w() * run.geometry.out_h()));
            }
          }
          ++checked;
        }
  EXPECT_GT(checked, 3000);  // 40 x 7 x 4 x 4 sizes less those the engine refuses
  // The texts' examples: 32x32 with 5x5 gives 28; stride 1 with padding 1 keeps the size; stride 2 halves.
  EXPECT_EQ(engine_output_side(32, 5, 0, 1, nullptr), 28);
  EXPECT_EQ(engine_output_side(28, 3, 1, 1, nullptr), 28);
  EXPECT_EQ(engine_output_side(28, 2, 0, 2, nullptr), 14);
}

TEST(ConvLesson, FilterBankCountsWeightsPerChannelPlusOneBias) {
  LessonImage colour;
  colour.channels = 3;
  colour.height = colour.width = 8;
  for (int i = 0; i < 3 * 64; ++i) colour.pixels.push_back(static_cast<float>(i % 7) / 7.0f);
  for (int f = 1; f <= kFilterBankSize; ++f) {
    const FilterBankRun run = run_filter_bank(colour, f);
    EXPECT_EQ(run.parameters, f * (3 * 9 + 1));
    EXPECT_EQ(run.geometry.out_h(), 8);
    EXPECT_EQ(run.maps.size(), static_cast<size_t>(f * 64));
    EXPECT_EQ(run.dense_parameters, (3L * 64 + 1) * f * 64);
  }
  // "red minus green" is the red plane minus the green plane.
  const FilterBankRun run = run_filter_bank(colour, 3);
  for (int i = 0; i < 64; ++i)
    EXPECT_NEAR(run.maps[static_cast<size_t>(2 * 64 + i)], colour.pixels[static_cast<size_t>(i)] - colour.pixels[static_cast<size_t>(64 + i)], 1e-6f);
}

TEST(LessonImages, ReadsPpmAndPgmAndRefusesBrokenFiles) {
  const std::string ppm = "P6\n# a comment\n2 1\n255\n";
  std::vector<uint8_t> bytes(ppm.begin(), ppm.end());
  for (uint8_t b : {255, 0, 0, 0, 0, 255}) bytes.push_back(b);
  LessonImage image;
  std::string error;
  ASSERT_TRUE(parse_pnm(bytes, &image, &error)) << error;
  EXPECT_EQ(image.channels, 3);
  EXPECT_EQ(image.width, 2);
  EXPECT_FLOAT_EQ(image.at(0, 0, 0), 1.0f);  // red of the first pixel
  EXPECT_FLOAT_EQ(image.at(2, 0, 1), 1.0f);  // blue of the second
  EXPECT_NEAR(to_grey(image).at(0, 0, 0), 0.299f, 1e-6f);
  bytes.pop_back();
  EXPECT_FALSE(parse_pnm(bytes, &image, &error));
  EXPECT_NE(error.find("ends before"), std::string::npos) << error;
  const std::string bad = "P3\n2 1\n255\n";
  EXPECT_FALSE(parse_pnm(std::vector<uint8_t>(bad.begin(), bad.end()), &image, &error));
  const std::string big = "P5\n5000 1\n255\n";
  EXPECT_FALSE(parse_pnm(std::vector<uint8_t>(big.begin(), big.end()), &image, &error));
  const std::string deep = "P5\n1 1\n65535\n";
  EXPECT_FALSE(parse_pnm(std::vector<uint8_t>(deep.begin(), deep.end()), &image, &error));
}

}  // namespace
}  // namespace layerlab::ui
