// model_file_test.cpp: save then load reproduces predictions bit for bit (with optimizer state); every
// truncation, random bytes and hostile sizes are refused with a message and no crash.
#include "model_file.h"

#include <gtest/gtest.h>

#include <cstring>

#include "byte_io.h"
#include "dataset_file.h"
#include "rng.h"

namespace layerlab {
namespace {

struct Saved {
  ModelSpec spec;
  Network net{1};
  std::unique_ptr<Optimizer> optimizer;
  TrainingMetadata meta;
  std::vector<uint8_t> bytes;
};

Saved make_saved() {
  Saved s;
  s.spec.input.features = 6;
  std::string error;
  EXPECT_TRUE(parse_layers("dense 5 relu, dropout 0.1, dense 3", &s.spec.layers, &error)) << error;
  s.net = build_network(s.spec, 11);
  OptimizerConfig config;
  config.kind = OptimizerKind::Adam;
  s.optimizer = make_optimizer(config, s.net.params());
  Rng rng(4);
  for (float& g : s.net.params().grads()) g = rng.uniform(-1, 1);
  s.optimizer->step(s.net.params(), 0.01f);
  s.optimizer->step(s.net.params(), 0.01f);
  s.meta.seed = 11;
  s.meta.epoch = 3;
  s.meta.step = 42;
  s.meta.dataset = "iris";
  s.meta.learning_rate = 0.01f;
  s.meta.batch_size = 16;
  s.meta.class_names = {"setosa", "versicolor", "virginica"};
  s.bytes = model_to_bytes(s.spec, s.net, s.optimizer.get(), s.meta);
  return s;
}

std::vector<float> predict(const Network& net, const std::vector<float>& x, int n) {
  Workspace ws(net, n);
  const float* y = net.forward(ws, x.data(), n);
  return std::vector<float>(y, y + static_cast<size_t>(n) * net.output_features());
}

// A convolutional network (and a binary cross-entropy head) comes back with its shape and its outputs.
TEST(ModelFile, ConvolutionalNetworkRoundTrips) {
  ModelSpec spec;
  spec.input = InputShape{2 * 9 * 8, 2, 9, 8};
  std::string error;
  ASSERT_TRUE(parse_layers("conv 4 3x3 same edge relu, maxpool 2, conv 3 2x3 stride=2 pad=1, sumpool 2 stride=1, flatten, dense 1",
                           &spec.layers, &error)) << error;
  const Network net = build_network(spec, 5);
  TrainingMetadata meta;
  meta.loss = LossKind::BinaryCrossEntropy;
  const std::vector<uint8_t> bytes = model_to_bytes(spec, net, nullptr, meta);
  LoadedModel m;
  ASSERT_TRUE(model_from_bytes(bytes.data(), bytes.size(), &m, &error)) << error;
  EXPECT_EQ(format_layers(m.spec.layers), format_layers(spec.layers));
  EXPECT_EQ(m.spec.input.channels, 2);
  EXPECT_EQ(m.spec.input.height, 9);
  EXPECT_EQ(m.meta.loss, LossKind::BinaryCrossEntropy);
  std::vector<float> x(144 * 3);
  Rng rng(2);
  for (float& v : x) v = rng.uniform(0, 1);
  const std::vector<float> a = predict(net, x, 3), b = predict(m.network, x, 3);
  EXPECT_EQ(0, std::memcmp(a.data(), b.data(), a.size() * sizeof(float)));
}

// A network without parameters (pooling and activations only) has empty weight spans with null data; it
// saves and loads with its optimizer state (found by the model_file fuzz target under UBSan).
TEST(ModelFile, ParameterFreeNetworkRoundTrips) {
  ModelSpec spec;
  spec.input = InputShape{1 * 4 * 4, 1, 4, 4};
  std::string error;
  ASSERT_TRUE(parse_layers("maxpool 2, flatten, relu", &spec.layers, &error)) << error;
  const Network net = build_network(spec, 3);
  ASSERT_EQ(net.params().values().size, 0u);
  OptimizerConfig config;
  config.kind = OptimizerKind::Adam;
  const std::unique_ptr<Optimizer> optimizer = make_optimizer(config, net.params());
  const std::vector<uint8_t> bytes = model_to_bytes(spec, net, optimizer.get(), TrainingMetadata{});
  LoadedModel m;
  ASSERT_TRUE(model_from_bytes(bytes.data(), bytes.size(), &m, &error)) << error;
  EXPECT_EQ(format_layers(m.spec.layers), format_layers(spec.layers));
  ASSERT_TRUE(m.optimizer);
  EXPECT_EQ(m.optimizer->kind(), OptimizerKind::Adam);
  const std::vector<float> x = {1, 2, 3, 4, 5, 6, 7, 8, -9, -1, -2, -3, 0, 0, 0, 0};
  EXPECT_EQ(predict(m.network, x, 1), (std::vector<float>{6, 8, 0, 0}));
}

TEST(ModelFile, RoundTripReproducesPredictionsBitForBit) {
  Saved s = make_saved();
  LoadedModel m;
  std::string error;
  ASSERT_TRUE(model_from_bytes(s.bytes.data(), s.bytes.size(), &m, &error)) << error;
  std::vector<float> x(6 * 7);
  Rng rng(8);
  for (float& v : x) v = rng.uniform(-2, 2);
  const std::vector<float> a = predict(s.net, x, 7), b = predict(m.network, x, 7);
  ASSERT_EQ(a.size(), b.size());
  EXPECT_EQ(0, std::memcmp(a.data(), b.data(), a.size() * sizeof(float)));
  EXPECT_EQ(format_layers(m.spec.layers), format_layers(s.spec.layers));
  EXPECT_EQ(m.meta.class_names, s.meta.class_names);
  EXPECT_EQ(m.meta.epoch, 3);
  EXPECT_EQ(m.meta.dataset, "iris");
  ASSERT_TRUE(m.optimizer);
  EXPECT_EQ(m.optimizer->kind(), OptimizerKind::Adam);
  EXPECT_EQ(m.optimizer->steps(), 2);
  for (int slot = 0; slot < 2; ++slot)
    for (int id = 0; id < m.network.params().count(); ++id) {
      const Span<const float> want = static_cast<const Optimizer&>(*s.optimizer).state(id, slot);
      const Span<const float> got = static_cast<const Optimizer&>(*m.optimizer).state(id, slot);
      ASSERT_EQ(want.size, got.size);
      EXPECT_EQ(0, std::memcmp(want.data, got.data, want.size * sizeof(float)));
    }
  // Saving the loaded model gives the same bytes.
  EXPECT_EQ(model_to_bytes(m.spec, m.network, m.optimizer.get(), m.meta), s.bytes);
}

TEST(ModelFile, EveryTruncationIsRefused) {
  const Saved s = make_saved();
  for (size_t n = 0; n < s.bytes.size(); ++n) {
    LoadedModel m;
    std::string error;
    ASSERT_FALSE(model_from_bytes(s.bytes.data(), n, &m, &error)) << "length " << n;
    ASSERT_FALSE(error.empty());
  }
}

TEST(ModelFile, CorruptionIsDetected) {
  const Saved s = make_saved();
  for (size_t i = 16; i < s.bytes.size(); i += 7) {
    std::vector<uint8_t> b = s.bytes;
    b[i] ^= 0x5A;
    LoadedModel m;
    std::string error;
    EXPECT_FALSE(model_from_bytes(b.data(), b.size(), &m, &error)) << "flipped byte " << i;
  }
  Rng rng(3);
  for (int trial = 0; trial < 200; ++trial) {
    std::vector<uint8_t> junk(rng.below(400));
    for (uint8_t& c : junk) c = static_cast<uint8_t>(rng.below(256));
    if (junk.size() >= 4) std::memcpy(junk.data(), "LLMD", 4);
    LoadedModel m;
    std::string error;
    EXPECT_FALSE(model_from_bytes(junk.data(), junk.size(), &m, &error));
  }
}

// A well-formed, correctly checksummed file whose fields lie: the loader must refuse before allocating.
std::vector<uint8_t> forged(const std::string& layers, int features, uint64_t weights) {
  ByteWriter p;
  p.str(layers);
  for (int v : {features, 0, 0, 0, 0}) p.i32(v);  // features, channels, height, width, steps
  p.u64(1);
  p.i32(0);
  p.i64(0);
  p.f32(0.1f);
  p.i32(1);
  p.u32(0);
  p.str("x");
  p.u32(0);
  p.u64(weights);
  ByteWriter f;
  f.bytes("LLMD", 4);
  f.u32(kModelFormatVersion);
  f.u64(p.data().size());
  f.bytes(p.data().data(), p.data().size());
  f.u32(crc32_ieee(p.data().data(), p.data().size()));
  return f.data();
}

// Every layer within its limits, the whole over the memory budget (1 GiB): refused before build_network,
// with the estimated size, whatever weights the file claims to hold.
TEST(ModelFile, ModelsOverTheMemoryBudgetAreRefusedWithTheirSize) {
  std::string layers;
  for (int i = 0; i < 40; ++i) layers += "dropout 0.1, ";
  layers += "dense 60";  // 63 million weights on a million inputs, 40 million-wide dropout masks
  const std::vector<uint8_t> b = forged(layers, 1 << 20, 1);
  LoadedModel m;
  std::string error;
  EXPECT_FALSE(model_from_bytes(b.data(), b.size(), &m, &error, "big.llm"));
  EXPECT_EQ(error.rfind("big.llm describes an impossible network: this model would need about 1.", 0), 0u) << error;
  EXPECT_NE(error.find("GiB of memory"), std::string::npos) << error;
  EXPECT_NE(error.find("; the limit is 1.00 GiB: use fewer or smaller layers"), std::string::npos) << error;
}

TEST(ModelFile, HostileSizesAreRefusedWithClearMessages) {
  struct Case { std::string layers; int features; uint64_t weights; const char* expect; };
  const Case cases[] = {
      {"dense 60000, dense 60000", 60000, 1, "impossible"},
      {"dense 10", -5, 1, "impossible"},
      {"dense 10", 4, 1ull << 40, "weights but its architecture needs 50"},
      {"dense 10", 4, 50, "truncated inside its weights"},
      {"dense 0", 4, 0, "invalid architecture"},
  };
  for (const Case& c : cases) {
    const std::vector<uint8_t> b = forged(c.layers, c.features, c.weights);
    LoadedModel m;
    std::string error;
    EXPECT_FALSE(model_from_bytes(b.data(), b.size(), &m, &error, "evil.llm")) << c.layers;
    EXPECT_NE(error.find(c.expect), std::string::npos) << error;
    EXPECT_EQ(error.rfind("evil.llm", 0), 0u) << error;
  }
}

TEST(ModelFile, NewerVersionIsNamed) {
  Saved s = make_saved();
  s.bytes[4] = 9;
  LoadedModel m;
  std::string error;
  EXPECT_FALSE(model_from_bytes(s.bytes.data(), s.bytes.size(), &m, &error));
  EXPECT_NE(error.find("newer LayerLab"), std::string::npos) << error;
}

}  // namespace
}  // namespace layerlab
