// playground_recipe.h: PlaygroundRecipe, everything that defines one 2-D playground experiment, and the
// session it makes. The UI, the CLI and the tests all start training from here, so they agree.
#pragma once
#include <cstdint>
#include <string>

#include "dataset2d.h"
#include "mlp.h"
#include "training_session.h"

namespace layerlab {

// The defaults are the playground's opening experiment: a circle, two small tanh layers.
struct PlaygroundRecipe {
  Shape2D shape = Shape2D::Circle;
  int points = 500;
  float noise = 0.0f;
  float train_fraction = 0.5f;
  MlpSpec mlp{2, {4, 2}, Activation::Tanh, 2};
  TrainingConfig training;  // learning rate 0.03, batch 10, softmax cross-entropy, plain SGD
  uint64_t seed = 1;  // data, split, weights and shuffling all derive from it
};

// The spiral, learned: three ReLU layers of 16 at learning rate 0.1 (about 200 epochs to 95%).
PlaygroundRecipe spiral_recipe();

// "shape=spiral&points=500&noise=0&train=0.5&hidden=16,16,16&act=relu&lr=0.1&batch=10&loss=mse&seed=1" and
// back: the playground's link. Decoding checks every value against the playground's own limits; unknown
// keys are an error, missing keys keep what *out holds.
std::string encode_playground_recipe(const PlaygroundRecipe& recipe);
bool decode_playground_recipe(const std::string& text, PlaygroundRecipe* out, std::string* error);

// Data from seed, split from seed+1, weights from seed+2, shuffling from seed+3.
TrainingSession make_playground_session(const PlaygroundRecipe& recipe);

}  // namespace layerlab
