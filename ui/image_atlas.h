// image_atlas.h: ImageAtlas, one nearest-filtered texture the lab workspace packs its pictures into
// (sample images, feature maps, kernels, gate heatmaps), so a whole panel draws in a few calls.
#pragma once
#include <cstdint>
#include <vector>

#include "view_atlas.h"

namespace layerlab::ui {

class ImageAtlas {
 public:
  static constexpr int kWidth = 1024, kHeight = 1024;
  void clear();  // forget every picture; the next put() starts again at the top
  // Packs a w x h picture (row-major RGBA, 0xAABBGGRR) in shelves; an empty Picture when it is full.
  Picture put(int w, int h, const uint32_t* pixels);
  void upload();  // sends the rows used since the last upload
  int used_rows() const { return shelf_y_ + shelf_h_; }

 private:
  std::vector<uint32_t> pixels_;
  GlTexture texture_;
  int x_ = 0, shelf_y_ = 0, shelf_h_ = 0;
  int dirty_lo_ = kHeight, dirty_hi_ = 0;
};

// Colours for the pictures: grey for images (v in [lo, hi]), the diverging map for signed values.
uint32_t grey_pixel(float v, float lo, float hi);
uint32_t signed_pixel(float v, float scale);  // v / scale in [-1, 1]: orange (−) to blue (+)

}  // namespace layerlab::ui
