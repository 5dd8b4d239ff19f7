// boundary_view.cpp: one forward pass over the plane's grid, then colour maps into textures.
#include "boundary_view.h"

#include <algorithm>
#include <cmath>

#include "activation.h"
#include "theme.h"

namespace layerlab::ui {

namespace {
constexpr int kCells = BoundaryView::kGrid * BoundaryView::kGrid;
}

Picture BoundaryView::neuron_picture(int hidden_layer, int neuron) const {
  if (hidden_layer < 0 || hidden_layer >= static_cast<int>(spec_.hidden.size())) return {};
  if (neuron < 0 || neuron >= spec_.hidden[static_cast<size_t>(hidden_layer)]) return {};
  return atlas_.tile(layer_start_[static_cast<size_t>(hidden_layer)] + neuron);
}

float BoundaryView::output_at(float x, float y) const {
  if (output_value_.empty()) return 0.0f;
  const int c = std::clamp(static_cast<int>((x + 1.0f) * 0.5f * kGrid), 0, kGrid - 1);
  const int r = std::clamp(static_cast<int>((1.0f - y) * 0.5f * kGrid), 0, kGrid - 1);
  return output_value_[static_cast<size_t>(r * kGrid + c)];
}

void BoundaryView::paint(const float* values, int stride, int offset, float scale, float shift, bool discretize,
                         int tile) {
  for (int i = 0; i < kCells; ++i) {
    float v = values[static_cast<size_t>(i) * stride + offset] * scale + shift;
    if (discretize) v = v < 0 ? -1.0f : 1.0f;
    pixels_[static_cast<size_t>(i)] = diverging_color(v, 0.7f);
  }
  atlas_.set_tile(tile, pixels_.data());
}

void BoundaryView::update(const Network& net, const MlpSpec& spec, LossKind loss, bool discretize) {
  if (grid_.empty()) {
    grid_.resize(static_cast<size_t>(kCells) * 2);
    for (int r = 0; r < kGrid; ++r)
      for (int c = 0; c < kGrid; ++c) {
        grid_[static_cast<size_t>(r * kGrid + c) * 2] = -1.0f + (c + 0.5f) * 2.0f / kGrid;
        grid_[static_cast<size_t>(r * kGrid + c) * 2 + 1] = 1.0f - (r + 0.5f) * 2.0f / kGrid;
      }
    pixels_.resize(kCells);
    output_value_.resize(kCells);
  }
  // A network of another shape needs new buffers and textures (made here, not per frame).
  if (workspace_owner_ != &net || spec.hidden != spec_.hidden) {
    workspace_ = std::make_unique<Workspace>(net, kCells);
    workspace_owner_ = &net;
    layer_start_.clear();
    int next_tile = 3;
    for (int width : spec.hidden) {
      layer_start_.push_back(next_tile);
      next_tile += width;
    }
    for (int f = 0; f < 2; ++f) paint(grid_.data(), 2, f, 1.0f, 0.0f, false, 1 + f);
  }
  spec_ = spec;

  const float* logits = net.forward(*workspace_, grid_.data(), kCells);
  for (int i = 0; i < kCells; ++i) {
    const float margin = logits[2 * i + 1] - logits[2 * i];
    // Cross-entropy: 2·P(blue) − 1 = tanh(margin / 2). Squared error: the margin itself, clipped.
    output_value_[static_cast<size_t>(i)] =
        loss == LossKind::SoftmaxCrossEntropy ? std::tanh(0.5f * margin) : std::clamp(margin, -1.0f, 1.0f);
  }
  paint(output_value_.data(), 1, 0, 1.0f, 0.0f, discretize, 0);

  for (size_t h = 0; h < spec.hidden.size(); ++h) {
    const int width = spec.hidden[h];
    const float* out = workspace_->output(mlp_hidden_layer(static_cast<int>(h)));
    for (int n = 0; n < width; ++n) {
      // tanh is already in [-1, 1]; sigmoid's [0, 1] is stretched; ReLU and linear are scaled by
      // the neuron's largest magnitude on the plane so their shape stays visible.
      float scale = 1.0f, shift = 0.0f;
      if (spec.activation == Activation::Sigmoid) {
        scale = 2.0f;
        shift = -1.0f;
      } else if (spec.activation != Activation::Tanh) {
        float largest = 0.0f;
        for (int i = 0; i < kCells; ++i) largest = std::max(largest, std::fabs(out[static_cast<size_t>(i) * width + n]));
        scale = largest > 0.0f ? 1.0f / largest : 1.0f;
      }
      paint(out, width, n, scale, shift, false, layer_start_[h] + n);
    }
  }
  atlas_.upload();
}

}  // namespace layerlab::ui
