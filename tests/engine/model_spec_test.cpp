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

}  // namespace
}  // namespace layerlab
