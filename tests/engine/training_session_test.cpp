// training_session_test.cpp: the playground recipe learns the spiral, deterministically, in bounded
// slices of work, and divergence stops training with a message that names the culprit.
#include "training_session.h"

#include <gtest/gtest.h>

#include <cmath>

#include "model_spec.h"
#include "playground_recipe.h"

namespace layerlab {
namespace {

TEST(TrainingSession, SpiralReaches95PercentTrainAccuracy) {
  TrainingSession s = make_playground_session(spiral_recipe());
  float best = 0;
  while (s.epoch() < 300 && best < 0.95f) {
    s.step();
    best = std::max(best, s.history().back().train.accuracy);
  }
  EXPECT_GE(best, 0.95f) << "after " << s.epoch() << " epochs";
  EXPECT_LT(s.history().back().test.loss, s.history().front().test.loss * 0.5f);
}

TEST(TrainingSession, SameSeedSameLosses) {
  TrainingSession a = make_playground_session(spiral_recipe());
  TrainingSession b = make_playground_session(spiral_recipe());
  for (int i = 0; i < 300; ++i) ASSERT_EQ(a.step(), b.step()) << "step " << i;
  PlaygroundRecipe other = spiral_recipe();
  other.seed = 2;
  TrainingSession c = make_playground_session(other);
  EXPECT_NE(a.step(), c.step());
}

TEST(TrainingSession, AdvanceIsBoundedAndDoesNotChangeTheSequence) {
  TrainingSession sliced = make_playground_session(PlaygroundRecipe{});
  TrainingSession whole = make_playground_session(PlaygroundRecipe{});
  EXPECT_EQ(sliced.advance(7, 10.0), 7);
  EXPECT_EQ(sliced.advance(1000, 0.0), 1);  // out of time after one step
  EXPECT_EQ(sliced.steps(), 8);
  for (int i = 0; i < 8; ++i) whole.step();
  EXPECT_EQ(sliced.last_batch_loss(), whole.last_batch_loss());
}

TEST(TrainingSession, EpochsCoverTheTrainingSetAndRecordMetrics) {
  PlaygroundRecipe r;
  r.points = 200;
  r.training.batch_size = 30;  // 100 training points: 4 steps an epoch, the last one of 10
  TrainingSession s = make_playground_session(r);
  ASSERT_EQ(s.history().size(), 1u);
  for (int i = 0; i < 4; ++i) s.step();
  EXPECT_EQ(s.epoch(), 1);
  ASSERT_EQ(s.history().size(), 2u);
  EXPECT_EQ(s.history().back().step, 4);
  EXPECT_GE(s.history().back().test.accuracy, 0.0f);
  EXPECT_LE(s.history().back().test.accuracy, 1.0f);
}

TEST(TrainingSession, SlicedEvaluationGivesTheSameRecordsAndSpansFrames) {
  PlaygroundRecipe r;
  r.points = 1000;  // 500 test points: many 16-row slices
  r.training.batch_size = 30;
  TrainingSession whole = make_playground_session(r);
  r.training.evaluate_in_slices = true;
  TrainingSession sliced = make_playground_session(r);
  ASSERT_TRUE(sliced.evaluating());
  EXPECT_TRUE(std::isnan(sliced.history().back().test.loss));
  EXPECT_EQ(sliced.advance(1, 0.0), 0);  // out of time: one slice of the evaluation, no step
  EXPECT_GT(sliced.evaluation_progress(), 0.0f);
  EXPECT_LT(sliced.evaluation_progress(), 1.0f);
  while (whole.epoch() < 2) whole.step();
  const std::vector<int> expected = whole.confusion_matrix(whole.test_set());  // at the end of epoch 2
  while (sliced.steps() < whole.steps()) sliced.advance(1000, 0.0);
  while (sliced.evaluating()) sliced.advance(0, 1.0);
  EXPECT_EQ(sliced.last_batch_loss(), whole.last_batch_loss());
  ASSERT_EQ(sliced.history().size(), whole.history().size());
  for (size_t i = 0; i < whole.history().size(); ++i) {
    EXPECT_NEAR(sliced.history()[i].test.loss, whole.history()[i].test.loss, 1e-5f) << "epoch " << i;
    EXPECT_EQ(sliced.history()[i].test.accuracy, whole.history()[i].test.accuracy) << "epoch " << i;
    EXPECT_NEAR(sliced.history()[i].train.loss, whole.history()[i].train.loss, 1e-5f) << "epoch " << i;
  }
  // The confusion matrix counted on the way matches the last epoch's accuracy and the full count.
  const std::vector<int>& counted = sliced.test_confusion();
  EXPECT_EQ(sliced.test_confusion_epoch(), sliced.epoch());
  EXPECT_EQ(counted, expected);
  int right = 0, total = 0;
  for (int t = 0; t < 2; ++t)
    for (int p = 0; p < 2; ++p) {
      total += counted[static_cast<size_t>(t * 2 + p)];
      if (t == p) right += counted[static_cast<size_t>(t * 2 + p)];
    }
  EXPECT_EQ(total, sliced.test_set().size());
  EXPECT_FLOAT_EQ(static_cast<float>(right) / static_cast<float>(total), sliced.history().back().test.accuracy);
}

TEST(TrainingSession, BatchSizeOneAndFullBatchBothTrain) {
  for (int batch : {1, 1000}) {
    PlaygroundRecipe r;
    r.shape = Shape2D::Gaussians;
    r.training.batch_size = batch;
    TrainingSession s = make_playground_session(r);
    EXPECT_EQ(s.config().batch_size, batch == 1 ? 1 : 250);  // full batch is clamped to the training set
    while (s.epoch() < 20) s.step();
    EXPECT_LT(s.history().back().train.loss, s.history().front().train.loss) << "batch " << batch;
  }
}

TEST(TrainingSession, DivergenceStopsTrainingWithAClearMessage) {
  PlaygroundRecipe r = spiral_recipe();
  r.training.learning_rate = 1e30f;
  TrainingSession s = make_playground_session(r);
  for (int i = 0; i < 50 && !s.diverged(); ++i) s.step();
  ASSERT_TRUE(s.diverged());
  const long stopped_at = s.steps();
  EXPECT_NE(s.error().find("Training diverged at step"), std::string::npos) << s.error();
  EXPECT_NE(s.error().find("lower it"), std::string::npos) << s.error();
  EXPECT_NE(s.error().find("dense"), std::string::npos) << "names the layer: " << s.error();
  EXPECT_EQ(s.advance(100, 1.0), 0);
  EXPECT_EQ(s.steps(), stopped_at);
}

TEST(TrainingSession, MseLossAlsoLearns) {
  PlaygroundRecipe r;
  r.shape = Shape2D::Circle;
  r.training.loss = LossKind::MeanSquaredError;
  r.mlp.hidden = {8, 8};
  r.training.learning_rate = 0.3f;
  TrainingSession s = make_playground_session(r);
  while (s.epoch() < 150) s.step();
  EXPECT_GT(s.history().back().test.accuracy, 0.9f);
}

TEST(TrainingSession, MismatchedDataIsRefused) {
  Dataset train;
  train.features = 3;
  train.classes = 2;
  train.x = {0, 0, 0};
  train.y = {1};
  EXPECT_THROW(TrainingSession(build_mlp(MlpSpec{}, 1), train, train, TrainingConfig{}), std::invalid_argument);
  Dataset empty;
  empty.features = 2;
  empty.classes = 2;
  EXPECT_THROW(TrainingSession(build_mlp(MlpSpec{}, 1), empty, empty, TrainingConfig{}), std::invalid_argument);
}

// The batch size and the memory the session's buffers would take are checked before they are allocated.
TEST(TrainingSession, AbsurdBatchesAndMemoryAreRefusedWithTheLimit) {
  Dataset train;
  train.features = 2;
  train.classes = 3;
  train.x = {0, 1, 1, 0};
  train.y = {0, 2};
  TrainingConfig config;
  config.batch_size = 100000;
  try {
    TrainingSession(build_mlp(MlpSpec{}, 1), train, train, config);
    FAIL() << "a batch of 100000 was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "the batch size 100000 is outside 1 to 65536 (the batch size limit)");
  }
  config.batch_size = 0;
  EXPECT_THROW(TrainingSession(build_mlp(MlpSpec{}, 1), train, train, config), std::invalid_argument);

  // An LSTM over 4096 steps fits for one example, but not the evaluation chunk of 256 examples.
  ModelSpec spec;
  spec.input = InputShape{4096, 0, 0, 0, 4096};
  std::string error;
  ASSERT_TRUE(parse_layers("lstm 256, dense 3", &spec.layers, &error)) << error;
  ASSERT_EQ(validate_spec(spec), "");
  Dataset sequences;
  sequences.features = 4096;
  sequences.steps = 4096;
  sequences.classes = 3;
  sequences.x.assign(2 * 4096, 0.5f);
  sequences.y = {0, 1};
  config.batch_size = 2;
  try {
    TrainingSession(build_network(spec, 1), sequences, sequences, config);
    FAIL() << "an 11 GiB session was accepted";
  } catch (const std::invalid_argument& e) {
    const std::string message = e.what();
    EXPECT_EQ(message.rfind("training this model (batches of 2, evaluation in chunks of 256) would need about ", 0), 0u) << message;
    EXPECT_NE(message.find("GiB of memory"), std::string::npos) << message;
    EXPECT_NE(message.find("the limit is 1.00 GiB"), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace layerlab
