// lesson_plots.cpp: bars on a log scale, drawn with ImDrawList.
#include "tutorial/lesson_plots.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "theme.h"

namespace layerlab::ui {

int log_bar_plot(const char* id, ImVec2 size, int count, const LogBarSeries* series, int series_count, int decades,
                 const char* x_label) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton(id, size);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 q(p.x + size.x, p.y + size.y);
  dl->AddRectFilled(p, q, palette::rgb(24, 27, 33), 4.0f);
  if (count < 1 || series_count < 1) return -1;
  float top = 0.0f;
  for (int s = 0; s < series_count; ++s)
    for (int i = 0; i < count; ++i)
      if (std::isfinite(series[s].values[i])) top = std::max(top, series[s].values[i]);
  if (top <= 0.0f) return -1;
  const double log_top = std::ceil(std::log10(static_cast<double>(top)) - 1e-9);
  if (decades <= 0) {  // enough powers of ten to show the smallest value, 3 to 18
    float bottom = top;
    for (int s = 0; s < series_count; ++s)
      for (int i = 0; i < count; ++i)
        if (series[s].values[i] > 0.0f && std::isfinite(series[s].values[i])) bottom = std::min(bottom, series[s].values[i]);
    decades = std::clamp(static_cast<int>(log_top - std::floor(std::log10(static_cast<double>(bottom)))), 3, 18);
  }
  const float left = 44.0f, pad = 4.0f;
  const float plot_h = size.y - 2 * pad, plot_w = size.x - left - pad;
  auto y_at = [&](double v) {
    const double t = (std::log10(v) - (log_top - decades)) / decades;
    return q.y - pad - plot_h * static_cast<float>(std::clamp(t, 0.0, 1.0));
  };
  char label[32];
  for (int d = 0; d <= decades; ++d) {  // a gridline per power of ten
    const float y = q.y - pad - plot_h * static_cast<float>(d) / decades;
    dl->AddLine(ImVec2(p.x + left, y), ImVec2(q.x - pad, y), palette::rgb(44, 48, 58));
    std::snprintf(label, sizeof label, "1e%d", static_cast<int>(log_top) - decades + d);
    if (d % std::max(1, decades / 4) == 0) dl->AddText(ImVec2(p.x + 4, y - 8), palette::kTextDim, label);
  }
  const float slot = plot_w / count, bar = std::max(1.0f, (slot - 2.0f) / series_count);
  for (int i = 0; i < count; ++i)
    for (int s = 0; s < series_count; ++s) {
      const float v = series[s].values[i];
      if (!(v > 0.0f) || !std::isfinite(v)) continue;
      const float x = p.x + left + i * slot + 1.0f + s * bar;
      dl->AddRectFilled(ImVec2(x, y_at(v)), ImVec2(x + bar, q.y - pad), series[s].colour);
    }
  if (!ImGui::IsItemHovered()) return -1;
  const int i = static_cast<int>((ImGui::GetIO().MousePos.x - p.x - left) / slot);
  if (i < 0 || i >= count) return -1;
  ImGui::BeginTooltip();
  ImGui::Text("%s %d", x_label, i);
  for (int s = 0; s < series_count; ++s) {
    ImGui::PushStyleColor(ImGuiCol_Text, series[s].colour);
    ImGui::Text("%s %.3g", series[s].name, static_cast<double>(series[s].values[i]));
    ImGui::PopStyleColor();
  }
  ImGui::EndTooltip();
  return i;
}

}  // namespace layerlab::ui
