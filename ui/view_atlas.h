// view_atlas.h: ViewAtlas, one texture holding every small picture the lab draws many of: the plane
// tiles (output, inputs, each neuron) and the data-point sprites. Drawing them all from one texture
// lets ImGui batch a whole panel into a few draw calls: software GL (SwiftShader in a browser without a
// GPU, llvmpipe on the desktop) pays for every call and for every anti-aliased fringe.
#pragma once
#include <cstdint>
#include <vector>

#include "gl_texture.h"

namespace layerlab::ui {

struct Picture {
  ImTextureID texture{};
  ImVec2 uv0, uv1;
  explicit operator bool() const { return texture != ImTextureID{}; }
};

enum class Sprite { TrainOrange, TrainBlue, TestOrange, TestBlue, Count };

class ViewAtlas {
 public:
  static constexpr int kTile = 64;  // pixels per side of a plane tile
  static constexpr int kWidth = 1024;
  static constexpr int kTilesPerRow = kWidth / kTile;
  static constexpr int kTileRows = 7;
  static constexpr int kMaxTiles = kTilesPerRow * kTileRows;  // output + 2 inputs + 6 x 16 neurons fit
  static constexpr int kSpriteSize = 24;                      // sprite cell, pixels per side
  static constexpr int kPreview = 128;                        // dataset preview, pixels per side
  static constexpr int kPreviewY = kTileRows * kTile + kSpriteSize;
  static constexpr int kHeight = kPreviewY + kPreview;

  // Tile `index` gets kTile x kTile pixels (row-major, row 0 at the top); sent to the GPU by upload().
  void set_tile(int index, const uint32_t* pixels);
  // Preview `index` (0..7): 2-D points (x, y in [-1, 1], y up) drawn once as discs on a dark square.
  void set_preview(int index, const float* xy, const int* labels, int count);
  void upload();  // creates the texture on first use, then sends the rows that changed
  Picture tile(int index) const;
  Picture preview(int index) const;
  Picture sprite(Sprite s) const;
  bool ready() const { return texture_.valid(); }

 private:
  void draw_sprites();
  std::vector<uint32_t> pixels_;
  GlTexture texture_;
  void ensure_pixels();
  void mark_dirty(int y0, int y1);
  int dirty_lo_ = kHeight, dirty_hi_ = 0;  // rows [lo, hi) changed since the last upload
};

}  // namespace layerlab::ui
