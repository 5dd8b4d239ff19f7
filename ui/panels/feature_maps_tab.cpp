// feature_maps_tab.cpp: the Feature maps inspector: one example's input, every conv / pool / activation
// layer's maps with their gradients ∂L/∂map beside them, the window of the input behind a clicked cell of
// any layer (through every conv and pool below it), and the kernels with their last-batch gradients.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "inspector_tabs.h"
#include "layer_statistics.h"
#include "widget_registry.h"

namespace layerlab::ui {

void wrapped_caption(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, palette::kTextDim);
  ImGui::TextWrapped("%s", text);
  ImGui::PopStyleColor();
}

void value_legend(float lo, float hi, bool is_signed, float width) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float scale = std::max(std::fabs(lo), std::fabs(hi));
  if (is_signed) lo = -scale, hi = scale;
  char left[24], right[24];
  std::snprintf(left, sizeof left, "%.2g", static_cast<double>(lo));
  std::snprintf(right, sizeof right, "%.2g", static_cast<double>(hi));
  const float lw = ImGui::CalcTextSize(left).x, bar_h = 9.0f;
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float h = ImGui::GetTextLineHeight();
  ImGui::Dummy(ImVec2(lw + width + ImGui::CalcTextSize(right).x + 12, h));
  dl->AddText(p, palette::kTextDim, left);
  const float x0 = p.x + lw + 6, y0 = p.y + (h - bar_h) * 0.5f;
  constexpr int kSteps = 24;
  for (int i = 0; i < kSteps; ++i) {
    const float t0 = static_cast<float>(i) / kSteps, t1 = static_cast<float>(i + 1) / kSteps;
    const float mid = 0.5f * (t0 + t1);
    const ImU32 c = is_signed ? diverging_color(2.0f * mid - 1.0f)
                              : palette::rgb(20 + static_cast<int>(mid * 225), 20 + static_cast<int>(mid * 225),
                                             20 + static_cast<int>(mid * 225));
    dl->AddRectFilled(ImVec2(x0 + t0 * width, y0), ImVec2(x0 + t1 * width + 0.5f, y0 + bar_h), c);
  }
  if (is_signed) dl->AddLine(ImVec2(x0 + width * 0.5f, y0 - 2), ImVec2(x0 + width * 0.5f, y0 + bar_h + 2), palette::kText);
  dl->AddText(ImVec2(x0 + width + 6, p.y), palette::kTextDim, right);
  if (ImGui::IsItemHovered()) {
    const float t = std::clamp((ImGui::GetIO().MousePos.x - x0) / width, 0.0f, 1.0f);
    ImGui::SetTooltip("%.4g", static_cast<double>(lo + t * (hi - lo)));
  }
}

namespace {
// The input, with the window behind the clicked cell outlined (clipped to the picture; padding outside).
void draw_input(AppState& app) {
  LabState& lab = app.lab;
  const LabViews& v = app.lab_views;
  const Dataset& test = lab.session->test_set();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float size = 112.0f;
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(size, size));
  draw_picture(dl, v.input, p, ImVec2(p.x + size, p.y + size));
  note_widget("inspect-input");
  InputWindow win{};
  const bool has_window = lab.layer >= 0 && receptive_window(lab.session->network(), lab.layer, lab.cell_y, lab.cell_x, &win);
  if (has_window && test.width > 0 && test.height > 0) {
    const float sx = size / static_cast<float>(test.width), sy = size / static_cast<float>(test.height);
    const float x0 = std::max(0, win.x0) * sx, x1 = std::min(test.width, win.x0 + win.width) * sx;
    const float y0 = std::max(0, win.y0) * sy, y1 = std::min(test.height, win.y0 + win.height) * sy;
    dl->AddRect(ImVec2(p.x + x0, p.y + y0), ImVec2(p.x + x1, p.y + y1), palette::kOrange, 0, 0, 2.0f);
    note_widget("input-window");
  }
  ImGui::SameLine(0, 12);
  ImGui::BeginGroup();
  ImGui::Checkbox("gradients", &app.lab_views.show_map_gradients);
  note_widget("show-map-gradients");
  ImGui::SameLine();
  caption("∂L/∂map under each layer's maps");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("The gradient of this example's loss with respect to each value of the map: how the loss would\n"
                      "move if that value grew (blue: it would rise, orange: it would fall, white: no effect).");
  if (has_window) {
    const std::string& name = v.layer_names[static_cast<size_t>(lab.layer)];
    ImGui::Text("%s, map %d, cell (row %d, column %d):", name.c_str(), lab.cell_map + 1, lab.cell_y, lab.cell_x);
    const int inside_h = std::min(test.height, win.y0 + win.height) - std::max(0, win.y0);
    const int inside_w = std::min(test.width, win.x0 + win.width) - std::max(0, win.x0);
    ImGui::Text("computed from input rows %d-%d, columns %d-%d (%dx%d)", win.y0, win.y0 + win.height - 1, win.x0,
                win.x0 + win.width - 1, win.height, win.width);
    if (inside_h != win.height || inside_w != win.width) wrapped_caption("(the part outside the image is padding)");
  } else {
    wrapped_caption("Click a cell of any layer's maps: the input window it was computed from is outlined, through every "
                    "conv and pool layer below it.");
  }
  if (v.maps.size() && !v.maps.front().grads.empty()) ImGui::Text("this example's loss: %.4f", static_cast<double>(v.example_loss));
  ImGui::EndGroup();
}

