// memory_budget_test.cpp: the spec estimate agrees with the built network's, the budget and batch limits refuse with the numbers.
#include "memory_budget.h"

#include <gtest/gtest.h>

namespace layerlab {
namespace {

ModelSpec make_spec(const InputShape& input, const std::string& layers) {
  ModelSpec spec;
  spec.input = input;
  std::string error;
  EXPECT_TRUE(parse_layers(layers, &spec.layers, &error)) << error;
  return spec;
}

// The spec-level formulas mirror every layer's parameters and cache_floats: they must agree with what the
// built network reports, for every kind of layer and for one and for many examples.
TEST(MemoryBudget, SpecEstimateMatchesTheBuiltNetwork) {
  const ModelSpec specs[] = {
      make_spec(InputShape{20}, "dense 16 relu, dropout 0.3, dense 8 tanh, dense 3"),
      make_spec(InputShape{2 * 12 * 10, 2, 12, 10}, "conv 4 3x3 same relu, maxpool 2, conv 3 2x3 stride=2 pad=1, flatten, dense 5"),
      make_spec(InputShape{7 * 3, 0, 0, 0, 7}, "lstm 6 sequences truncate=3, dense 4, rnn 5, dense 2"),
      make_spec(InputShape{1 * 9 * 6, 1, 9, 6}, "rnn 7 sequences, lstm 3, dense 2 sigmoid"),
  };
  for (const ModelSpec& spec : specs) {
    std::string error;
    const std::vector<InputShape> shapes = infer_shapes(spec, &error);
    ASSERT_EQ(error, "") << format_layers(spec.layers);
    const Network net = build_network(spec, 1);
    for (int batch : {1, 37}) {
      const MemoryEstimate from_spec = estimate_spec_memory(spec, shapes, batch, 2);
      const MemoryEstimate from_net = estimate_network_memory(net, {batch}, 2);
      EXPECT_DOUBLE_EQ(from_spec.parameter_bytes, from_net.parameter_bytes) << format_layers(spec.layers);
      EXPECT_DOUBLE_EQ(from_spec.optimizer_bytes, from_net.optimizer_bytes) << format_layers(spec.layers);
      EXPECT_DOUBLE_EQ(from_spec.activation_bytes, from_net.activation_bytes) << format_layers(spec.layers) << " batch " << batch;
    }
  }
}

TEST(MemoryBudget, ParametersCountWeightsGradientsAndOptimizerState) {
  const ModelSpec spec = make_spec(InputShape{10}, "dense 5, dense 3");  // 55 + 18 parameters
  const Network net = build_network(spec, 1);
  const MemoryEstimate adam = estimate_network_memory(net, {}, 2);
  EXPECT_DOUBLE_EQ(adam.parameter_bytes, 73 * 2 * 4);
  EXPECT_DOUBLE_EQ(adam.optimizer_bytes, 73 * 2 * 4);
  EXPECT_DOUBLE_EQ(adam.activation_bytes, 0);
  EXPECT_DOUBLE_EQ(estimate_network_memory(net, {}, 0).optimizer_bytes, 0);
  // Two workspaces cost what each costs alone.
  EXPECT_DOUBLE_EQ(estimate_network_memory(net, {4, 9}, 0).activation_bytes,
                   estimate_network_memory(net, {4}, 0).activation_bytes + estimate_network_memory(net, {9}, 0).activation_bytes);
}

TEST(MemoryBudget, OverTheBudgetSaysTheEstimateAndTheLimit) {
  MemoryEstimate e;
  e.parameter_bytes = 512.0 * 1024 * 1024;
  e.optimizer_bytes = 512.0 * 1024 * 1024;
  EXPECT_EQ(check_memory_budget(e, "this model"), "");  // exactly 1 GiB fits
  e.activation_bytes = 512.0 * 1024 * 1024;
  EXPECT_EQ(check_memory_budget(e, "this model"),
            "this model would need about 1.50 GiB of memory (512 MiB of weights and gradients, 512 MiB of optimizer state, "
            "512 MiB of activations); the limit is 1.00 GiB");
  EXPECT_NE(check_memory_budget(e, "it", 1000).find("the limit is 1000 bytes"), std::string::npos);
}

TEST(MemoryBudget, BatchSizeLimitIsNamed) {
  EXPECT_EQ(check_batch_size(1), "");
  EXPECT_EQ(check_batch_size(kMaxBatchSize), "");
  EXPECT_EQ(check_batch_size(kMaxBatchSize + 1), "the batch size 65537 is outside 1 to 65536 (the batch size limit)");
  EXPECT_NE(check_batch_size(0), "");
  EXPECT_NE(check_batch_size(-5), "");
}

TEST(MemoryBudget, FormatsBytes) {
  EXPECT_EQ(format_bytes(512), "512 bytes");
  EXPECT_EQ(format_bytes(1536), "1.50 KiB");
  EXPECT_EQ(format_bytes(40.5 * 1024 * 1024), "40.5 MiB");
  EXPECT_EQ(format_bytes(300.0 * 1024 * 1024), "300 MiB");
  EXPECT_EQ(format_bytes(3.0 * 1024 * 1024 * 1024), "3.00 GiB");
  EXPECT_EQ(format_bytes(1e30), "867361737988 EiB");
}

}  // namespace
}  // namespace layerlab
