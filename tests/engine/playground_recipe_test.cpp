// playground_recipe_test.cpp: the playground's link text round-trips, and what it cannot take (a value
// out of the playground's range, an unknown key, a bad escape) is refused without changing the recipe.
#include "playground_recipe.h"

#include <gtest/gtest.h>

namespace layerlab {
namespace {

TEST(PlaygroundRecipe, LinkTextRoundTrips) {
  PlaygroundRecipe r = spiral_recipe();
  r.noise = 0.15f;
  r.points = 700;
  r.train_fraction = 0.7f;
  r.training.loss = LossKind::MeanSquaredError;
  r.training.batch_size = 30;
  r.seed = 12;
  const std::string text = encode_playground_recipe(r);
  PlaygroundRecipe back;
  std::string error;
  ASSERT_TRUE(decode_playground_recipe(text, &back, &error)) << error;
  EXPECT_EQ(encode_playground_recipe(back), text);
  EXPECT_EQ(back.shape, Shape2D::Spiral);
  EXPECT_EQ(back.mlp.hidden, (std::vector<int>{16, 16, 16}));
  EXPECT_EQ(back.mlp.activation, Activation::ReLU);
  EXPECT_EQ(back.training.loss, LossKind::MeanSquaredError);
  EXPECT_FLOAT_EQ(back.noise, 0.15f);
  EXPECT_EQ(back.seed, 12u);
  // The same link, the same first losses.
  TrainingSession a = make_playground_session(r), b = make_playground_session(back);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(a.step(), b.step());
  PlaygroundRecipe none;
  none.mlp.hidden.clear();  // no hidden layer at all: a linear model
  ASSERT_TRUE(decode_playground_recipe(encode_playground_recipe(none), &back, &error)) << error;
  EXPECT_TRUE(back.mlp.hidden.empty());
}

TEST(PlaygroundRecipe, LinkTextOutsideThePlaygroundIsRefused) {
  const PlaygroundRecipe before;
  for (const char* bad : {"shape=moon", "points=5", "points=100000", "noise=0.9", "train=1", "hidden=17",
                          "hidden=1,2,3,4,5,6,7", "hidden=4,,2", "act=softmax", "lr=0", "batch=0", "loss=hinge",
                          "seed=-1", "zzz=1", "shape", "hidden=%G1"}) {
    PlaygroundRecipe r = before;
    std::string error;
    EXPECT_FALSE(decode_playground_recipe(bad, &r, &error)) << bad;
    EXPECT_FALSE(error.empty()) << bad;
    EXPECT_EQ(encode_playground_recipe(r), encode_playground_recipe(before)) << bad;
  }
}

}  // namespace
}  // namespace layerlab
