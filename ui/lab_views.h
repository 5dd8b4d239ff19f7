// lab_views.h: LabViews, the lab workspace's pictures and per-example numbers for the inspectors: sample
// images, one example's feature maps and the kernels (with their last-batch gradients), the LSTM's gates
// over time, and the first test examples' top-3 predictions.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "image_atlas.h"
#include "lab_state.h"

namespace layerlab::ui {

struct MapLayerView {
  int layer = 0;         // network layer index
  std::string name;      // "conv 1 (3x3)", "maxpool 2x2"
  InputShape shape;
  std::vector<Picture> maps;  // one per channel
  float lo = 0.0f, hi = 0.0f;
};

struct KernelView {
  int layer = 0;
  std::string name;
  int filters = 0, channels = 0, kh = 0, kw = 0;
  std::vector<Picture> weights, grads;  // filters * channels, f-major
  float weight_scale = 0.0f, grad_scale = 0.0f;
};

struct GateView {
  const char* name;       // "forget gate f", ...
  const char* meaning;    // one line for the learner
  Picture picture;        // width = steps, height = units
  bool signed_values;
};

struct Top3 {
  int example = 0;
  int label = 0;
  int classes[3] = {0, 0, 0};
  float probs[3] = {0, 0, 0};
};

struct LabViews {
  ImageAtlas atlas;
  long session_id = -1, step = -1;  // what the pictures show
  int example = -1;
  double time = 0.0;
  std::unique_ptr<Workspace> ws;   // forward passes for the inspectors (the session's are its own)
  std::vector<Picture> samples;  // the first training images
  std::vector<int> sample_labels;
  std::vector<Picture> test_samples;  // the first test images (the examples grid)
  Picture input;                 // the chosen test example
  std::vector<MapLayerView> maps;
  std::vector<KernelView> kernels;
  int lstm_layer = -1, steps = 0, units = 0;
  std::vector<GateView> gates;
  std::vector<float> grad_norms;  // ‖∂L/∂h_t‖ of the last training batch, per step
  int predicted = -1;             // for the chosen example
  std::vector<float> probabilities;
  std::vector<Top3> top3;         // the first test examples, with the weights the pictures show
};

// Redraws the pictures when the weights or the chosen example changed (at most 5 times a second while
// training: one forward pass of one example and of the first test examples).
void refresh_lab_views(LabState& lab, LabViews& views, double now_seconds);

}  // namespace layerlab::ui
