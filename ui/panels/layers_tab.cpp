// layers_tab.cpp: the Layers inspector: each trainable layer's gradient norm over training (log scale), its
// weight histogram over time (a heatmap: x = step, y = weight value, colour = count) and now, and the share
// of dead ReLU units per ReLU layer over time and now. Every plot answers the mouse with its values.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "inspector_tabs.h"
#include "widget_registry.h"

namespace layerlab::ui {

namespace {
// Colours for up to six series, told apart by hue and lightness (never red against green alone).
constexpr ImU32 kSeriesColours[] = {palette::kBlue, palette::kOrange, palette::rgb(236, 237, 240), palette::rgb(150, 110, 220),
                                    palette::rgb(90, 200, 200), palette::rgb(230, 200, 60)};
ImU32 series_colour(size_t i) { return kSeriesColours[i % (sizeof kSeriesColours / sizeof kSeriesColours[0])]; }

constexpr int kMaxSeries = 12;  // lines per plot (deeper models: the first 12 layers)

struct StepSeries {
  const char* name;
  ImU32 colour;
  const std::vector<float>* values;
};

// Series over the history's samples, x = the training step; `log_scale`: y on a log10 axis (values <= 0
// skipped), else y from 0 to `top` (or the largest value when top <= 0). Hover: the nearest sample's values.
void step_plot(const char* id, ImVec2 size, const LayerHistory& h, const StepSeries* series, int series_count,
               bool log_scale, float top) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton(id, size);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 q(p.x + size.x, p.y + size.y);
  dl->AddRectFilled(p, q, palette::rgb(24, 27, 33), 4.0f);
  if (h.count < 1) return;
  float lo = 1e30f, hi = -1e30f;
  for (int s = 0; s < series_count; ++s)
    for (int i = 0; i < h.count; ++i) {
      const float v = (*series[s].values)[static_cast<size_t>(i)];
      if (!std::isfinite(v) || (log_scale && v <= 0.0f)) continue;
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
  if (lo > hi) return;  // nothing to draw yet
  float y_lo = 0.0f, y_hi = top > 0.0f ? top : std::max(hi, 1e-6f);
  if (log_scale) {
    y_lo = std::floor(std::log10(lo));
    y_hi = std::max(std::ceil(std::log10(hi)), y_lo + 1.0f);
  }
  const float pad = 6.0f, left = 44.0f;
  const long s0 = h.steps.front(), s1 = std::max(h.steps[static_cast<size_t>(h.count - 1)], s0 + 1);
  auto x_at = [&](long step) { return p.x + left + (size.x - left - pad) * static_cast<float>(step - s0) / static_cast<float>(s1 - s0); };
  auto y_at = [&](float v) {
    const float t = log_scale ? (std::log10(v) - y_lo) / (y_hi - y_lo) : v / y_hi;
    return q.y - pad - (size.y - 2 * pad) * std::clamp(t, 0.0f, 1.0f);
  };
  char label[32];
  for (int k = 0; k <= (log_scale ? static_cast<int>(y_hi - y_lo) : 1); ++k) {  // axis labels (decades on a log axis)
    const float v = log_scale ? std::pow(10.0f, y_lo + static_cast<float>(k)) : (k ? y_hi : 0.0f);
    const float y = y_at(v);
    std::snprintf(label, sizeof label, "%.0e", static_cast<double>(v));
    if (!log_scale) std::snprintf(label, sizeof label, "%.2g", static_cast<double>(v));
    dl->AddLine(ImVec2(p.x + left, y), ImVec2(q.x - pad, y), palette::rgb(48, 53, 63));
    dl->AddText(ImVec2(p.x + 4, y - 7), palette::kTextDim, label);
  }
  for (int s = 0; s < series_count; ++s) {
    for (int i = 0; i < h.count; ++i) {
      const float v = (*series[s].values)[static_cast<size_t>(i)];
      if (std::isfinite(v) && (!log_scale || v > 0.0f)) dl->PathLineTo(ImVec2(x_at(h.steps[static_cast<size_t>(i)]), y_at(v)));
      else dl->PathStroke(series[s].colour, 0, 2.0f);
    }
    dl->PathStroke(series[s].colour, 0, 2.0f);
  }
  if (ImGui::IsItemHovered()) {
    const float mx = ImGui::GetIO().MousePos.x;
    int best = 0;
    for (int i = 1; i < h.count; ++i)
      if (std::fabs(x_at(h.steps[static_cast<size_t>(i)]) - mx) < std::fabs(x_at(h.steps[static_cast<size_t>(best)]) - mx)) best = i;
    dl->AddLine(ImVec2(x_at(h.steps[static_cast<size_t>(best)]), p.y), ImVec2(x_at(h.steps[static_cast<size_t>(best)]), q.y),
                palette::kTextDim);
    ImGui::BeginTooltip();
    ImGui::Text("step %ld", h.steps[static_cast<size_t>(best)]);
    for (int s = 0; s < series_count; ++s) {
      ImGui::PushStyleColor(ImGuiCol_Text, series[s].colour);
      ImGui::Text("%s  %.4g", series[s].name, static_cast<double>((*series[s].values)[static_cast<size_t>(best)]));
      ImGui::PopStyleColor();
    }
    ImGui::EndTooltip();
  }
}

// The histogram over time (left) and now (right), for one layer.
void weight_views(const LayerHistory& h, const LayerTrace& t, float width) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float height = 84.0f, now_w = 150.0f, axis = 44.0f;
  const float heat_w = std::max(80.0f, width - now_w - axis - 16.0f);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  char label[32];
  std::snprintf(label, sizeof label, "%+.2g", static_cast<double>(t.grid.range));
  dl->AddText(ImVec2(p.x, p.y), palette::kTextDim, label);
  std::snprintf(label, sizeof label, "%+.2g", static_cast<double>(-t.grid.range));
  dl->AddText(ImVec2(p.x, p.y + height - 14), palette::kTextDim, label);
  dl->AddText(ImVec2(p.x + 14, p.y + height * 0.5f - 7), palette::kTextDim, "0");
  ImGui::SetCursorScreenPos(ImVec2(p.x + axis, p.y));
  const ImVec2 a = ImGui::GetCursorScreenPos();
  ImGui::PushID(t.layer.name.c_str());
  ImGui::InvisibleButton("##heat", ImVec2(heat_w, height));
  draw_picture(dl, t.heatmap, a, ImVec2(a.x + heat_w, a.y + height));
  const ImVec2 m = ImGui::GetIO().MousePos;
  const float bin_h = height / kHistogramBins;
  auto bin_at = [&](float y) { return std::clamp(kHistogramBins - 1 - static_cast<int>((y - a.y) / bin_h), 0, kHistogramBins - 1); };
  auto bin_text = [&](int b) {
    std::snprintf(label, sizeof label, "[%.3g, %.3g)", static_cast<double>(t.grid.bin_low(b)), static_cast<double>(t.grid.bin_low(b + 1)));
    return label;
  };
  if (ImGui::IsItemHovered() && h.count > 0) {
    const int i = std::clamp(static_cast<int>((m.x - a.x) / heat_w * h.count), 0, h.count - 1), b = bin_at(m.y);
    ImGui::SetTooltip("step %ld\nweights in %s: %.0f", h.steps[static_cast<size_t>(i)], bin_text(b),
                      static_cast<double>(t.histograms[static_cast<size_t>(i * kHistogramBins + b)]));
  }
  ImGui::SameLine(0, 16);
  const ImVec2 c = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##now", ImVec2(now_w, height));
  dl->AddRectFilled(c, ImVec2(c.x + now_w, c.y + height), palette::rgb(24, 27, 33), 4.0f);
  if (h.count > 0) {  // horizontal bars: one per bin, the same rows as the heatmap
    const float* counts = t.histograms.data() + static_cast<size_t>(h.count - 1) * kHistogramBins;
    const float most = std::max(1.0f, *std::max_element(counts, counts + kHistogramBins));
    for (int b = 0; b < kHistogramBins; ++b) {
      const float y = c.y + (kHistogramBins - 1 - b) * bin_h;
      dl->AddRectFilled(ImVec2(c.x, y + 0.5f), ImVec2(c.x + (now_w - 4) * counts[b] / most, y + bin_h - 0.5f), palette::kBlue);
    }
    if (ImGui::IsItemHovered()) {
      const int b = bin_at(m.y);
      ImGui::SetTooltip("now: %.0f of %d weights in %s", static_cast<double>(counts[b]), t.weight_count, bin_text(b));
    }
  }
  ImGui::PopID();
}
}  // namespace

