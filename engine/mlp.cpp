// mlp.cpp: build_mlp, the playground's MlpSpec written as a ModelSpec and built by build_network.
#include "mlp.h"

#include "model_spec.h"

namespace layerlab {

ModelSpec mlp_model_spec(const MlpSpec& spec) {
  ModelSpec model;
  model.input.features = spec.inputs;
  const WeightInit init = spec.activation == Activation::ReLU ? WeightInit::He : WeightInit::Xavier;
  for (int width : spec.hidden) {
    model.layers.push_back({LayerSpec::Kind::Dense, width, Activation::ReLU, 0.0f, init});
    model.layers.push_back({LayerSpec::Kind::Activation, 0, spec.activation, 0.0f, WeightInit::Xavier});
  }
  model.layers.push_back({LayerSpec::Kind::Dense, spec.outputs, Activation::ReLU, 0.0f, WeightInit::Xavier});
  return model;
}

Network build_mlp(const MlpSpec& spec, uint64_t seed) { return build_network(mlp_model_spec(spec), seed); }

}  // namespace layerlab
