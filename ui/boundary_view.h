// boundary_view.h: BoundaryView, the network's output and every neuron's output over the input plane,
// computed on a grid by one batched forward pass and kept as textures for the heatmap and the diagram.
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "dataset.h"
#include "loss.h"
#include "mlp.h"
#include "network.h"
#include "view_atlas.h"

namespace layerlab::ui {

class BoundaryView {
 public:
  static constexpr int kGrid = ViewAtlas::kTile;  // cells per side of the plane [-1, 1]²

  // Re-evaluates the grid through `net` (built from `spec`) and refreshes every texture.
  void update(const Network& net, const MlpSpec& spec, LossKind loss, bool discretize);

  Picture output_picture() const { return atlas_.tile(0); }
  Picture input_picture(int feature) const { return atlas_.tile(1 + feature); }
  Picture neuron_picture(int hidden_layer, int neuron) const;
  Picture sprite(Sprite s) const { return atlas_.sprite(s); }
  // The dataset picker's thumbnails, drawn once into the atlas.
  void set_preview(int index, const Dataset& d) { atlas_.set_preview(index, d.x.data(), d.y.data(), d.size()); }
  Picture preview_picture(int index) const { return atlas_.preview(index); }
  void upload() { atlas_.upload(); }
  // The output's value in [-1, 1] (orange −1 … blue +1) at plane point (x, y).
  float output_at(float x, float y) const;
  bool ready() const { return atlas_.ready(); }

 private:
  void paint(const float* values, int stride, int offset, float scale, float shift, bool discretize,
             int tile);

  MlpSpec spec_{};
  std::vector<float> grid_;               // (kGrid², 2) plane coordinates, row 0 at the top (y = +1)
  std::unique_ptr<Workspace> workspace_;  // sized for one grid pass
  const Network* workspace_owner_ = nullptr;
  std::vector<float> output_value_;       // (kGrid²) in [-1, 1]
  std::vector<uint32_t> pixels_;
  ViewAtlas atlas_;                       // tile 0 output, 1-2 inputs, then neurons
  std::vector<int> layer_start_;          // tile of hidden layer h's first neuron
};

}  // namespace layerlab::ui
