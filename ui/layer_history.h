// layer_history.h: LayerHistory, what the Layers inspector shows over training: each trainable layer's
// gradient norm and weight histogram, and each ReLU layer's share of dead units on a probe batch, sampled
// a few times a second into buffers made once per session. When they are full, neighbouring samples merge
// in pairs, so the whole run stays in view (denser where it is recent) and nothing is allocated after.
#pragma once
#include <string>
#include <vector>

#include "layer_statistics.h"
#include "view_atlas.h"

namespace layerlab::ui {

constexpr int kHistorySamples = 256;  // samples kept (a multiple of 2)
constexpr int kHistogramBins = 32;    // a multiple of 4 (the grid widens by merging bins in pairs)

struct LayerTrace {
  TrainableLayer layer;
  std::vector<float> grad_norms;   // per sample
  HistogramGrid grid;              // the weights' bins, shared by every sample
  std::vector<float> histograms;   // kHistogramBins counts per sample, sample after sample
  float weight_lo = 0.0f, weight_hi = 0.0f;  // the current weights' range
  int weight_count = 0;
  Picture heatmap;                 // x: sample, y: bin (high values at the top), colour: log count
};

struct ReluTrace {
  int layer = 0;                   // network layer index
  std::string name;                // "relu after conv 1"
  int units = 0;
  std::vector<float> dead;         // share of dead units per sample, 0..1
};

struct LayerHistory {
  long session_id = -1;
  int count = 0;                   // samples held
  std::vector<long> steps;         // the training step of each sample
  std::vector<LayerTrace> layers;
  std::vector<ReluTrace> relus;
  int probe_examples = 0;          // rows of the probe batch the dead shares count over
};

// Fresh buffers for a network (its trainable layers and ReLU layers; `layer_names` names each layer).
void layer_history_reset(LayerHistory& h, const Network& net, const std::vector<std::string>& layer_names, long session_id);
// One sample at `step`: gradient norms and weights from the arena now, dead shares from `probe` (a
// workspace holding a forward pass of `probe_rows` examples).
void layer_history_record(LayerHistory& h, const Network& net, long step, const Workspace& probe, int probe_rows);
// Puts each layer's heatmap into the atlas (called after the atlas was cleared).
class ImageAtlas;
void layer_history_draw(LayerHistory& h, ImageAtlas& atlas);

}  // namespace layerlab::ui
