// pool_lesson_test.cpp: the pooling tutorial's numbers: 2x2 stride 2 keeps a quarter of the values, the
// three kinds on the 8x8 grid, and the shift comparison the text quotes (max pooling changes fewer pooled
// values than mean pooling when the map moves by a pixel).
#include <gtest/gtest.h>

#include "tutorial/pool_lesson.h"

namespace layerlab::ui {
namespace {

TEST(PoolLesson, TwoByTwoStrideTwoKeepsAQuarter) {
  const LessonImage grid = pooling_grid();
  const PoolRun max = run_pooling(grid, PoolKind::Max, 2, 2);
  ASSERT_TRUE(max.error.empty()) << max.error;
  EXPECT_EQ(max.geometry.out_w(), 4);
  EXPECT_EQ(max.output.size() * 4, grid.pixels.size());
  // First window: 0 1 / 1 6.
  EXPECT_FLOAT_EQ(max.output[0], 6.0f);
  EXPECT_FLOAT_EQ(run_pooling(grid, PoolKind::Mean, 2, 2).output[0], 2.0f);
  EXPECT_FLOAT_EQ(run_pooling(grid, PoolKind::Sum, 2, 2).output[0], 8.0f);
  // A window larger than the map is refused with the engine's sentence.
  LessonImage tiny;
  tiny.channels = 1;
  tiny.height = tiny.width = 1;
  tiny.pixels = {1.0f};
  EXPECT_FALSE(run_pooling(tiny, PoolKind::Max, 2, 2).error.empty());
}

TEST(PoolLesson, ShiftMovesValuesAndFillsZeros) {
  const LessonImage grid = pooling_grid();
  const LessonImage moved = shifted(grid, 1, 0);
  for (int y = 0; y < 8; ++y) {
    EXPECT_FLOAT_EQ(moved.at(0, y, 0), 0.0f);
    for (int x = 1; x < 8; ++x) EXPECT_FLOAT_EQ(moved.at(0, y, x), grid.at(0, y, x - 1));
  }
  EXPECT_EQ(changed_values(grid.pixels, grid.pixels), 0);
}

TEST(PoolLesson, MaxPoolingToleratesAOnePixelShiftBetterThanMean) {
  // The numbers the tutorial's text quotes (tutorials/04-pooling.md).
  const LessonImage grid = pooling_grid();
  const ShiftComparison max = compare_shift(grid, PoolKind::Max, 2, 2, 1, 0);
  const ShiftComparison mean = compare_shift(grid, PoolKind::Mean, 2, 2, 1, 0);
  EXPECT_EQ(max.input_values, 64);
  EXPECT_EQ(max.input_changed, 32);
  EXPECT_EQ(max.pooled_values, 16);
  EXPECT_EQ(max.pooled_changed, 6);
  EXPECT_EQ(mean.pooled_changed, 10);
  EXPECT_LT(static_cast<double>(max.pooled_changed) / max.pooled_values,
            static_cast<double>(max.input_changed) / max.input_values);
}

TEST(PoolLesson, EdgeFeatureMapIsTheReluOfSobelX) {
  LessonImage step;  // dark left half, bright right half: one vertical edge
  step.channels = 1;
  step.height = step.width = 6;
  for (int y = 0; y < 6; ++y)
    for (int x = 0; x < 6; ++x) step.pixels.push_back(x < 3 ? 0.0f : 1.0f);
  const LessonImage edges = edge_feature_map(step);
  ASSERT_EQ(edges.width, 6);
  // Sobel x [1 0 -1; 2 0 -2; 1 0 -1] is left minus right: negative on a dark-to-bright edge, so the
  // ReLU keeps nothing; on the mirrored picture the edge gives 4.
  for (float v : edges.pixels) EXPECT_FLOAT_EQ(v, 0.0f);
  for (float& v : step.pixels) v = 1.0f - v;
  const LessonImage mirrored = edge_feature_map(step);
  EXPECT_FLOAT_EQ(mirrored.at(0, 2, 2), 4.0f);
  EXPECT_FLOAT_EQ(mirrored.at(0, 2, 0), 0.0f);
}

}  // namespace
}  // namespace layerlab::ui
