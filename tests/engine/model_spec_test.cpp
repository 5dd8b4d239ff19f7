// model_spec_test.cpp: the layer-list text, validation messages, limits and the summary table.
#include "model_spec.h"

#include <gtest/gtest.h>

namespace layerlab {
namespace {

ModelSpec vector_model(int features, const std::string& layers) {
  ModelSpec spec;
  spec.input.features = features;
  std::string error;
  EXPECT_TRUE(parse_layers(layers, &spec.layers, &error)) << error;
  return spec;
}

TEST(ModelSpec, ParsesAndPrintsRoundTrip) {
  std::vector<LayerSpec> layers;
  std::string error;
  ASSERT_TRUE(parse_layers("dense 128 relu, dropout 0.25, dense 64 tanh init=small, dense 10, softmax", &layers, &error)) << error;
  ASSERT_EQ(layers.size(), 7u);
  EXPECT_EQ(layers[0].init, WeightInit::He);  // before ReLU
  EXPECT_EQ(layers[1].activation, Activation::ReLU);
  EXPECT_FLOAT_EQ(layers[2].rate, 0.25f);
  EXPECT_EQ(layers[3].init, WeightInit::SmallUniform);
  EXPECT_EQ(layers[5].init, WeightInit::Xavier);
  std::vector<LayerSpec> again;
  ASSERT_TRUE(parse_layers(format_layers(layers), &again, &error)) << error;
  EXPECT_EQ(format_layers(again), format_layers(layers));
}

TEST(ModelSpec, ParseErrorsNameTheLayer) {
  std::vector<LayerSpec> layers;
  std::string error;
  EXPECT_FALSE(parse_layers("dense 128 relu, dense -3", &layers, &error));
  EXPECT_NE(error.find("layer 2"), std::string::npos) << error;
  EXPECT_FALSE(parse_layers("dense 10, dropout 1.5", &layers, &error));
  EXPECT_NE(error.find("[0, 1)"), std::string::npos) << error;
  EXPECT_FALSE(parse_layers("conv 3", &layers, &error));
  EXPECT_FALSE(parse_layers("dense 99999999", &layers, &error));
  EXPECT_FALSE(parse_layers("", &layers, &error));
}

TEST(ModelSpec, ValidationExplainsWhatToChange) {
  ModelSpec image;
  image.input = InputShape{784, 1, 28, 28};
  std::string error;
  ASSERT_TRUE(parse_layers("dense 10", &image.layers, &error));
  EXPECT_NE(validate_spec(image).find("flatten"), std::string::npos);
  ASSERT_TRUE(parse_layers("flatten, dense 10", &image.layers, &error));
  EXPECT_EQ(validate_spec(image), "");
  const ModelSpec huge = vector_model(60000, "dense 60000, dense 60000");
  EXPECT_NE(validate_spec(huge).find("parameters"), std::string::npos);
  EXPECT_THROW(build_network(huge, 1), std::invalid_argument);
}

TEST(ModelSpec, SummaryCountsParametersAndConnections) {
  ModelSpec spec;
  spec.input = InputShape{784, 1, 28, 28};
  std::string error;
  ASSERT_TRUE(parse_layers("flatten, dense 128 relu, dense 64 relu, dense 10", &spec.layers, &error));
  const std::vector<LayerSummary> rows = summarize(spec);
  ASSERT_EQ(rows.size(), 6u);
  EXPECT_EQ(rows[0].output_shape, "(784)");
  EXPECT_EQ(rows[1].parameters, 785 * 128);
  EXPECT_EQ(rows[3].parameters, 129 * 64);
  EXPECT_EQ(rows[5].parameters, 65 * 10);
  EXPECT_EQ(rows[5].output_shape, "(10)");
  const Network net = build_network(spec, 3);
  EXPECT_EQ(net.params().total_size(), size_t{785 * 128 + 129 * 64 + 65 * 10});
  EXPECT_NE(summary_table(spec).find("109386"), std::string::npos) << summary_table(spec);
}

// The worked example learners know: a dense layer of 200 neurons on 1,960 inputs has 392,200 weights.
TEST(ModelSpec, WorkedExampleDenseLayer) {
  const ModelSpec spec = vector_model(1960, "dense 200");
  EXPECT_EQ(summarize(spec)[0].parameters, 392200);
}

// The CNN worked example: 32x32x1, 10 filters 5x5 stride 1 → 10x28x28, 26 weights per filter, 203,840
// connections; 2x2 max pooling stride 2 → 10x14x14; dense 200 on the flattened 1,960 → 392,200 weights.
TEST(ModelSpec, WorkedExampleConvolutionalNetwork) {
  ModelSpec spec;
  spec.input = InputShape{32 * 32, 1, 32, 32};
  std::string error;
  ASSERT_TRUE(parse_layers("conv 10 5x5 stride=1, maxpool 2 stride=2, flatten, dense 200", &spec.layers, &error)) << error;
  ASSERT_EQ(validate_spec(spec), "");
  const std::vector<LayerSummary> rows = summarize(spec);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].output_shape, "(10, 28, 28)");
  EXPECT_EQ(rows[0].parameters, 26 * 10);
  EXPECT_EQ(rows[0].connections, 203840);
  EXPECT_EQ(rows[1].output_shape, "(10, 14, 14)");
  EXPECT_EQ(rows[1].parameters, 0);
  EXPECT_EQ(rows[2].output_shape, "(1960)");
  EXPECT_EQ(rows[3].parameters, 392200);
  const std::string table = summary_table(spec);
  EXPECT_NE(table.find("203840"), std::string::npos) << table;
  EXPECT_NE(table.find("392200"), std::string::npos) << table;
  EXPECT_EQ(build_network(spec, 1).params().total_size(), size_t{260 + 392200});
}