void draw_layers_tab(AppState& app) {
  const LayerHistory& h = app.lab_views.history;
  if (h.layers.empty()) {
    ImGui::TextWrapped("This model has no trainable layers.");
    return;
  }
  const float w = ImGui::GetContentRegionAvail().x;
  wrapped_caption("Gradient norm of each trainable layer (all its parameters) in the last mini-batch, over training (log scale). "
          "A layer far below the others learns slowly; a jump up warns of divergence.");
  StepSeries series[kMaxSeries];  // no allocation per frame
  int n = 0;
  for (size_t i = 0; i < h.layers.size() && n < kMaxSeries; ++i)
    series[n++] = {h.layers[i].layer.name.c_str(), series_colour(i), &h.layers[i].grad_norms};
  step_plot("##layer-grad-norms", ImVec2(w, 130), h, series, n, true, 0.0f);
  note_widget("layer-grad-norms");
  for (size_t i = 0; i < h.layers.size(); ++i) {
    if (i > 0) ImGui::SameLine(0, 14);
    ImGui::PushStyleColor(ImGuiCol_Text, series_colour(i));
    ImGui::Text("-- %s", h.layers[i].layer.name.c_str());
    ImGui::PopStyleColor();
  }

  if (!h.relus.empty()) {
    ImGui::Spacing();
    ImGui::Text("Dead ReLUs: units that output 0 for every one of the first %d test examples", h.probe_examples);
    n = 0;
    for (size_t i = 0; i < h.relus.size() && n < kMaxSeries; ++i) series[n++] = {h.relus[i].name.c_str(), series_colour(i), &h.relus[i].dead};
    step_plot("##dead-relus", ImVec2(w, 90), h, series, n, false, 1.0f);
    note_widget("dead-relus");
    for (size_t i = 0; i < h.relus.size() && h.count > 0; ++i) {
      ImGui::PushStyleColor(ImGuiCol_Text, series_colour(i));
      ImGui::Text("%s: %.1f%% of %d units dead now", h.relus[i].name.c_str(),
                  100.0 * h.relus[i].dead[static_cast<size_t>(h.count - 1)], h.relus[i].units);
      ImGui::PopStyleColor();
    }
  }

  ImGui::Spacing();
  wrapped_caption("Weights over training: x = step, y = weight value, colour = how many (log scale, dark few, light many); "
          "right: the histogram now.");
  for (const LayerTrace& t : h.layers) {
    ImGui::Text("%s: %d weights, now in [%.3g, %.3g]", t.layer.name.c_str(), t.weight_count, static_cast<double>(t.weight_lo),
                static_cast<double>(t.weight_hi));
    weight_views(h, t, w);
  }
  note_widget("weight-histograms");
  if (h.count > 1) {
    ImGui::Text("steps %ld to %ld, %d samples", h.steps.front(), h.steps[static_cast<size_t>(h.count - 1)], h.count);
  }
}

}  // namespace layerlab::ui
