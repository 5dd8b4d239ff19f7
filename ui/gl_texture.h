// gl_texture.h: GlTexture, an RGBA8 texture the UI draws with ImGui (the one place that calls GL).
#pragma once
#include <cstdint>

#include "imgui.h"

namespace layerlab::ui {

class GlTexture {
 public:
  GlTexture() = default;
  GlTexture(const GlTexture&) = delete;
  GlTexture& operator=(const GlTexture&) = delete;
  ~GlTexture();

  // Creates (or re-creates) the texture at w x h from `pixels` (bytes R,G,B,A; 0xAABBGGRR as uint32).
  // `nearest`: pixels stay crisp squares when enlarged (feature maps, kernels), else smooth (heatmaps).
  void create(const uint32_t* pixels, int w, int h, bool nearest = false);
  // Replaces rows [y0, y1) from a full-width image `pixels` of the texture's size.
  void update_rows(const uint32_t* pixels, int y0, int y1);
  ImTextureID id() const { return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(handle_)); }
  bool valid() const { return handle_ != 0; }
  int width() const { return w_; }
  int height() const { return h_; }

 private:
  unsigned handle_ = 0;
  int w_ = 0, h_ = 0;
};

}  // namespace layerlab::ui
