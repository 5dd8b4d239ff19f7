// layer_statistics.cpp: grouping parameters by layer, norms, dead units, histogram grids, receptive windows.
#include "layer_statistics.h"

#include <cmath>

#include "activation.h"
#include "pooling.h"

namespace layerlab {

namespace {
// "conv 1 kernels" -> "conv 1": the layer's name is the text before the second space.
std::string layer_of(const std::string& param_name) {
  const size_t first = param_name.find(' ');
  const size_t second = first == std::string::npos ? first : param_name.find(' ', first + 1);
  return second == std::string::npos ? param_name : param_name.substr(0, second);
}
}  // namespace

std::vector<TrainableLayer> trainable_layers(const ParameterArena& arena) {
  std::vector<TrainableLayer> layers;
  for (ParamId id = 0; id < arena.count(); ++id) {
    const ParamInfo& p = arena.info(id);
    const std::string name = layer_of(p.name);
    if (layers.empty() || layers.back().name != name) layers.push_back({name, {}, -1});
    TrainableLayer& l = layers.back();
    l.params.push_back(id);
    if (l.weights < 0 && p.role == ParamRole::Weight) l.weights = id;
  }
  return layers;
}

float gradient_norm(const ParameterArena& arena, const TrainableLayer& layer) {
  const Span<const float> g = arena.grads();
  double sum = 0.0;
  for (ParamId id : layer.params) {
    const ParamInfo& p = arena.info(id);
    for (size_t i = p.offset; i < p.offset + p.size; ++i) sum += static_cast<double>(g[i]) * g[i];
  }
  return static_cast<float>(std::sqrt(sum));
}

float dead_unit_share(const float* values, int n, int features) {
  if (n <= 0 || features <= 0) return 0.0f;
  int dead = 0;
  for (int j = 0; j < features; ++j) {
    bool alive = false;
    for (int r = 0; r < n && !alive; ++r) alive = values[static_cast<size_t>(r) * features + j] > 0.0f;
    dead += !alive;
  }
  return static_cast<float>(dead) / static_cast<float>(features);
}

int HistogramGrid::cover(const float* values, size_t n) {
  float top = 0.0f;
  for (size_t i = 0; i < n; ++i)
    if (std::isfinite(values[i])) top = std::fmax(top, std::fabs(values[i]));
  if (range <= 0.0f) {
    // The first range: the smallest power of two at or above the largest magnitude (1 for all zeros).
    range = top > 0.0f ? std::exp2(std::ceil(std::log2(top))) : 1.0f;
    if (range < top) range *= 2.0f;
    return 0;
  }
  int doublings = 0;
  while (range < top) {
    range *= 2.0f;
    ++doublings;
  }
  return doublings;
}

int HistogramGrid::bin_of(float v) const {
  const int b = static_cast<int>(std::floor((v + range) / (2.0f * range) * static_cast<float>(bins)));
  return b < 0 ? 0 : b >= bins ? bins - 1 : b;
}

void histogram_widened(float* counts, int bins) {
  // Old bins 2k and 2k + 1 become new bin q + k (q = bins / 4): first merged in place into [0, 2q) (bin k
  // is written after bins 2k, 2k + 1 are read, and never before them), then moved up to the middle half.
  const int q = bins / 4;
  for (int k = 0; k < 2 * q; ++k) counts[k] = counts[2 * k] + counts[2 * k + 1];
  for (int k = 2 * q - 1; k >= 0; --k) counts[k + q] = counts[k];
  for (int k = 0; k < q; ++k) counts[k] = 0.0f;
  for (int k = 3 * q; k < bins; ++k) counts[k] = 0.0f;
}

bool receptive_window(const Network& net, int layer, int oy, int ox, InputWindow* out) {
  if (layer < 0 || layer >= net.layer_count()) return false;
  // Rows [y0, y1) and columns [x0, x1) of the current layer's input, walked down to the network's input.
  int y0 = oy, y1 = oy + 1, x0 = ox, x1 = ox + 1;
  for (int i = layer; i >= 0; --i) {
    const Layer& l = net.layer(i);
    if (const auto* conv = dynamic_cast<const Conv2dLayer*>(&l)) {
      const Conv2dGeometry& g = conv->geometry();
      y0 = y0 * g.stride - g.pad_top;
      y1 = (y1 - 1) * g.stride - g.pad_top + g.kernel_h;
      x0 = x0 * g.stride - g.pad_left;
      x1 = (x1 - 1) * g.stride - g.pad_left + g.kernel_w;
    } else if (const auto* pool = dynamic_cast<const Pool2dLayer*>(&l)) {
      const Pool2dGeometry& g = pool->geometry();
      y0 = y0 * g.stride;
      y1 = (y1 - 1) * g.stride + g.window;
      x0 = x0 * g.stride;
      x1 = (x1 - 1) * g.stride + g.window;
    } else if (dynamic_cast<const ActivationLayer*>(&l) == nullptr && dynamic_cast<const DropoutLayer*>(&l) == nullptr) {
      return false;  // dense, flatten, recurrent: every output depends on the whole input
    }
  }
  *out = InputWindow{y0, x0, y1 - y0, x1 - x0};
  return true;
}

}  // namespace layerlab