TEST(ModelSpec, ConvAndPoolTextRoundTrips) {
  std::vector<LayerSpec> layers;
  std::string error;
  ASSERT_TRUE(parse_layers("conv 8 3x3 same relu, maxpool 2, conv 16 3 stride=2 pad=1 edge tanh, meanpool 3 stride=1, sumpool 2",
                           &layers, &error)) << error;
  ASSERT_EQ(layers.size(), 7u);
  EXPECT_TRUE(layers[0].same);
  EXPECT_EQ(layers[0].init, WeightInit::He);
  EXPECT_EQ(layers[3].kernel_w, 3);
  EXPECT_EQ(layers[3].stride, 2);
  EXPECT_EQ(layers[3].padding, 1);
  EXPECT_EQ(layers[3].padding_mode, PaddingMode::Edge);
  EXPECT_EQ(layers[3].init, WeightInit::Xavier);
  EXPECT_EQ(layers[5].pool, PoolKind::Mean);
  EXPECT_EQ(layers[5].stride, 1);
  EXPECT_EQ(layers[6].pool, PoolKind::Sum);
  EXPECT_EQ(layers[6].stride, 2);
  std::vector<LayerSpec> again;
  ASSERT_TRUE(parse_layers(format_layers(layers), &again, &error)) << error;
  EXPECT_EQ(format_layers(again), format_layers(layers));
}

// Bad convolutional models fail when the model is built, naming the layer, never during training.
TEST(ModelSpec, ConvolutionErrorsAtBuildTime) {
  ModelSpec spec;
  spec.input = InputShape{3 * 8 * 8, 3, 8, 8};
  std::string error;
  ASSERT_TRUE(parse_layers("conv 4 11x11, flatten, dense 2", &spec.layers, &error));
  EXPECT_NE(validate_spec(spec).find("layer 1: the 11x11 kernel is larger than the padded input (8x8)"), std::string::npos)
      << validate_spec(spec);
  EXPECT_THROW(build_network(spec, 1), std::invalid_argument);
  EXPECT_FALSE(parse_layers("conv 4 3x3 stride=0", &spec.layers, &error));
  EXPECT_NE(error.find("stride"), std::string::npos);
  ASSERT_TRUE(parse_layers("flatten, conv 4 3x3", &spec.layers, &error));
  EXPECT_NE(validate_spec(spec).find("layer 2: conv needs an image"), std::string::npos) << validate_spec(spec);
  ASSERT_TRUE(parse_layers("conv 4 3x3 same, maxpool 2, maxpool 2, maxpool 2, maxpool 2", &spec.layers, &error));
  EXPECT_NE(validate_spec(spec).find("layer 5"), std::string::npos) << validate_spec(spec);
  // Mismatched channels: a network built for 3-channel images refuses 1-channel data at build time.
  Network net = build_network([] {
    ModelSpec s;
    s.input = InputShape{3 * 8 * 8, 3, 8, 8};
    std::string e;
    parse_layers("conv 4 3x3 same relu, flatten, dense 2", &s.layers, &e);
    return s;
  }(), 1);
  EXPECT_EQ(net.input_features(), 192);
  spec.input = InputShape{64, 1, 8, 8};
  ASSERT_TRUE(parse_layers("conv 2000 64x64 pad=63", &spec.layers, &error));
  EXPECT_NE(validate_spec(spec).find("values per example"), std::string::npos) << validate_spec(spec);
}

// Sizes past the limits are refused by validation, before build_network allocates anything.
TEST(ModelSpec, SequencesLongerThanTheLimitAreRefused) {
  ModelSpec spec;
  spec.input = InputShape{kMaxSequenceSteps + 1, 0, 0, 0, kMaxSequenceSteps + 1};
  std::string error;
  ASSERT_TRUE(parse_layers("lstm 8, dense 2", &spec.layers, &error));
  EXPECT_EQ(validate_spec(spec), "the input sequence has 4097 steps; the limit is 4096 steps: use shorter windows");
  spec.input = InputShape{kMaxSequenceSteps, 0, 0, 0, kMaxSequenceSteps};
  EXPECT_EQ(validate_spec(spec), "");
}

// Each layer within its limits, the whole over the memory budget: refused with its estimated size.
TEST(ModelSpec, ModelsOverTheMemoryBudgetAreRefusedWithTheirSize) {
  ModelSpec spec;
  spec.input = InputShape{1024 * 1024, 1, 1024, 1024};
  std::string error;
  ASSERT_TRUE(parse_layers("conv 4 3x3 same, conv 4 3x3 same, conv 4 3x3 same, conv 4 3x3 same, maxpool 4, flatten, dense 2",
                           &spec.layers, &error));
  const std::string problem = validate_spec(spec);
  EXPECT_EQ(problem.rfind("this model would need about 1.", 0), 0u) << problem;
  EXPECT_NE(problem.find("GiB of memory"), std::string::npos) << problem;
  EXPECT_NE(problem.find("; the limit is 1.00 GiB: use fewer or smaller layers"), std::string::npos) << problem;
  EXPECT_THROW(build_network(spec, 1), std::invalid_argument);
  spec.layers.erase(spec.layers.begin(), spec.layers.begin() + 2);  // two convolutions fewer fit
  EXPECT_EQ(validate_spec(spec), "");
}

}  // namespace
}  // namespace layerlab
