// session_snapshot_test.cpp: an autosaved session round-trips (a restored session continues with the
// same losses), and damaged or truncated snapshots are refused with a sentence, never a crash.
#include "session_snapshot.h"

#include <gtest/gtest.h>

#include "lab_recipe.h"
#include "model_file.h"

namespace layerlab {
namespace {

std::shared_ptr<const Dataset> small_images(int n) {
  Dataset d;
  d.channels = 1;
  d.height = d.width = 6;
  d.features = 36;
  d.classes = 3;
  for (int i = 0; i < n; ++i) {
    for (int p = 0; p < 36; ++p) d.x.push_back(static_cast<float>((i * 7 + p * 3) % 11) / 11.0f);
    d.y.push_back(i % 3);
  }
  return std::make_shared<const Dataset>(std::move(d));
}

TEST(SessionSnapshot, RestoredSessionContinuesWithTheSameLosses) {
  LabRecipe recipe = lab_preset_recipe(LabPreset::Cnn, "x");
  recipe.layers = lab_preset_layers(LabPreset::Mlp);
  const auto train = small_images(40), test = small_images(9);
  TrainingSession a = make_lab_session(recipe, train, test);
  for (int i = 0; i < 8; ++i) a.step();  // 4 epochs of 2 steps: a restore resumes at an epoch's start
  TrainingMetadata meta;
  meta.epoch = a.epoch();
  meta.step = a.steps();
  const ModelSpec spec = lab_model_spec(recipe, *train);
  SessionSnapshot snap{encode_lab_recipe(recipe), a.history(), model_to_bytes(spec, a.network(), &a.optimizer(), meta)};
  const std::vector<uint8_t> bytes = snapshot_to_bytes(snap);

  SessionSnapshot back;
  std::string error;
  ASSERT_TRUE(snapshot_from_bytes(bytes.data(), bytes.size(), &back, &error)) << error;
  EXPECT_EQ(back.recipe, snap.recipe);
  ASSERT_EQ(back.history.size(), a.history().size());
  EXPECT_EQ(back.history.back().test.loss, a.history().back().test.loss);
  LoadedModel model;
  ASSERT_TRUE(model_from_bytes(back.model.data(), back.model.size(), &model, &error)) << error;
  TrainingConfig config = a.config();
  TrainingSession b(std::move(model.network), train, test, config, std::move(model.optimizer));
  b.restore_progress(model.meta.epoch, static_cast<long>(model.meta.step), back.history);
  EXPECT_EQ(b.epoch(), a.epoch());
  EXPECT_EQ(b.steps(), a.steps());
  EXPECT_EQ(b.current_learning_rate(), a.current_learning_rate());
  // The same weights: the same loss over the training set (the shuffle order of later epochs is new).
  EXPECT_FLOAT_EQ(b.evaluate(*train).loss, a.evaluate(*train).loss);
}

TEST(SessionSnapshot, DamagedSnapshotsAreRefused) {
  SessionSnapshot snap{"data=digits", {{0, 0, {1.0f, 0.1f}, {1.1f, 0.1f}}}, std::vector<uint8_t>(100, 7)};
  const std::vector<uint8_t> bytes = snapshot_to_bytes(snap);
  std::string error;
  SessionSnapshot out;
  for (size_t cut : {size_t{0}, size_t{3}, size_t{15}, bytes.size() / 2, bytes.size() - 1}) {
    EXPECT_FALSE(snapshot_from_bytes(bytes.data(), cut, &out, &error)) << cut;
    EXPECT_NE(error.find("the saved session"), std::string::npos) << error;
  }
  for (size_t i = 0; i < bytes.size(); i += 7) {  // any flipped byte breaks the checksum
    std::vector<uint8_t> bad = bytes;
    bad[i] ^= 0x40;
    EXPECT_FALSE(snapshot_from_bytes(bad.data(), bad.size(), &out, &error)) << "byte " << i;
  }
  const std::vector<uint8_t> junk(64, 0xAB);
  EXPECT_FALSE(snapshot_from_bytes(junk.data(), junk.size(), &out, &error));
  EXPECT_NE(error.find("damaged"), std::string::npos) << error;
}

}  // namespace
}  // namespace layerlab
