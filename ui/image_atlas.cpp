// image_atlas.cpp: shelf packing, row-range uploads, and the picture colours.
#include "image_atlas.h"

#include <algorithm>
#include <cmath>

#include "theme.h"

namespace layerlab::ui {

void ImageAtlas::clear() {
  x_ = shelf_y_ = shelf_h_ = 0;
}

Picture ImageAtlas::put(int w, int h, const uint32_t* pixels) {
  if (w <= 0 || h <= 0 || w > kWidth - 2) return {};
  if (pixels_.empty()) {
    pixels_.assign(static_cast<size_t>(kWidth) * kHeight, 0u);
    texture_.create(pixels_.data(), kWidth, kHeight, true);
  }
  if (x_ + w + 1 > kWidth) {  // next shelf
    shelf_y_ += shelf_h_ + 1;
    x_ = 0;
    shelf_h_ = 0;
  }
  if (shelf_y_ + h > kHeight) return {};
  for (int y = 0; y < h; ++y)
    std::copy(pixels + static_cast<size_t>(y) * w, pixels + static_cast<size_t>(y + 1) * w,
              pixels_.begin() + static_cast<std::ptrdiff_t>((shelf_y_ + y) * kWidth + x_));
  Picture p;
  p.texture = texture_.id();
  p.uv0 = ImVec2(static_cast<float>(x_) / kWidth, static_cast<float>(shelf_y_) / kHeight);
  p.uv1 = ImVec2(static_cast<float>(x_ + w) / kWidth, static_cast<float>(shelf_y_ + h) / kHeight);
  dirty_lo_ = std::min(dirty_lo_, shelf_y_);
  dirty_hi_ = std::max(dirty_hi_, shelf_y_ + h);
  x_ += w + 1;
  shelf_h_ = std::max(shelf_h_, h);
  return p;
}

void ImageAtlas::upload() {
  if (pixels_.empty() || dirty_lo_ >= dirty_hi_) return;
  texture_.update_rows(pixels_.data(), dirty_lo_, dirty_hi_);
  dirty_lo_ = kHeight;
  dirty_hi_ = 0;
}

uint32_t grey_pixel(float v, float lo, float hi) {
  const float t = hi > lo ? std::clamp((v - lo) / (hi - lo), 0.0f, 1.0f) : 0.0f;
  const int g = static_cast<int>(std::lround(20 + t * 225));
  return palette::rgb(g, g, g);
}

uint32_t signed_pixel(float v, float scale) {
  return diverging_color(scale > 0 ? std::clamp(v / scale, -1.0f, 1.0f) : 0.0f);
}

}  // namespace layerlab::ui
