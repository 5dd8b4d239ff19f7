// grid_view.h: GridView, a map of numbers (a picture, a kernel, a feature map) drawn as square cells, from
// a texture when it is large and as filled cells with their values printed when it is small; it reports
// the cell under the mouse and draws outlines over cells (the window a kernel or a pooling covers).
#pragma once
#include <cstdint>
#include <vector>

#include "gl_texture.h"
#include "imgui.h"

namespace layerlab::ui {

struct GridStyle {
  float lo = 0.0f, hi = 1.0f;  // grey from lo (black) to hi (white) ...
  bool diverging = false;      // ... or orange (negative) to blue (positive), scaled by max(|lo|, |hi|)
  bool numbers = false;        // print each value in its cell (small maps)
  int decimals = 0;
};

class GridView {
 public:
  // Draws the (rows x cols) map at the cursor, `cell` pixels per value, as one item; returns the index of
  // the cell under the mouse (row * cols + col) or -1. Texture updates happen only when the values change.
  int draw(const char* id, const float* values, int rows, int cols, float cell, const GridStyle& style);
  // An outline around cells [row, row + h) x [col, col + w) of the last drawn map (may reach outside it).
  void outline(int row, int col, int h, int w, ImU32 colour, float thickness = 2.0f) const;
  ImVec2 origin() const { return origin_; }
  float cell() const { return cell_; }

 private:
  GlTexture texture_;
  std::vector<float> shown_;
  std::vector<uint32_t> rgba_;
  GridStyle shown_style_;
  int rows_ = 0, cols_ = 0;
  ImVec2 origin_;
  float cell_ = 1.0f;
};

// The colour GridView gives a value.
ImU32 grid_colour(float v, const GridStyle& style);
// Smallest and largest of n values (0, 1 when n = 0).
void value_range(const float* v, size_t n, float* lo, float* hi);

}  // namespace layerlab::ui
