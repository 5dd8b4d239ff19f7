// lab_recipe.h: LabRecipe, one experiment of the lab's image and sequence workspace (dataset, layer stack,
// training settings, seed), its presets, the session it makes, and its text form for the page's URL hash.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "dataset_catalog.h"
#include "model_file.h"
#include "model_spec.h"
#include "training_session.h"

namespace layerlab {

struct LabRecipe {
  std::string dataset = "fashion-mnist";  // a catalog name (not a 2-D generator: that is the playground)
  std::vector<LayerSpec> layers;          // the hidden stack; the output layer follows the data
  TrainingConfig training;
  uint64_t seed = 1;      // weights from seed + 2, shuffling from seed + 3 (as the CLI)
  int train_limit = 0;    // train on the first N training examples (0: all of them)
};

enum class LabPreset { Mlp, Cnn, Lstm };
constexpr int kLabPresetCount = 3;
const char* lab_preset_name(LabPreset p);  // "MLP", "CNN", "LSTM"
// The standard models (the bench's): MLP 128-64, CNN conv 8 → pool → conv 16 → pool, LSTM 64; each with
// the lab's default recipe for it (Adam, cosine schedule, batch 32).
std::vector<LayerSpec> lab_preset_layers(LabPreset p);
LabRecipe lab_preset_recipe(LabPreset p, const std::string& dataset);

// The model the recipe trains on `data`: the input shape from the data, the hidden stack, then the output
// layer (flattening an image first): one unit per class, or per target for regression.
ModelSpec lab_model_spec(const LabRecipe& recipe, const Dataset& data);
// Throws std::invalid_argument (one sentence) when the model does not fit the data. The session shares
// the data (no copy) unless the recipe's train_limit takes a part of it.
TrainingSession make_lab_session(const LabRecipe& recipe, std::shared_ptr<const Dataset> train,
                                 std::shared_ptr<const Dataset> test);
// The same with saved weights and optimizer state (a model file's); the saved architecture must be the
// recipe's, else std::invalid_argument says how they differ.
TrainingSession make_lab_session(const LabRecipe& recipe, std::shared_ptr<const Dataset> train,
                                 std::shared_ptr<const Dataset> test, LoadedModel saved);

// "data=fashion-mnist&layers=conv%208%203x3...&opt=adam&lr=0.003&batch=32&..." and back. Decoding checks
// every value against the same limits the CLI uses; unknown keys are an error, missing keys keep defaults.
std::string encode_lab_recipe(const LabRecipe& recipe);
bool decode_lab_recipe(const std::string& text, LabRecipe* out, std::string* error);

}  // namespace layerlab
