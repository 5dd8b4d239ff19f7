// mlp.cpp: build_mlp.
#include "mlp.h"

#include "dense.h"
#include "rng.h"

namespace layerlab {

Network build_mlp(const MlpSpec& spec, uint64_t seed) {
  Network net(spec.inputs);
  const WeightInit init = spec.activation == Activation::ReLU ? WeightInit::He : WeightInit::Xavier;
  int features = spec.inputs;
  int index = 1;
  for (int width : spec.hidden) {
    net.add<DenseLayer>(net.params(), index++, features, width, init);
    net.add<ActivationLayer>(spec.activation, width);
    features = width;
  }
  net.add<DenseLayer>(net.params(), index, features, spec.outputs, WeightInit::Xavier);
  Rng rng(seed);
  net.finalize(rng);
  return net;
}

}  // namespace layerlab
