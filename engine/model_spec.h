// model_spec.h: ModelSpec, a network's architecture as data and as one line of text
// ("dense 128 relu, dropout 0.2, dense 10"), the limits it must respect, build_network, and the
// Keras-like summary table (output shape, parameters and connections per layer).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "activation.h"
#include "conv2d.h"
#include "dense.h"
#include "lstm.h"
#include "network.h"
#include "pooling.h"

namespace layerlab {

struct LayerSpec {
  enum class Kind { Dense, Activation, Dropout, Flatten, Conv2D, Pool2D, SimpleRnn, Lstm };
  Kind kind = Kind::Dense;
  int units = 0;                             // dense: neurons; conv2d: filters; rnn/lstm: hidden units
  Activation activation = Activation::ReLU;  // activation
  float rate = 0.0f;                         // dropout
  WeightInit init = WeightInit::Xavier;      // dense, conv2d
  // conv2d: kernel, stride, padding p on every side (or `same`: whatever keeps the size ⌈n / s⌉), mode
  int kernel_h = 3, kernel_w = 3;
  int stride = 1;                            // conv2d and pool2d
  int padding = 0;
  bool same = false;
  PaddingMode padding_mode = PaddingMode::Zeros;
  // pool2d
  PoolKind pool = PoolKind::Max;
  int window = 2;
  // rnn, lstm: output every step (many-to-many) or the last (many-to-one); truncated BPTT (0: full)
  bool return_sequences = false;
  int truncate = 0;
  float forget_bias = 1.0f;
};

// The shape of the values between two layers (per example): an image (channels, height, width), a
// sequence (`steps` steps of features / steps values) or a plain vector (`features` wide).
struct InputShape {
  int features = 0;
  int channels = 0, height = 0, width = 0;
  int steps = 0;
  bool is_image() const { return channels > 0; }
  bool is_sequence() const { return steps > 0; }
  int step_features() const { return steps > 0 ? features / steps : features; }
};
std::string shape_text(const InputShape& s);  // "(10, 28, 28)", "(28, 64)" or "(200)"

struct ModelSpec {
  InputShape input;
  std::vector<LayerSpec> layers;
};

// Limits checked before anything is allocated.
constexpr int kMaxUnits = 1 << 16;
constexpr int64_t kMaxParameters = int64_t{64} * 1000 * 1000;  // 256 MB of float32 weights, as much again for gradients
constexpr int kMaxLayers = 64;
constexpr int64_t kMaxValuesPerExample = int64_t{1} << 22;  // any one layer's output: 16 MB of float32 per example
constexpr int kMaxSequenceSteps = 4096;  // an input sequence's steps (as many as an image's rows)
// And the memory budget (memory_budget.h): the model's weights, gradients, Adam's state and one example's activations.

// "dense 128 relu, dropout 0.2, dense 10": items separated by commas. An item is one of
//   dense N [activation] [init=small|xavier|he]
//   conv F KxK [stride=S] [pad=P | same | valid] [zeros | edge] [activation] [init=...]   (K alone: KxK)
//   maxpool K [stride=S] | meanpool K [stride=S] | sumpool K [stride=S]   (stride defaults to K)
//   rnn N [sequences] [truncate=K] | lstm N [sequences] [truncate=K] [forget_bias=B]
//   an activation name alone, dropout RATE, flatten.
// Recurrent layers read a sequence (steps, features) or a one-channel image row by row (H steps of W values);
// `sequences` returns every step's hidden state (many-to-many), else only the last (many-to-one). A dense
// layer on a sequence applies the same weights to every step.
// Dense and conv weights default to He init before ReLU-like activations and Xavier/Glorot otherwise.
bool parse_layers(const std::string& text, std::vector<LayerSpec>* out, std::string* error);
std::string format_layers(const std::vector<LayerSpec>& layers);

// Checks shapes and limits; returns "" or one sentence naming the layer and what to change.
std::string validate_spec(const ModelSpec& spec);
// Builds (after validate_spec) and initialises from `seed`; throws std::invalid_argument when invalid.
Network build_network(const ModelSpec& spec, uint64_t seed);

// The value shape after each layer, or "" with `error` naming the first layer that cannot take its input.
std::vector<InputShape> infer_shapes(const ModelSpec& spec, std::string* error);

struct LayerSummary {
  std::string name;          // "dense 1", "conv 1 (3x3, same)"
  std::string output_shape;  // "(128)" or "(1, 28, 28)"
  int64_t parameters = 0;
  int64_t connections = 0;      // multiply-adds per example
};
std::vector<LayerSummary> summarize(const ModelSpec& spec);
std::string summary_table(const ModelSpec& spec);

}  // namespace layerlab
