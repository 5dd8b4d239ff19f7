// model_spec.h: ModelSpec, a network's architecture as data and as one line of text
// ("dense 128 relu, dropout 0.2, dense 10"), the limits it must respect, build_network, and the
// Keras-like summary table (output shape, parameters and connections per layer).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "activation.h"
#include "dense.h"
#include "network.h"

namespace layerlab {

struct LayerSpec {
  enum class Kind { Dense, Activation, Dropout, Flatten };
  Kind kind = Kind::Dense;
  int units = 0;                           // dense
  Activation activation = Activation::ReLU;  // activation
  float rate = 0.0f;                       // dropout
  WeightInit init = WeightInit::Xavier;    // dense
};

// Input shape: an image (channels, height, width) or a plain vector (channels = 0, `features` wide).
struct InputShape {
  int features = 0;
  int channels = 0, height = 0, width = 0;
  bool is_image() const { return channels > 0; }
};

struct ModelSpec {
  InputShape input;
  std::vector<LayerSpec> layers;
};

// Limits checked before anything is allocated.
constexpr int kMaxUnits = 1 << 16;
constexpr int64_t kMaxParameters = int64_t{64} * 1000 * 1000;  // 256 MB of float32 weights, as much again for gradients
constexpr int kMaxLayers = 64;

// "dense 128 relu, dropout 0.2, dense 10": items separated by commas. An item is `dense N [activation]
// [init=small|xavier|he]`, an activation name alone, `dropout RATE` or `flatten`. Dense's init defaults
// to He before ReLU-like activations and Xavier/Glorot otherwise.
bool parse_layers(const std::string& text, std::vector<LayerSpec>* out, std::string* error);
std::string format_layers(const std::vector<LayerSpec>& layers);

// Checks shapes and limits; returns "" or one sentence naming the layer and what to change.
std::string validate_spec(const ModelSpec& spec);
// Builds (after validate_spec) and initialises from `seed`; throws std::invalid_argument when invalid.
Network build_network(const ModelSpec& spec, uint64_t seed);

struct LayerSummary {
  std::string name;          // "dense 1 (relu)"
  std::string output_shape;  // "(128)" or "(1, 28, 28)"
  int64_t parameters = 0;
  int64_t connections = 0;      // multiply-adds per example
};
std::vector<LayerSummary> summarize(const ModelSpec& spec);
std::string summary_table(const ModelSpec& spec);

}  // namespace layerlab
