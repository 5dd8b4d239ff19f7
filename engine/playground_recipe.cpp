// playground_recipe.cpp: make_playground_session.
#include "playground_recipe.h"

namespace layerlab {

PlaygroundRecipe spiral_recipe() {
  PlaygroundRecipe r;
  r.shape = Shape2D::Spiral;
  r.mlp.hidden = {16, 16, 16};
  r.mlp.activation = Activation::ReLU;
  r.training.learning_rate = 0.1f;
  return r;
}

TrainingSession make_playground_session(const PlaygroundRecipe& recipe) {
  const Dataset all = make_dataset2d(recipe.shape, recipe.points, recipe.noise, recipe.seed);
  TrainTestSplit split = split_dataset(all, recipe.train_fraction, recipe.seed + 1);
  MlpSpec spec = recipe.mlp;
  spec.inputs = all.features;
  spec.outputs = all.classes;
  TrainingConfig config = recipe.training;
  config.seed = recipe.seed + 3;
  return TrainingSession(build_mlp(spec, recipe.seed + 2), std::move(split.train), std::move(split.test), config);
}

}  // namespace layerlab
