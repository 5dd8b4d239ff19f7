// mlp.h: MlpSpec and build_mlp, the playground's multilayer perceptron: (Dense → activation) × hidden, Dense out.
#pragma once
#include <cstdint>
#include <vector>

#include "activation.h"
#include "network.h"

namespace layerlab {

struct MlpSpec {
  int inputs = 2;
  std::vector<int> hidden = {8, 8};  // neurons per hidden layer
  Activation activation = Activation::Tanh;
  int outputs = 2;                   // one per class (softmax), or the regression targets
};

constexpr int kMaxHiddenLayers = 6;
constexpr int kMaxNeuronsPerLayer = 16;

struct ModelSpec;

// The MLP as a general model description (for build_network and the summary table). Weight init follows
// the activation: He for ReLU, Xavier/Glorot otherwise.
ModelSpec mlp_model_spec(const MlpSpec& spec);
Network build_mlp(const MlpSpec& spec, uint64_t seed);

// Index of the layer whose output is hidden layer h's neurons (after the activation); the output
// layer (logits) is mlp_output_layer(spec).
inline int mlp_hidden_layer(int h) { return 2 * h + 1; }
inline int mlp_output_layer(const MlpSpec& spec) { return 2 * static_cast<int>(spec.hidden.size()); }

}  // namespace layerlab
