// grid_view.cpp: drawing maps of numbers as cells, with hover and outlines.
#include "tutorial/grid_view.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "theme.h"

namespace layerlab::ui {

namespace {
constexpr int kTextureAbove = 24 * 24;  // maps with more cells than this are drawn from a texture
}

ImU32 grid_colour(float v, const GridStyle& style) {
  if (style.diverging) {
    const float scale = std::max({std::fabs(style.lo), std::fabs(style.hi), 1e-6f});
    return diverging_color(v / scale);
  }
  const float t = style.hi > style.lo ? std::clamp((v - style.lo) / (style.hi - style.lo), 0.0f, 1.0f) : 0.5f;
  const int g = static_cast<int>(t * 255.0f + 0.5f);
  return palette::rgb(g, g, g);
}

void value_range(const float* v, size_t n, float* lo, float* hi) {
  if (n == 0) {
    *lo = 0.0f;
    *hi = 1.0f;
    return;
  }
  const auto [mn, mx] = std::minmax_element(v, v + n);
  *lo = *mn;
  *hi = *mx;
}

int GridView::draw(const char* id, const float* values, int rows, int cols, float cell, const GridStyle& style) {
  rows_ = rows;
  cols_ = cols;
  cell_ = cell;
  origin_ = ImGui::GetCursorScreenPos();
  const ImVec2 size(cols * cell, rows * cell);
  ImGui::InvisibleButton(id, ImVec2(std::max(size.x, 1.0f), std::max(size.y, 1.0f)));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const size_t n = static_cast<size_t>(rows) * cols;
  if (n == 0) return -1;
  if (n > static_cast<size_t>(kTextureAbove)) {
    const bool same = shown_.size() == n && std::memcmp(shown_.data(), values, n * sizeof(float)) == 0 &&
                      shown_style_.lo == style.lo && shown_style_.hi == style.hi &&
                      shown_style_.diverging == style.diverging && texture_.width() == cols &&
                      texture_.height() == rows;
    if (!same) {
      shown_.assign(values, values + n);
      shown_style_ = style;
      rgba_.resize(n);
      for (size_t i = 0; i < n; ++i) rgba_[i] = grid_colour(values[i], style);
      texture_.create(rgba_.data(), cols, rows, true);
    }
    draw->AddImage(texture_.id(), origin_, ImVec2(origin_.x + size.x, origin_.y + size.y));
  } else {
    char text[32];
    for (int r = 0; r < rows; ++r)
      for (int c = 0; c < cols; ++c) {
        const float v = values[static_cast<size_t>(r) * cols + c];
        const ImVec2 a(origin_.x + c * cell, origin_.y + r * cell);
        const ImVec2 b(a.x + cell, a.y + cell);
        const ImU32 fill = grid_colour(v, style);
        draw->AddRectFilled(a, b, fill);
        draw->AddRect(a, b, palette::kBorder);
        if (!style.numbers) continue;
        std::snprintf(text, sizeof text, "%.*f", style.decimals, static_cast<double>(v));
        const ImVec2 ts = ImGui::CalcTextSize(text);
        // Dark text on light cells, light on dark ones.
        const int luminance = static_cast<int>((fill & 0xFF) + ((fill >> 8) & 0xFF) + ((fill >> 16) & 0xFF)) / 3;
        draw->AddText(ImVec2(a.x + (cell - ts.x) * 0.5f, a.y + (cell - ts.y) * 0.5f),
                      luminance > 140 ? palette::rgb(20, 22, 26) : palette::kText, text);
      }
  }
  if (!ImGui::IsItemHovered()) return -1;
  const ImVec2 m = ImGui::GetMousePos();
  const int c = static_cast<int>((m.x - origin_.x) / cell), r = static_cast<int>((m.y - origin_.y) / cell);
  return r >= 0 && c >= 0 && r < rows && c < cols ? r * cols + c : -1;
}

void GridView::outline(int row, int col, int h, int w, ImU32 colour, float thickness) const {
  const ImVec2 a(origin_.x + col * cell_, origin_.y + row * cell_);
  ImGui::GetWindowDrawList()->AddRect(a, ImVec2(a.x + w * cell_, a.y + h * cell_), colour, 0.0f, 0, thickness);
}

}  // namespace layerlab::ui
