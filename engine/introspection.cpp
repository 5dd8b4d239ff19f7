// introspection.cpp: pointer arithmetic into the Workspace's per-layer buffers (layout: tensor.h).
#include "introspection.h"

namespace layerlab {

ValueView input_view(const ModelSpec& spec, const Workspace& ws, int example) {
  return {ws.input() + static_cast<size_t>(example) * spec.input.features, spec.input};
}

ValueView output_view(const std::vector<InputShape>& shapes, const Workspace& ws, int layer, int example) {
  const InputShape& s = shapes[static_cast<size_t>(layer)];
  return {ws.output(layer) + static_cast<size_t>(example) * s.features, s};
}

ValueView gradient_view(const std::vector<InputShape>& shapes, const Workspace& ws, int layer, int example) {
  const InputShape& s = shapes[static_cast<size_t>(layer)];
  const float* g = ws.output_gradient(layer);
  return {g ? g + static_cast<size_t>(example) * s.features : nullptr, s};
}

InputWindow receptive_window(const Conv2dGeometry& g, int oy, int ox) {
  return {oy * g.stride - g.pad_top, ox * g.stride - g.pad_left, g.kernel_h, g.kernel_w};
}

}  // namespace layerlab
