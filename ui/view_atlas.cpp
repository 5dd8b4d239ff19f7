// view_atlas.cpp: tile placement, anti-aliased point sprites drawn once on the CPU, and uploads.
#include "view_atlas.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "theme.h"

namespace layerlab::ui {

namespace {
constexpr int kSpriteY = ViewAtlas::kTileRows * ViewAtlas::kTile;

uint32_t blend(uint32_t dst, uint32_t src, float a) {
  auto ch = [&](int shift) {
    const float d = static_cast<float>((dst >> shift) & 0xFF), s = static_cast<float>((src >> shift) & 0xFF);
    return static_cast<uint32_t>(std::lround(d + (s - d) * a)) << shift;
  };
  return ch(0) | ch(8) | ch(16) | (dst & 0xFF000000u);
}
}  // namespace

void ViewAtlas::set_tile(int index, const uint32_t* pixels) {
  if (index < 0 || index >= kMaxTiles) return;
  if (pixels_.empty()) {
    pixels_.assign(static_cast<size_t>(kWidth) * kHeight, 0u);
    draw_sprites();
  }
  const int tx = (index % kTilesPerRow) * kTile, ty = (index / kTilesPerRow) * kTile;
  for (int r = 0; r < kTile; ++r)
    std::memcpy(&pixels_[static_cast<size_t>(ty + r) * kWidth + static_cast<size_t>(tx)], pixels + static_cast<size_t>(r) * kTile,
                kTile * sizeof(uint32_t));
  dirty_rows_ = std::max(dirty_rows_, ty + kTile);
}

void ViewAtlas::upload() {
  if (pixels_.empty()) return;
  if (!texture_.valid()) {
    texture_.create(pixels_.data(), kWidth, kHeight);
  } else {
    texture_.update_rows(pixels_.data(), 0, dirty_rows_);
  }
  dirty_rows_ = 0;
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
