// plots.cpp: line_plot, a small hoverable multi-series line chart drawn with ImDrawList.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "panels.h"

namespace layerlab::ui {

void line_plot(const char* id, ImVec2 size, int count, const PlotSeries* series, int series_count, const char* x_label) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton(id, size);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 q(p.x + size.x, p.y + size.y);
  dl->AddRectFilled(p, q, palette::rgb(24, 27, 33), 4.0f);
  if (count < 1) return;

  float top = 1e-6f;
  for (int s = 0; s < series_count; ++s)
    for (int i = 0; i < count; ++i) {
      const float v = series[s].value(i);
      if (std::isfinite(v)) top = std::max(top, v);
    }
  const float pad = 4.0f;
  auto x_at = [&](int i) { return p.x + pad + (size.x - 2 * pad) * (count == 1 ? 1.0f : static_cast<float>(i) / static_cast<float>(count - 1)); };
  auto y_at = [&](float v) { return q.y - pad - (size.y - 2 * pad) * std::clamp(v / top, 0.0f, 1.0f); };

  // At most one vertex per pixel column: long runs are sampled, not drawn point by point. One polyline
  // of whole-pixel width per series (ImGui draws those from its line texture: cheap on software GL).
  const int stride = std::max(1, static_cast<int>(static_cast<float>(count) / (size.x - 2 * pad)));
  for (int s = 0; s < series_count; ++s) {
    for (int i = 0;; i += stride) {  // a missing value (NaN: not measured yet) breaks the line
      const int k = std::min(i, count - 1);
      const float v = series[s].value(k);
      if (std::isfinite(v)) dl->PathLineTo(ImVec2(x_at(k), y_at(v)));
      else dl->PathStroke(series[s].color, 0, 2.0f);
      if (k == count - 1) break;
    }
    dl->PathStroke(series[s].color, 0, 2.0f);
  }
  char axis[32];
  std::snprintf(axis, sizeof axis, "%.3g", static_cast<double>(top));
  if (top > 1e-6f) dl->AddText(ImVec2(p.x + 4, p.y + 2), palette::kTextDim, axis);  // else nothing measured yet

  if (ImGui::IsItemHovered()) {
    const float t = std::clamp((ImGui::GetIO().MousePos.x - p.x - pad) / (size.x - 2 * pad), 0.0f, 1.0f);
    const int i = static_cast<int>(std::lround(t * static_cast<float>(count - 1)));
    dl->AddLine(ImVec2(x_at(i), p.y), ImVec2(x_at(i), q.y), palette::kTextDim, 1.0f);
    ImGui::BeginTooltip();
    ImGui::Text("%s %d", x_label, i);
    for (int s = 0; s < series_count; ++s) {
      ImGui::PushStyleColor(ImGuiCol_Text, series[s].color);
      const float v = series[s].value(i);
      if (std::isfinite(v)) ImGui::Text("%s %.4f", series[s].name, static_cast<double>(v));
      else ImGui::Text("%s -", series[s].name);  // not measured at this point (e.g. training loss before epoch 1)
      ImGui::PopStyleColor();
    }
    ImGui::EndTooltip();
  }
}

void draw_picture(ImDrawList* dl, const Picture& picture, ImVec2 p0, ImVec2 p1) {
  if (picture) dl->AddImage(picture.texture, p0, p1, picture.uv0, picture.uv1);
}

void scatter_points(ImDrawList* dl, const BoundaryView& views, const Dataset& d, ImVec2 p, float size, float radius,
                    bool test) {
  const Picture sprites[2] = {views.sprite(test ? Sprite::TestOrange : Sprite::TrainOrange),
                              views.sprite(test ? Sprite::TestBlue : Sprite::TrainBlue)};
  if (!sprites[0]) return;
  dl->PushTextureID(sprites[0].texture);  // every point in one draw call
  for (int i = 0; i < d.size(); ++i) {
    const ImVec2 c(p.x + (d.row(i)[0] + 1.0f) * 0.5f * size, p.y + (1.0f - d.row(i)[1]) * 0.5f * size);
    const Picture& s = sprites[d.y[static_cast<size_t>(i)] ? 1 : 0];
    dl->AddImage(s.texture, ImVec2(c.x - radius, c.y - radius), ImVec2(c.x + radius, c.y + radius), s.uv0, s.uv1);
  }
  dl->PopTextureID();
}

}  // namespace layerlab::ui
