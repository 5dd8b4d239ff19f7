// view_atlas.cpp: tile placement, anti-aliased point sprites drawn once on the CPU, and uploads.
#include "view_atlas.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "theme.h"

namespace layerlab::ui {

namespace {
constexpr int kSpriteY = ViewAtlas::kTileRows * ViewAtlas::kTile;  // sprites sit between tiles and previews

uint32_t blend(uint32_t dst, uint32_t src, float a) {
  auto ch = [&](int shift) {
    const float d = static_cast<float>((dst >> shift) & 0xFF), s = static_cast<float>((src >> shift) & 0xFF);
    return static_cast<uint32_t>(std::lround(d + (s - d) * a)) << shift;
  };
  return ch(0) | ch(8) | ch(16) | (dst & 0xFF000000u);
}
}  // namespace

void ViewAtlas::ensure_pixels() {
  if (!pixels_.empty()) return;
  pixels_.assign(static_cast<size_t>(kWidth) * kHeight, 0u);
  draw_sprites();
  mark_dirty(0, kHeight);
}

void ViewAtlas::mark_dirty(int y0, int y1) {
  dirty_lo_ = std::min(dirty_lo_, y0);
  dirty_hi_ = std::max(dirty_hi_, y1);
}

void ViewAtlas::set_tile(int index, const uint32_t* pixels) {
  if (index < 0 || index >= kMaxTiles) return;
  ensure_pixels();
  const int tx = (index % kTilesPerRow) * kTile, ty = (index / kTilesPerRow) * kTile;
  for (int r = 0; r < kTile; ++r)
    std::memcpy(&pixels_[static_cast<size_t>(ty + r) * kWidth + static_cast<size_t>(tx)], pixels + static_cast<size_t>(r) * kTile,
                kTile * sizeof(uint32_t));
  mark_dirty(ty, ty + kTile);
}

void ViewAtlas::set_preview(int index, const float* xy, const int* labels, int count) {
  if (index < 0 || index >= kWidth / kPreview) return;
  ensure_pixels();
  const int x0 = index * kPreview;
  const uint32_t background = palette::rgb(40, 44, 53);
  for (int y = 0; y < kPreview; ++y)
    for (int x = 0; x < kPreview; ++x) pixels_[static_cast<size_t>(kPreviewY + y) * kWidth + static_cast<size_t>(x0 + x)] = background;
  const float radius = 2.3f, margin = 5.0f, span = kPreview - 2 * margin;
  for (int i = 0; i < count; ++i) {
    const float cx = margin + (xy[2 * i] + 1.0f) * 0.5f * span, cy = margin + (1.0f - xy[2 * i + 1]) * 0.5f * span;
    const uint32_t colour = labels[i] ? palette::kBlue : palette::kOrange;
    for (int y = static_cast<int>(cy - radius - 1); y <= static_cast<int>(cy + radius + 1); ++y)
      for (int x = static_cast<int>(cx - radius - 1); x <= static_cast<int>(cx + radius + 1); ++x) {
        if (x < 0 || y < 0 || x >= kPreview || y >= kPreview) continue;
        const float d = std::hypot(static_cast<float>(x) + 0.5f - cx, static_cast<float>(y) + 0.5f - cy);
        const float a = std::clamp(radius - d + 0.5f, 0.0f, 1.0f);
        uint32_t& p = pixels_[static_cast<size_t>(kPreviewY + y) * kWidth + static_cast<size_t>(x0 + x)];
        if (a > 0.0f) p = blend(p, colour, a);
      }
  }
  mark_dirty(kPreviewY, kHeight);
}

Picture ViewAtlas::preview(int index) const {
  if (!texture_.valid()) return {};
  const float x = static_cast<float>(index * kPreview), y = static_cast<float>(kPreviewY);
  return {texture_.id(), ImVec2(x / kWidth, y / kHeight), ImVec2((x + kPreview) / kWidth, (y + kPreview) / kHeight)};
}

void ViewAtlas::upload() {
  if (pixels_.empty()) return;
  if (!texture_.valid()) {
    texture_.create(pixels_.data(), kWidth, kHeight);
  } else if (dirty_lo_ < dirty_hi_) {
    texture_.update_rows(pixels_.data(), dirty_lo_, dirty_hi_);
  }
  dirty_lo_ = kHeight;
  dirty_hi_ = 0;
}

Picture ViewAtlas::tile(int index) const {
  if (!texture_.valid() || index < 0 || index >= kMaxTiles) return {};
  // Half a texel inside the tile, so linear filtering never bleeds in a neighbour.
  const float x = static_cast<float>((index % kTilesPerRow) * kTile), y = static_cast<float>((index / kTilesPerRow) * kTile);
  return {texture_.id(), ImVec2((x + 0.5f) / kWidth, (y + 0.5f) / kHeight),
          ImVec2((x + kTile - 0.5f) / kWidth, (y + kTile - 0.5f) / kHeight)};
}

Picture ViewAtlas::sprite(Sprite s) const {
  if (!texture_.valid()) return {};
  const float x = static_cast<float>(static_cast<int>(s) * kSpriteSize), y = static_cast<float>(kSpriteY);
  return {texture_.id(), ImVec2(x / kWidth, y / kHeight), ImVec2((x + kSpriteSize) / kWidth, (y + kSpriteSize) / kHeight)};
}

// Discs with a rim (dark for training points, white for test points), anti-aliased by coverage;
// transparent outside, so they sit on any heatmap.
void ViewAtlas::draw_sprites() {
  const float c = kSpriteSize * 0.5f, outer = c - 1.0f, rim = 2.2f;
  for (int s = 0; s < static_cast<int>(Sprite::Count); ++s) {
    const bool blue = s == static_cast<int>(Sprite::TrainBlue) || s == static_cast<int>(Sprite::TestBlue);
    const bool test = s >= static_cast<int>(Sprite::TestOrange);
    const uint32_t fill = blue ? palette::kBlue : palette::kOrange;
    const uint32_t edge = test ? palette::rgb(255, 255, 255) : palette::rgb(20, 22, 26);
    for (int y = 0; y < kSpriteSize; ++y)
      for (int x = 0; x < kSpriteSize; ++x) {
        const float d = std::hypot(static_cast<float>(x) + 0.5f - c, static_cast<float>(y) + 0.5f - c);
        const float alpha = std::clamp(outer - d + 0.5f, 0.0f, 1.0f);
        const float inner = std::clamp(outer - rim - d + 0.5f, 0.0f, 1.0f);
        const uint32_t colour = blend(edge, fill, inner);
        const uint32_t a = static_cast<uint32_t>(std::lround(alpha * 255.0f));
        pixels_[static_cast<size_t>(kSpriteY + y) * kWidth + static_cast<size_t>(s * kSpriteSize + x)] = (colour & 0x00FFFFFFu) | a << 24;
      }
  }
}

}  // namespace layerlab::ui
