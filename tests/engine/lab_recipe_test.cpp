// lab_recipe_test.cpp: the lab's presets build the standard models on real data shapes, the output layer
// follows the data, a bad stack is refused with its reason, and the URL-hash text round-trips and
// rejects what it cannot read.
#include "lab_recipe.h"

#include <gtest/gtest.h>

#include <cmath>

namespace layerlab {
namespace {

Dataset image_set(int n, int classes) {
  Dataset d;
  d.channels = 1;
  d.height = d.width = 28;
  d.features = 784;
  d.classes = classes;
  d.x.assign(static_cast<size_t>(n) * 784, 0.5f);
  for (int i = 0; i < n; ++i) d.y.push_back(i % classes);
  return d;
}

int64_t total_parameters(const ModelSpec& spec) {
  int64_t total = 0;
  for (const LayerSummary& s : summarize(spec)) total += s.parameters;
  return total;
}

TEST(LabRecipe, PresetsAreTheStandardModels) {
  const Dataset fashion = image_set(4, 10);
  EXPECT_EQ(total_parameters(lab_model_spec(lab_preset_recipe(LabPreset::Mlp, "fashion-mnist"), fashion)), 109386);
  EXPECT_EQ(total_parameters(lab_model_spec(lab_preset_recipe(LabPreset::Cnn, "fashion-mnist"), fashion)), 9098);
  // LSTM 64 on 28 steps of 28, then dense 10: 4*64*(28+64+1) + 65*10
  EXPECT_EQ(total_parameters(lab_model_spec(lab_preset_recipe(LabPreset::Lstm, "fashion-mnist"), fashion)), 23808 + 650);
}

TEST(LabRecipe, TheCnnStackIsFlattenedBeforeTheOutputLayer) {
  const ModelSpec spec = lab_model_spec(lab_preset_recipe(LabPreset::Cnn, "x"), image_set(4, 3));
  ASSERT_GE(spec.layers.size(), 2u);
  EXPECT_EQ(spec.layers[spec.layers.size() - 2].kind, LayerSpec::Kind::Flatten);
  EXPECT_EQ(spec.layers.back().units, 3);
  EXPECT_EQ(validate_spec(spec), "");
}

TEST(LabRecipe, SessionTrainsOnTheLimitAndRefusesABadStack) {
  const auto train = std::make_shared<const Dataset>(image_set(40, 2));
  const auto test = std::make_shared<const Dataset>(image_set(8, 2));
  LabRecipe r = lab_preset_recipe(LabPreset::Cnn, "x");
  r.train_limit = 10;
  TrainingSession s = make_lab_session(r, train, test);
  EXPECT_EQ(s.train_set().size(), 10);
  EXPECT_TRUE(std::isfinite(s.step()));
  r.layers.front().kernel_h = r.layers.front().kernel_w = 40;
  r.layers.front().same = false;
  try {
    make_lab_session(r, train, test);
    FAIL() << "a 40x40 kernel on a 28x28 image was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("layer 1"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("larger than the padded input"), std::string::npos) << e.what();
  }
}

TEST(LabRecipe, HashTextRoundTrips) {
  LabRecipe r = lab_preset_recipe(LabPreset::Cnn, "fashion-mnist");
  r.training.learning_rate = 0.0125f;
  r.training.l2 = 0.0001f;
  r.seed = 42;
  r.train_limit = 12000;
  const std::string text = encode_lab_recipe(r);
  EXPECT_EQ(text.find(' '), std::string::npos) << text;  // fit for a URL as it is
  LabRecipe back;
  std::string error;
  ASSERT_TRUE(decode_lab_recipe(text, &back, &error)) << error;
  EXPECT_EQ(back.dataset, "fashion-mnist");
  EXPECT_EQ(format_layers(back.layers), format_layers(r.layers));
  EXPECT_EQ(back.training.optimizer.kind, OptimizerKind::Adam);
  EXPECT_EQ(back.training.schedule.kind, ScheduleKind::Cosine);
  EXPECT_FLOAT_EQ(back.training.learning_rate, 0.0125f);
  EXPECT_FLOAT_EQ(back.training.l2, 0.0001f);
  EXPECT_EQ(back.training.batch_size, 32);
  EXPECT_EQ(back.seed, 42u);
  EXPECT_EQ(back.train_limit, 12000);
  EXPECT_EQ(encode_lab_recipe(back), text);
}

// Found by fuzz/fuzz_lab_recipe: a recipe without hidden layers (the empty hash's) encoded "layers=",
// which its own decoder refused, so such an experiment could not be shared or reloaded.
TEST(LabRecipe, NoHiddenLayersRoundTrips) {
  LabRecipe r = lab_preset_recipe(LabPreset::Mlp, "digits");
  r.layers.clear();
  LabRecipe back = lab_preset_recipe(LabPreset::Cnn, "fashion-mnist");
  std::string error;
  ASSERT_TRUE(decode_lab_recipe(encode_lab_recipe(r), &back, &error)) << error;
  EXPECT_TRUE(back.layers.empty());
  EXPECT_EQ(back.dataset, "digits");
  EXPECT_EQ(encode_lab_recipe(back), encode_lab_recipe(r));
  ASSERT_TRUE(decode_lab_recipe("", &back, &error)) << error;
  EXPECT_TRUE(decode_lab_recipe(encode_lab_recipe(back), &back, &error)) << error;
}

// Found by fuzz/fuzz_lab_recipe: raw control bytes in a value were accepted, then encoded as %00 or %16,
// which the decoder refuses: the text a recipe decodes from must be text it can encode back.
TEST(LabRecipe, ControlCharactersRawOrEncodedAreRefused) {
  for (const std::string& bad : {std::string("data=wo\x16rds"), std::string("data=a\0b", 8), std::string("layers=dense%0910"),
                                std::string("data=a%7Fb"), std::string("data=a\tb")}) {
    LabRecipe r = lab_preset_recipe(LabPreset::Mlp, "digits");
    std::string error;
    EXPECT_FALSE(decode_lab_recipe(bad, &r, &error)) << bad;
    EXPECT_EQ(r.dataset, "digits") << bad;
  }
  LabRecipe r;
  std::string error;
  ASSERT_TRUE(decode_lab_recipe("data=caf%C3%A9+au+lait", &r, &error)) << error;  // UTF-8 and spaces are text
  EXPECT_EQ(r.dataset, "caf\xC3\xA9 au lait");
}

TEST(LabRecipe, HashTextThatCannotBeReadIsRefusedAndChangesNothing) {
  const LabRecipe before = lab_preset_recipe(LabPreset::Mlp, "digits");
  for (const char* bad : {"lr=abc", "lr=-1", "lr=1e30", "batch=0", "batch=99999", "opt=adamw", "layers=conv%20x",
                          "zzz=1", "data=", "lr", "layers=%ZZ", "layers=%2", "seed=nan", "data=a%00b"}) {
    LabRecipe r = before;
    std::string error;
    EXPECT_FALSE(decode_lab_recipe(bad, &r, &error)) << bad;
    EXPECT_FALSE(error.empty()) << bad;
    EXPECT_EQ(encode_lab_recipe(r), encode_lab_recipe(before)) << bad;
  }
  LabRecipe r = before;
  std::string error;
  EXPECT_FALSE(decode_lab_recipe(std::string(9000, 'a'), &r, &error));
  EXPECT_NE(error.find("8192"), std::string::npos) << error;
  EXPECT_TRUE(decode_lab_recipe("", &r, &error));  // nothing to change
  EXPECT_TRUE(decode_lab_recipe("lr=0.1&&seed=3", &r, &error)) << error;
  EXPECT_EQ(r.seed, 3u);
}

}  // namespace
}  // namespace layerlab
