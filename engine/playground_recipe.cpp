// playground_recipe.cpp: make_playground_session and the playground's link text.
#include "playground_recipe.h"

#include "enum_names.h"
#include "url_params.h"

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

namespace {
const char* short_loss_name(LossKind k) {
  return k == LossKind::MeanSquaredError ? "mse" : k == LossKind::BinaryCrossEntropy ? "bce" : "softmax";
}
}  // namespace

std::string encode_playground_recipe(const PlaygroundRecipe& r) {
  std::string hidden;
  for (int n : r.mlp.hidden) hidden += (hidden.empty() ? "" : ",") + std::to_string(n);
  std::string s = "shape=" + std::string(shape2d_name(r.shape)) + "&points=" + std::to_string(r.points);
  s += "&noise=" + number_text(r.noise) + "&train=" + number_text(r.train_fraction) + "&hidden=" + hidden;
  s += "&act=" + std::string(activation_name(r.mlp.activation)) + "&lr=" + number_text(r.training.learning_rate);
  s += "&batch=" + std::to_string(r.training.batch_size) + "&loss=" + short_loss_name(r.training.loss);
  s += "&seed=" + std::to_string(r.seed);
  return s;
}

bool decode_playground_recipe(const std::string& text, PlaygroundRecipe* out, std::string* error) {
  std::vector<std::pair<std::string, std::string>> params;
  if (!split_params(text, &params, error)) return false;
  PlaygroundRecipe r = *out;
  for (const auto& [key, value] : params) {
    double x = 0.0;
    if (key == "shape") {
      if (!parse_shape2d(value.c_str(), &r.shape)) {
        *error = "'shape' must be circle, xor, gaussians or spiral (got '" + value.substr(0, 40) + "')";
        return false;
      }
    } else if (key == "points") {
      if (!parse_number(key, value, kMinPoints2D, kMaxPoints2D, &x, error)) return false;
      r.points = static_cast<int>(x);
    } else if (key == "noise") {
      if (!parse_number(key, value, 0, 0.5, &x, error)) return false;
      r.noise = static_cast<float>(x);
    } else if (key == "train") {
      if (!parse_number(key, value, 0.1, 0.9, &x, error)) return false;
      r.train_fraction = static_cast<float>(x);
    } else if (key == "hidden") {
      std::vector<int> hidden;
      size_t start = 0;
      while (!value.empty() && start <= value.size()) {
        size_t end = value.find(',', start);
        if (end == std::string::npos) end = value.size();
        if (!parse_number("hidden", value.substr(start, end - start), 1, kMaxNeuronsPerLayer, &x, error)) return false;
        hidden.push_back(static_cast<int>(x));
        start = end + 1;
      }
      if (hidden.size() > static_cast<size_t>(kMaxHiddenLayers)) {
        *error = "'hidden' lists " + std::to_string(hidden.size()) + " layers (at most " + std::to_string(kMaxHiddenLayers) + ")";
        return false;
      }
      r.mlp.hidden = hidden;
    } else if (key == "act") {
      if (!parse_by_name(value.c_str(), kActivationCount, activation_name, &r.mlp.activation) ||
          !is_elementwise(r.mlp.activation)) {
        *error = "'act' must be linear, relu, tanh, sigmoid or leaky_relu (got '" + value.substr(0, 40) + "')";
        return false;
      }
    } else if (key == "lr") {
      if (!parse_number(key, value, 1e-6, 10.0, &x, error)) return false;
      r.training.learning_rate = static_cast<float>(x);
    } else if (key == "batch") {
      if (!parse_number(key, value, 1, kMaxPoints2D, &x, error)) return false;
      r.training.batch_size = static_cast<int>(x);
    } else if (key == "loss") {
      if (!parse_by_name(value.c_str(), 2, short_loss_name, &r.training.loss)) {
        *error = "'loss' must be softmax or mse (got '" + value.substr(0, 40) + "')";
        return false;
      }
    } else if (key == "seed") {
      if (!parse_number(key, value, 0, 9007199254740991.0, &x, error)) return false;
      r.seed = static_cast<uint64_t>(x);
    } else {
      *error = "unknown setting '" + key.substr(0, 40) + "'";
      return false;
    }
  }
  *out = r;
  return true;
}

}  // namespace layerlab
