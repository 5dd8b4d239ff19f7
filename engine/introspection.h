// introspection.h: views of one example inside a Workspace for the inspectors and tutorials: the input, every
// layer's output (feature maps) and its gradient, and the input window behind one convolution output. No copies.
#pragma once
#include <vector>

#include "conv2d.h"
#include "model_spec.h"
#include "network.h"

namespace layerlab {

// One example's values at one point of the network, with their shape (model_spec.h's InputShape).
struct ValueView {
  const float* data = nullptr;  // null when not available (e.g. gradients not kept)
  InputShape shape;
  // Images: channel c's (height × width) map. Sequences: step t's features.
  const float* channel(int c) const { return data + static_cast<size_t>(c) * shape.height * shape.width; }
  const float* step(int t) const { return data + static_cast<size_t>(t) * shape.step_features(); }
};

// The shapes between layers come from infer_shapes(spec); `example` indexes the last forward's batch.
ValueView input_view(const ModelSpec& spec, const Workspace& ws, int example);
ValueView output_view(const std::vector<InputShape>& shapes, const Workspace& ws, int layer, int example);
// ∂L/∂output of `layer` for the example, from the last backward; data is null unless ws.set_keep_gradients(true).
ValueView gradient_view(const std::vector<InputShape>& shapes, const Workspace& ws, int layer, int example);

// The input rows [y0, y0 + height) and columns [x0, x0 + width) a convolution output (oy, ox) reads; parts
// outside [0, H) × [0, W) are padding.
struct InputWindow {
  int y0, x0, height, width;
};
InputWindow receptive_window(const Conv2dGeometry& g, int oy, int ox);

}  // namespace layerlab
