// lab_views.h: LabViews, the lab workspace's pictures and per-example numbers for the inspectors: sample
// images, one example's feature maps with their gradients and the kernels (with their last-batch gradients),
// the LSTM's gates over time, words the model writes, the first test examples' top-3 predictions, and the
// per-layer history (layer_history.h).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "image_atlas.h"
#include "lab_state.h"
#include "layer_history.h"

namespace layerlab::ui {

struct MapLayerView {
  int layer = 0;         // network layer index
  std::string name;      // "conv 1 (3x3)", "maxpool 2x2"
  InputShape shape;
  std::vector<Picture> maps;  // one per channel
  float lo = 0.0f, hi = 0.0f;
  std::vector<Picture> grads;  // ∂L/∂map for the example, one per channel (empty when not computed)
  float grad_scale = 0.0f;     // the grads' colour scale: ±grad_scale
  float grad_abs_mean = 0.0f;  // mean |∂L/∂map| (the tests' fingerprint of the gradients)
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

// Words drawn from a next-character model (the `words` set): the learner's prompt, temperature and seed; the
// same seed each time, so the words change only as the weights do, until Regenerate draws a new seed.
struct GeneratedText {
  float temperature = 0.8f;
  char prompt[12] = "";
  uint64_t seed = 1;
  bool regenerate = true;          // draw again at the next refresh
  bool available = false;          // the model is a next-character model
  std::vector<std::string> words;
  std::string error;               // a prompt the model cannot take
  long step = -1;                  // the weights the words came from
  double time = -1e9;
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
  bool show_map_gradients = true; // the feature maps tab shows ∂L/∂map under each layer's maps
  float example_loss = 0.0f;      // the chosen example's loss (when its gradients were computed)
  LayerHistory history;           // per-layer numbers over training (the Layers tab)
  GeneratedText text;             // words from a next-character model (the LSTM gates tab)
  ModelSpec spec;                 // the session's model and shapes, made once per session
  std::vector<InputShape> shapes;
  std::vector<std::string> layer_names;  // "conv 8 3x3 same", "relu", ... one per network layer
  double refresh_ms = 0.0;        // the last refresh's cost
};

// Redraws the pictures when the weights or the chosen example changed (at most 5 times a second while
// training: a forward and backward pass of one example, a forward pass of the first test examples (the
// probe batch of the history), and a few words every 2 seconds while the gates tab is open).
void refresh_lab_views(LabState& lab, LabViews& views, double now_seconds);

}  // namespace layerlab::ui
