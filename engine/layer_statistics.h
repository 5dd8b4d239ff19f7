// layer_statistics.h: numbers the inspectors follow while a network trains: its trainable layers (the
// arena's parameters grouped by layer) and their gradient norms, weight histograms on a grid that widens
// by doubling (so a history of them stays comparable), the share of dead ReLU units over a batch, and the
// window of the input behind one cell of any conv / pool layer (through every layer below it).
#pragma once
#include <string>
#include <vector>

#include "introspection.h"
#include "network.h"

namespace layerlab {

// One layer's parameters: "conv 1" holds "conv 1 kernels" and "conv 1 bias" (names from the arena).
struct TrainableLayer {
  std::string name;
  std::vector<ParamId> params;
  ParamId weights = -1;  // the first parameter with the Weight role (-1: none)
};
// In the arena's order (the network's layer order).
std::vector<TrainableLayer> trainable_layers(const ParameterArena& arena);
// L2 norm of the layer's gradients (every parameter, biases included) as the arena holds them now.
float gradient_norm(const ParameterArena& arena, const TrainableLayer& layer);

// Share of the `features` units whose value is <= 0 in every one of the n rows of `values` (n, features):
// for a ReLU's output, the units no example of the batch switches on. 0 when n or features is 0.
float dead_unit_share(const float* values, int n, int features);

// A histogram over [-range, range] in `bins` equal bins (bins a multiple of 4). The range starts at the
// first values' largest magnitude rounded up to a power of two and doubles when a value falls outside, so
// counts made earlier can be re-binned exactly (two bins into one) by whoever keeps them.
struct HistogramGrid {
  int bins = 32;
  float range = 0.0f;  // 0 until the first values are seen
  // Widens the range to cover every finite value; returns how many times it doubled.
  int cover(const float* values, size_t n);
  int bin_of(float v) const;        // clamped to [0, bins)
  float bin_low(int bin) const { return -range + 2.0f * range * static_cast<float>(bin) / static_cast<float>(bins); }
};
// counts (bins values) on a grid whose range has just doubled: the old bins fall into the middle half.
void histogram_widened(float* counts, int bins);

// The input rows [y0, y0 + height) and columns [x0, x0 + width) one output cell (oy, ox) of `layer`
// depends on, through every conv, pool, activation and dropout layer from the input up to it (parts
// outside the image are padding). False when a layer on the way is not image-shaped (dense, flatten,
// recurrent): then there is no such window.
bool receptive_window(const Network& net, int layer, int oy, int ox, InputWindow* out);

}  // namespace layerlab