// One row of pictures, one per channel; a click picks the cell under the mouse (maps only).
void picture_row(AppState& app, const MapLayerView& m, const std::vector<Picture>& pictures, float cell, int per_row,
                 bool clickable, const char* tip) {
  LabState& lab = app.lab;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (size_t c = 0; c < pictures.size(); ++c) {
    if (c % static_cast<size_t>(per_row) != 0) ImGui::SameLine(0, 4);
    const ImVec2 q = ImGui::GetCursorScreenPos();
    ImGui::PushID(static_cast<int>(m.layer * 1000 + static_cast<int>(c) + (clickable ? 0 : 500)));
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const int cx = std::clamp(static_cast<int>((mouse.x - q.x) / cell * m.shape.width), 0, m.shape.width - 1);
    const int cy = std::clamp(static_cast<int>((mouse.y - q.y) / cell * m.shape.height), 0, m.shape.height - 1);
    if (ImGui::InvisibleButton("##map", ImVec2(cell, cell))) {  // a gradient cell picks the same cell
      lab.layer = m.layer;
      lab.cell_x = cx;
      lab.cell_y = cy;
      lab.cell_map = static_cast<int>(c);
    }
    const bool hovered = ImGui::IsItemHovered();
    if (c == 0) {
      char name[32];
      std::snprintf(name, sizeof name, clickable ? "map-%d" : "grad-%d", m.layer);
      note_widget(name);
    }
    ImGui::PopID();
    draw_picture(dl, pictures[c], q, ImVec2(q.x + cell, q.y + cell));
    if (lab.layer == m.layer && lab.cell_map == static_cast<int>(c) && lab.cell_x >= 0) {
      const float px = cell / static_cast<float>(m.shape.width), py = cell / static_cast<float>(m.shape.height);
      const ImVec2 a(q.x + lab.cell_x * px, q.y + lab.cell_y * py);
      dl->AddRect(a, ImVec2(a.x + std::max(px, 2.0f), a.y + std::max(py, 2.0f)), palette::kOrange, 0, 0, 1.5f);
    }
    if (hovered) ImGui::SetTooltip("%s, %s %zu, cell (row %d, column %d)", m.name.c_str(), tip, c + 1, cy, cx);
  }
}

void draw_kernels(const LabViews& v) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (const KernelView& k : v.kernels) {
    ImGui::Spacing();
    ImGui::Text("%s: %d kernels of %dx%d per input channel", k.name.c_str(), k.filters, k.kh, k.kw);
    caption("weights (left) and their gradient in the last mini-batch (right)");
    value_legend(-k.weight_scale, k.weight_scale, true, 80.0f);
    ImGui::SameLine(0, 24);
    value_legend(-k.grad_scale, k.grad_scale, true, 80.0f);
    const float cell = 18.0f;
    const int shown_channels = std::min(k.channels, 8);
    for (int f = 0; f < k.filters && f < 16; ++f) {
      for (int side = 0; side < 2; ++side) {
        const std::vector<Picture>& pictures = side == 0 ? k.weights : k.grads;
        for (int c = 0; c < shown_channels; ++c) {
          if (c > 0) ImGui::SameLine(0, 2);
          else if (side == 1) ImGui::SameLine(0, 16);
          const ImVec2 q = ImGui::GetCursorScreenPos();
          ImGui::Dummy(ImVec2(cell, cell));
          draw_picture(dl, pictures[static_cast<size_t>(f * k.channels + c)], q, ImVec2(q.x + cell, q.y + cell));
        }
      }
    }
    if (k.filters > 16 || k.channels > 8) caption("(the first 16 filters and 8 channels)");
  }
  note_widget("kernels");
}
}  // namespace

void draw_feature_maps_tab(AppState& app) {
  const LabViews& v = app.lab_views;
  example_picker(app);
  if (v.maps.empty() && !v.input) {
    ImGui::TextWrapped("This model has no image-shaped layers. Choose an image dataset (fashion-mnist, digits) and the "
                       "CNN preset to see feature maps.");
    return;
  }
  draw_input(app);
  const float avail = ImGui::GetContentRegionAvail().x;
  const bool gradients = v.show_map_gradients;
  for (const MapLayerView& m : v.maps) {
    ImGui::Text("%s  %s", m.name.c_str(), shape_text(m.shape).c_str());
    ImGui::SameLine(0, 12);
    value_legend(m.lo, m.hi, m.lo < 0.0f, 90.0f);
    const float cell = std::clamp(std::floor((avail + 4) / std::min(8, m.shape.channels) - 4), 24.0f, 72.0f);
    const int per_row = std::max(1, static_cast<int>((avail + 4) / (cell + 4)));
    picture_row(app, m, m.maps, cell, per_row, true, "map");
    if (gradients && !m.grads.empty()) {
      caption("∂L/∂map");
      ImGui::SameLine(0, 12);
      value_legend(-m.grad_scale, m.grad_scale, true, 90.0f);
      picture_row(app, m, m.grads, cell, per_row, false, "gradient of map");
    }
    ImGui::Spacing();
  }
  note_widget("feature-maps");
  draw_kernels(v);
}

}  // namespace layerlab::ui
