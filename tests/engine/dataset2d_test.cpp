// dataset2d_test.cpp: the 2-D generators: sizes, balance, range, seeds, and each shape's geometry.
#include "dataset2d.h"

#include <gtest/gtest.h>

#include <cmath>

namespace layerlab {
namespace {

class EveryShape : public ::testing::TestWithParam<Shape2D> {};

TEST_P(EveryShape, SizeBalanceAndRange) {
  const Dataset d = make_dataset2d(GetParam(), 400, 0.2f, 3);
  ASSERT_EQ(d.size(), 400);
  ASSERT_EQ(d.x.size(), 800u);
  int ones = 0;
  for (int y : d.y) ones += y;
  if (GetParam() == Shape2D::Xor) EXPECT_NEAR(ones, 200, 40);  // labels follow the random quadrant
  else EXPECT_EQ(ones, 200);
  for (float v : d.x) {
    EXPECT_GE(v, -1.0f);
    EXPECT_LE(v, 1.0f);
  }
}

TEST_P(EveryShape, SeedDecidesThePoints) {
  const Dataset a = make_dataset2d(GetParam(), 200, 0.1f, 5), b = make_dataset2d(GetParam(), 200, 0.1f, 5);
  const Dataset c = make_dataset2d(GetParam(), 200, 0.1f, 6);
  EXPECT_EQ(a.x, b.x);
  EXPECT_NE(a.x, c.x);
}

INSTANTIATE_TEST_SUITE_P(All, EveryShape,
                         ::testing::Values(Shape2D::Circle, Shape2D::Xor, Shape2D::Gaussians, Shape2D::Spiral),
                         [](const auto& info) { return std::string(shape2d_name(info.param)); });

TEST(Dataset2D, PointCountIsClampedToThePlaygroundRange) {
  EXPECT_EQ(make_dataset2d(Shape2D::Circle, 5, 0, 1).size(), kMinPoints2D);
  EXPECT_EQ(make_dataset2d(Shape2D::Circle, 100000, 0, 1).size(), kMaxPoints2D);
}

TEST(Dataset2D, CircleWithoutNoiseIsSeparatedByRadius) {
  const Dataset d = make_dataset2d(Shape2D::Circle, 500, 0, 2);
  for (int i = 0; i < d.size(); ++i) {
    const float r = std::hypot(d.row(i)[0], d.row(i)[1]) * 6.0f;
    if (d.y[i] == 0) EXPECT_LE(r, 2.5f + 1e-4f);
    else EXPECT_GE(r, 3.5f - 1e-4f);
  }
}

TEST(Dataset2D, XorWithoutNoiseIsLabelledByQuadrant) {
  const Dataset d = make_dataset2d(Shape2D::Xor, 500, 0, 2);
  for (int i = 0; i < d.size(); ++i) EXPECT_EQ(d.y[i], d.row(i)[0] * d.row(i)[1] >= 0 ? 1 : 0);
}

TEST(Dataset2D, SplitKeepsEveryExampleOnce) {
  const Dataset all = make_dataset2d(Shape2D::Gaussians, 300, 0.1f, 1);
  const TrainTestSplit s = split_dataset(all, 0.7f, 9);
  EXPECT_EQ(s.train.size(), 210);
  EXPECT_EQ(s.test.size(), 90);
  double sum_all = 0, sum_split = 0;
  for (float v : all.x) sum_all += v;
  for (float v : s.train.x) sum_split += v;
  for (float v : s.test.x) sum_split += v;
  EXPECT_NEAR(sum_all, sum_split, 1e-3);
}

TEST(Dataset2D, SplitKeepsShapeAndClassNames) {
  Dataset all = make_dataset2d(Shape2D::Circle, 200, 0.0f, 1);
  all.class_names = {"orange", "blue"};
  all.channels = 1;
  all.height = 1;
  all.width = 2;
  const TrainTestSplit s = split_dataset(all, 0.5f, 2);
  for (const Dataset* d : {&s.train, &s.test}) {
    EXPECT_EQ(d->class_names, all.class_names);
    EXPECT_EQ(d->width, 2);
  }
}

}  // namespace
}  // namespace layerlab
