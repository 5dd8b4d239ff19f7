// playground_recipe.h: PlaygroundRecipe, everything that defines one 2-D playground experiment, and the
// session it makes. The UI, the CLI and the tests all start training from here, so they agree.
#pragma once
#include <cstdint>

#include "dataset2d.h"
#include "mlp.h"
#include "training_session.h"

namespace layerlab {

struct PlaygroundRecipe {
  Shape2D shape = Shape2D::Spiral;
  int points = 500;
  float noise = 0.0f;
  float train_fraction = 0.5f;
  MlpSpec mlp{2, {16, 16, 16}, Activation::ReLU, 2};
  TrainingConfig training{0.1f, 10, LossKind::SoftmaxCrossEntropy, 1};
  uint64_t seed = 1;  // data, split, weights and shuffling all derive from it
};

// Data from seed, split from seed+1, weights from seed+2, shuffling from seed+3.
TrainingSession make_playground_session(const PlaygroundRecipe& recipe);

}  // namespace layerlab
