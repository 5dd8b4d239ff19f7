// layer_statistics_test.cpp: parameters grouped by layer with their gradient norms, dead-unit shares, the
// doubling histogram grid, receptive windows through conv and pool layers, the inspectors' backward pass
// (which must leave training's gradients alone) and prompted word sampling.
#include "layer_statistics.h"

#include <gtest/gtest.h>

#include <cmath>

#include "rng.h"
#include "sequence_datasets.h"
#include "text_sampler.h"
#include "training_session.h"

namespace layerlab {
namespace {

ModelSpec image_model(const char* layers, int c, int h, int w) {
  ModelSpec spec;
  spec.input = InputShape{c * h * w, c, h, w};
  std::string error;
  EXPECT_TRUE(parse_layers(layers, &spec.layers, &error)) << error;
  return spec;
}

TEST(LayerStatistics, ParametersAreGroupedByLayerAndTheirNormIsTheL2Norm) {
  Network net = build_network(image_model("conv 2 3x3 relu, flatten, dense 3", 1, 5, 5), 1);
  const std::vector<TrainableLayer> layers = trainable_layers(net.params());
  ASSERT_EQ(layers.size(), 2u);
  EXPECT_EQ(layers[0].name, "conv 1");
  EXPECT_EQ(layers[1].name, "dense 1");
  ASSERT_EQ(layers[0].params.size(), 2u);  // kernels and bias
  EXPECT_EQ(net.params().info(layers[0].weights).role, ParamRole::Weight);
  Span<float> g = net.params().grads();
  for (size_t i = 0; i < g.size; ++i) g[i] = 0.0f;
  const ParamInfo& bias = net.params().info(layers[0].params[1]);
  g[bias.offset] = 3.0f;
  g[bias.offset + 1] = 4.0f;
  EXPECT_FLOAT_EQ(gradient_norm(net.params(), layers[0]), 5.0f);
  EXPECT_FLOAT_EQ(gradient_norm(net.params(), layers[1]), 0.0f);
}

TEST(LayerStatistics, DeadUnitsAreThoseNoRowSwitchesOn) {
  // 3 rows of 4 units: unit 0 is on once, unit 1 never (0 or negative), unit 2 always, unit 3 never.
  const float v[] = {0.5f, 0.0f, 1.0f, -1.0f,  //
                     0.0f, -2.0f, 2.0f, 0.0f,  //
                     0.0f, 0.0f, 3.0f, 0.0f};
  EXPECT_FLOAT_EQ(dead_unit_share(v, 3, 4), 0.5f);
  EXPECT_FLOAT_EQ(dead_unit_share(v, 1, 4), 0.5f);  // the first row alone: units 1 and 3
  EXPECT_FLOAT_EQ(dead_unit_share(v, 0, 4), 0.0f);
}

TEST(LayerStatistics, HistogramGridStartsAtAPowerOfTwoAndDoublesToCoverNewValues) {
  HistogramGrid grid;
  grid.bins = 8;
  const float first[] = {-0.3f, 0.1f, 0.7f};
  EXPECT_EQ(grid.cover(first, 3), 0);
  EXPECT_FLOAT_EQ(grid.range, 1.0f);
  EXPECT_EQ(grid.bin_of(-1.0f), 0);
  EXPECT_EQ(grid.bin_of(0.99f), 7);
  EXPECT_EQ(grid.bin_of(5.0f), 7);  // clamped
  EXPECT_EQ(grid.bin_of(0.0f), 4);
  const float wider[] = {-3.0f, NAN};
  EXPECT_EQ(grid.cover(wider, 2), 2);  // 1 -> 2 -> 4; NaN ignored
  EXPECT_FLOAT_EQ(grid.range, 4.0f);
  EXPECT_FLOAT_EQ(grid.bin_low(0), -4.0f);
}

TEST(LayerStatistics, AWidenedHistogramKeepsEveryCountInTheSameValues) {
  // 8 bins over [-1, 1): width 0.25. After doubling to [-2, 2): width 0.5, old bins 2k, 2k+1 -> new bin 2 + k.
  float counts[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  histogram_widened(counts, 8);
  const float expected[8] = {0, 0, 3, 7, 11, 15, 0, 0};
  for (int i = 0; i < 8; ++i) EXPECT_FLOAT_EQ(counts[i], expected[i]) << "bin " << i;
}

TEST(LayerStatistics, ReceptiveWindowGrowsThroughEveryConvAndPoolLayer) {
  // The lab's CNN preset on 28x28: conv 3x3 same, relu, pool 2, conv 3x3 same, relu, pool 2.
  Network net = build_network(
      image_model("conv 8 3x3 same relu, maxpool 2, conv 16 3x3 same relu, maxpool 2, flatten, dense 10", 1, 28, 28), 1);
  InputWindow w{};
  ASSERT_TRUE(receptive_window(net, 0, 5, 7, &w));  // the first conv: its own 3x3 window, padded by 1
  EXPECT_EQ(w.y0, 4);
  EXPECT_EQ(w.x0, 6);
  EXPECT_EQ(w.height, 3);
  EXPECT_EQ(w.width, 3);
  ASSERT_TRUE(receptive_window(net, 1, 0, 0, &w));  // relu: the same window (padding above and left)
  EXPECT_EQ(w.y0, -1);
  EXPECT_EQ(w.height, 3);
  ASSERT_TRUE(receptive_window(net, 2, 2, 2, &w));  // pool: 2x2 conv cells -> 4x4 input pixels
  EXPECT_EQ(w.y0, 3);
  EXPECT_EQ(w.height, 4);
  ASSERT_TRUE(receptive_window(net, 3, 2, 2, &w));  // conv 2: 3x3 pool cells -> 6x6 conv cells -> 8x8
  EXPECT_EQ(w.y0, 1);
  EXPECT_EQ(w.x0, 1);
  EXPECT_EQ(w.height, 8);
  EXPECT_EQ(w.width, 8);
  ASSERT_TRUE(receptive_window(net, 5, 1, 1, &w));  // pool 2: 10x10
  EXPECT_EQ(w.y0, 1);
  EXPECT_EQ(w.height, 10);
  EXPECT_FALSE(receptive_window(net, 7, 0, 0, &w));  // dense: the whole input
  EXPECT_FALSE(receptive_window(net, 99, 0, 0, &w));
  // A strided convolution with padding 2: cell (1, 1) reads rows 1*2-2 .. +5.
  Network strided = build_network(image_model("conv 2 5x5 stride=2 pad=2", 1, 9, 9), 1);
  ASSERT_TRUE(receptive_window(strided, 0, 1, 1, &w));
  EXPECT_EQ(w.y0, 0);
  EXPECT_EQ(w.height, 5);
}

Dataset tiny_images(int n, uint64_t seed) {
  Dataset d;
  d.features = 16;
  d.channels = 1;
  d.height = 4;
  d.width = 4;
  d.classes = 2;
  Rng rng(seed);
  for (int i = 0; i < n; ++i) {
    for (int k = 0; k < 16; ++k) d.x.push_back(rng.uniform(-1.0f, 1.0f));
    d.y.push_back(i % 2);
  }
  return d;
}

TEST(LayerStatistics, InspectGradientsKeepsEveryLayersGradientAndLeavesTrainingsAlone) {
  const ModelSpec spec = image_model("conv 2 3x3 same relu, flatten, dense 2", 1, 4, 4);
  TrainingConfig config;
  config.batch_size = 4;
  TrainingSession s(build_network(spec, 2), tiny_images(16, 1), tiny_images(8, 2), config);
  s.step();
  const Span<const float> g = s.network().params().grads();
  const std::vector<float> before(g.begin(), g.end());
  Workspace ws(s.network(), 4);
  ws.set_keep_gradients(true);
  const float loss = s.inspect_gradients(ws, s.test_set(), 3, 1);
  EXPECT_TRUE(std::isfinite(loss));
  EXPECT_GT(loss, 0.0f);
  const std::vector<float> after(g.begin(), g.end());
  EXPECT_EQ(before, after);
  // ∂L/∂(conv output) for the example: 2 maps of 4x4, some nonzero, all finite.
  const float* d = ws.output_gradient(0);
  ASSERT_NE(d, nullptr);
  float total = 0.0f;
  for (int i = 0; i < 32; ++i) {
    ASSERT_TRUE(std::isfinite(d[i]));
    total += std::fabs(d[i]);
  }
  EXPECT_GT(total, 0.0f);
  // The gradient through the ReLU: zero wherever its output is zero.
  const float* relu = ws.output(1);
  const float* drelu_in = ws.output_gradient(0);
  for (int i = 0; i < 32; ++i)
    if (relu[i] == 0.0f) EXPECT_EQ(drelu_in[i], 0.0f) << i;
}

TEST(LayerStatistics, PromptedWordsStartWithThePromptAndUseTheVocabulary) {
  ModelSpec spec;
  spec.input = InputShape{12 * kCharVocabularySize, 0, 0, 0, 12};
  std::string error;
  ASSERT_TRUE(parse_layers("lstm 8 sequences, dense 27", &spec.layers, &error)) << error;
  Network net = build_network(spec, 5);
  Workspace ws(net, 1);
  Rng rng(3);
  for (int i = 0; i < 5; ++i) {
    const std::string word = sample_word(net, ws, 12, 1.0f, rng, "ca");
    ASSERT_EQ(word.substr(0, 2), "ca");
    EXPECT_LE(word.size(), 11u);
    for (char c : word) EXPECT_GT(index_of(c), 0) << word;
  }
  EXPECT_THROW(sample_word(net, ws, 12, 1.0f, rng, "c4t"), std::invalid_argument);
  EXPECT_THROW(sample_word(net, ws, 12, 1.0f, rng, "abcdefghijk"), std::invalid_argument);
}

}  // namespace
}  // namespace layerlab
