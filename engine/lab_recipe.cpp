// lab_recipe.cpp: presets, lab_model_spec / make_lab_session, and the URL-hash codec.
#include "lab_recipe.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "enum_names.h"
#include "url_params.h"

namespace layerlab {

const char* lab_preset_name(LabPreset p) {
  switch (p) {
    case LabPreset::Mlp: return "MLP";
    case LabPreset::Cnn: return "CNN";
    case LabPreset::Lstm: return "LSTM";
  }
  return "?";
}

std::vector<LayerSpec> lab_preset_layers(LabPreset p) {
  const char* text = p == LabPreset::Mlp ? "flatten, dense 128 relu, dense 64 relu"
                     : p == LabPreset::Cnn ? "conv 8 3x3 same relu, maxpool 2, conv 16 3x3 same relu, maxpool 2"
                                           : "lstm 64";
  std::vector<LayerSpec> layers;
  std::string error;
  parse_layers(text, &layers, &error);
  return layers;
}

LabRecipe lab_preset_recipe(LabPreset p, const std::string& dataset) {
  LabRecipe r;
  r.dataset = dataset;
  r.layers = lab_preset_layers(p);
  r.training.batch_size = 32;
  r.training.learning_rate = p == LabPreset::Mlp ? 0.002f : 0.003f;
  r.training.optimizer.kind = OptimizerKind::Adam;
  r.training.schedule.kind = ScheduleKind::Cosine;
  r.training.schedule.total_epochs = 10;
  r.training.clip_norm = p == LabPreset::Lstm ? 5.0f : 0.0f;
  return r;
}

ModelSpec lab_model_spec(const LabRecipe& recipe, const Dataset& data) {
  ModelSpec spec;
  spec.input = InputShape{data.features, data.channels, data.height, data.width, data.steps};
  spec.layers = recipe.layers;
  std::string error;
  const std::vector<InputShape> shapes = infer_shapes(spec, &error);
  const bool image_out = !shapes.empty() ? shapes.back().is_image() : spec.input.is_image();
  if (error.empty() && image_out) {
    LayerSpec flatten;
    flatten.kind = LayerSpec::Kind::Flatten;
    spec.layers.push_back(flatten);
  }
  LayerSpec out;
  out.kind = LayerSpec::Kind::Dense;
  out.units = data.is_regression() ? data.target_width
              : recipe.training.loss == LossKind::BinaryCrossEntropy ? 1
                                                                      : data.classes;
  spec.layers.push_back(out);
  return spec;
}

namespace {
TrainingConfig lab_config(const LabRecipe& recipe, const Dataset& train) {
  TrainingConfig config = recipe.training;
  if (train.is_regression()) config.loss = LossKind::MeanSquaredError;
  else if (config.loss == LossKind::MeanSquaredError) config.loss = LossKind::SoftmaxCrossEntropy;
  config.seed = recipe.seed + 3;
  config.evaluate_train_set = train.size() <= 5000;  // larger sets report the running mean over the epoch
  return config;
}

std::shared_ptr<const Dataset> limited(const LabRecipe& recipe, std::shared_ptr<const Dataset> train) {
  if (recipe.train_limit > 0 && recipe.train_limit < train->size())
    return std::make_shared<const Dataset>(first_examples(*train, recipe.train_limit));
  return train;
}
}  // namespace

TrainingSession make_lab_session(const LabRecipe& recipe, std::shared_ptr<const Dataset> train,
                                 std::shared_ptr<const Dataset> test) {
  const ModelSpec spec = lab_model_spec(recipe, *train);
  const std::string problem = validate_spec(spec);
  if (!problem.empty()) throw std::invalid_argument(problem);
  train = limited(recipe, std::move(train));
  const TrainingConfig config = lab_config(recipe, *train);
  return TrainingSession(build_network(spec, recipe.seed + 2), std::move(train), std::move(test), config);
}

TrainingSession make_lab_session(const LabRecipe& recipe, std::shared_ptr<const Dataset> train,
                                 std::shared_ptr<const Dataset> test, LoadedModel saved) {
  const ModelSpec spec = lab_model_spec(recipe, *train);
  const std::string want = format_layers(spec.layers), have = format_layers(saved.spec.layers);
  if (want != have || shape_text(spec.input) != shape_text(saved.spec.input))
    throw std::invalid_argument("the saved model (" + shape_text(saved.spec.input) + ": " + have +
                                ") is not the experiment's (" + shape_text(spec.input) + ": " + want + ")");
  train = limited(recipe, std::move(train));
  const TrainingConfig config = lab_config(recipe, *train);
  return TrainingSession(std::move(saved.network), std::move(train), std::move(test), config, std::move(saved.optimizer));
}

// ---------------------------------------------------------------- URL-hash codec

std::string encode_lab_recipe(const LabRecipe& r) {
  const TrainingConfig& t = r.training;
  std::string s = "data=" + percent_encode(r.dataset) + "&layers=" + percent_encode(format_layers(r.layers));
  s += "&opt=" + std::string(optimizer_name(t.optimizer.kind)) + "&lr=" + number_text(t.learning_rate);
  s += "&batch=" + std::to_string(t.batch_size) + "&schedule=" + schedule_name(t.schedule.kind);
  s += "&epochs=" + std::to_string(t.schedule.total_epochs) + "&l2=" + number_text(t.l2);
  s += "&clip=" + number_text(t.clip_norm) + "&seed=" + std::to_string(r.seed);
  if (r.train_limit > 0) s += "&limit=" + std::to_string(r.train_limit);
  return s;
}

bool decode_lab_recipe(const std::string& text, LabRecipe* out, std::string* error) {
  std::vector<std::pair<std::string, std::string>> params;
  if (!split_params(text, &params, error)) return false;
  LabRecipe r = *out;
  for (const auto& [key, value] : params) {
    double x = 0.0;
    TrainingConfig& t = r.training;
    if (key == "data") {
      if (value.empty() || value.size() > 64) {
        *error = "'data' must name a dataset";
        return false;
      }
      r.dataset = value;
    } else if (key == "layers") {
      std::vector<LayerSpec> layers;  // empty: no hidden layer (the output layer alone), as encoded
      std::string problem;
      if (!value.empty() && !parse_layers(value, &layers, &problem)) {
        *error = "'layers': " + problem;
        return false;
      }
      r.layers = layers;
    } else if (key == "opt") {
      if (!parse_by_name(value.c_str(), 6, optimizer_name, &t.optimizer.kind)) {
        *error = "'opt' must be sgd, momentum, nesterov, adagrad, rmsprop or adam (got '" + value + "')";
        return false;
      }
    } else if (key == "schedule") {
      if (!parse_by_name(value.c_str(), 4, schedule_name, &t.schedule.kind)) {
        *error = "'schedule' must be constant, step, exponential or cosine (got '" + value + "')";
        return false;
      }
    } else if (key == "lr") {
      if (!parse_number(key, value, 1e-6, 10.0, &x, error)) return false;
      t.learning_rate = static_cast<float>(x);
    } else if (key == "batch") {
      if (!parse_number(key, value, 1, 4096, &x, error)) return false;
      t.batch_size = static_cast<int>(x);
    } else if (key == "epochs") {
      if (!parse_number(key, value, 1, 10000, &x, error)) return false;
      t.schedule.total_epochs = static_cast<int>(x);
    } else if (key == "l2") {
      if (!parse_number(key, value, 0, 1, &x, error)) return false;
      t.l2 = static_cast<float>(x);
    } else if (key == "clip") {
      if (!parse_number(key, value, 0, 1e6, &x, error)) return false;
      t.clip_norm = static_cast<float>(x);
    } else if (key == "seed") {
      if (!parse_number(key, value, 0, 9007199254740991.0, &x, error)) return false;
      r.seed = static_cast<uint64_t>(x);
    } else if (key == "limit") {
      if (!parse_number(key, value, 0, 10000000, &x, error)) return false;
      r.train_limit = static_cast<int>(x);
    } else {
      *error = "unknown setting '" + key.substr(0, 40) + "'";
      return false;
    }
  }
  *out = r;
  return true;
}

}  // namespace layerlab
