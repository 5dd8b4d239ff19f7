// draw_tab.cpp: the inspector's Draw tab: a canvas to draw your own input for an image model (brush, erase,
// clear, start from a test example), the input the network actually sees, and its top-3 classes as you draw.
#include <algorithm>
#include <cstdio>

#include "draw_pad.h"
#include "panels.h"
#include "widget_registry.h"

namespace layerlab::ui {

namespace {
std::string class_name(const Dataset& d, int k) {
  if (k >= 0 && k < static_cast<int>(d.class_names.size())) return d.class_names[static_cast<size_t>(k)];
  return std::to_string(k);
}

void draw_tools(DrawPad& pad, LabState& lab, const Dataset& test) {
  if (ImGui::RadioButton("Draw", !pad.erase)) pad.erase = false;
  note_widget("draw-brush");
  ImGui::SameLine();
  if (ImGui::RadioButton("Erase", pad.erase)) pad.erase = true;
  note_widget("draw-erase");
  ImGui::SameLine(0, 14);
  const float longest = static_cast<float>(std::max(pad.width, pad.height));
  ImGui::SetNextItemWidth(110);
  ImGui::SliderFloat("##brush", &pad.brush, 0.25f, std::max(1.0f, longest / 4.0f), "brush %.1f px");
  note_widget("draw-brush-size");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Brush radius, in pixels of the %dx%d input", pad.width, pad.height);
  ImGui::SameLine();
  if (ImGui::Button("Clear")) draw_pad_clear(pad);
  note_widget("draw-clear");
  char label[64];
  std::snprintf(label, sizeof label, "Start from test example %d", lab.example);
  if (ImGui::Button(label)) draw_pad_load_example(pad, test, lab.example);
  note_widget("draw-from-example");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Copy a real test example onto the canvas, to edit it");
  ImGui::SameLine();
  // Room for the number beside its - and + buttons (square, frame-high: larger on a touch screen).
  ImGui::SetNextItemWidth(64 + 2 * (ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x));
  int e = lab.example;
  if (ImGui::InputInt("##draw-example", &e)) lab.example = std::clamp(e, 0, test.size() - 1);
}

// The canvas's pointer input: while the button is held, a stroke segment from the last point to this one.
void canvas_input(DrawPad& pad, ImVec2 p, ImVec2 size) {
  ImGui::InvisibleButton("##draw-canvas", size);
  note_widget("draw-canvas");
  if (!ImGui::IsItemActive()) {
    pad.stroking = false;
    return;
  }
  const ImVec2 m = ImGui::GetIO().MousePos;
  const float per = static_cast<float>(pad.width * pad.scale) / size.x;
  const float x = (m.x - p.x) * per, y = (m.y - p.y) * per;
  if (!pad.stroking) draw_pad_stroke(pad, x, y, x, y);
  else if (x != pad.last_x || y != pad.last_y) draw_pad_stroke(pad, pad.last_x, pad.last_y, x, y);
  pad.stroking = true;
  pad.last_x = x;
  pad.last_y = y;
}

// The canvas picture, and over small inputs the grid of pixels it is averaged into.
void paint_canvas(const DrawPad& pad, ImVec2 p, ImVec2 size) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 q(p.x + size.x, p.y + size.y);
  if (pad.canvas_texture.valid()) dl->AddImage(pad.canvas_texture.id(), p, q);
  if (pad.width <= 16) {
    const float cell = size.x / static_cast<float>(pad.width);
    const ImU32 grid = palette::rgb(70, 76, 88, 110);
    for (int i = 1; i < pad.width; ++i) dl->AddLine(ImVec2(p.x + cell * i, p.y), ImVec2(p.x + cell * i, q.y), grid);
    for (int i = 1; i < pad.height; ++i) dl->AddLine(ImVec2(p.x, p.y + cell * i), ImVec2(q.x, p.y + cell * i), grid);
  }
  dl->AddRect(p, q, palette::kBorder);
}

void draw_prediction(const DrawPad& pad, const LabState& lab, const Dataset& test, float width) {
  if (pad.probabilities.empty()) {
    ImGui::TextWrapped("This model gives no class per image (regression or a label per step): nothing to predict.");
    return;
  }
  caption(lab.playing ? "Top 3 classes (updating as it trains)" : "Top 3 classes");
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float bar_h = 18.0f, label_w = std::min(110.0f, width * 0.45f);
  const float bar_w = std::max(30.0f, width - label_w - 8);
  for (int slot = 0; slot < 3; ++slot) {
    const int k = pad.top[slot];
    if (k < 0) break;
    const float prob = pad.probabilities[static_cast<size_t>(k)];
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(width, bar_h));
    dl->AddText(ImVec2(p.x, p.y + 1), slot == 0 ? palette::kText : palette::kTextDim, class_name(test, k).substr(0, 14).c_str());
    const ImVec2 b(p.x + label_w, p.y + 2);
    dl->AddRectFilled(b, ImVec2(b.x + bar_w, b.y + bar_h - 4), palette::rgb(40, 44, 53));
    dl->AddRectFilled(b, ImVec2(b.x + bar_w * prob, b.y + bar_h - 4), slot == 0 ? palette::kBlue : palette::rgb(70, 110, 150));
    char pct[16];
    std::snprintf(pct, sizeof pct, "%.1f%%", 100.0 * prob);
    dl->AddText(ImVec2(b.x + 4, p.y + 1), palette::kText, pct);
  }
  note_widget("draw-top3");
  if (pad.source_example >= 0)
    ImGui::Text("started from test example %d (true: %s)", pad.source_example,
                class_name(test, test.labels(pad.source_example)[0]).c_str());
  ImGui::PushStyleColor(ImGuiCol_Text, palette::kTextDim);
  ImGui::Text("weights of step %ld", pad.step);
  ImGui::PopStyleColor();
}
}  // namespace

void draw_draw_tab(AppState& app) {
  LabState& lab = app.lab;
  DrawPad& pad = app.draw_pad;
  const TrainingSession& s = *lab.session;
  const Dataset& test = s.test_set();
  draw_pad_fit(pad, s.train_set(), test, lab.load.name);
  if (pad.width == 0) {
    ImGui::TextWrapped("The Draw tab is for image datasets (digits, fashion-mnist, or a CSV whose columns are the k x k "
                       "pixels of an image): %s holds %s, which cannot be drawn. Pick an image dataset in the data panel "
                       "to draw your own input.",
                       lab.load.name.c_str(), test.steps > 0 ? "sequences" : "rows of numbers");
    note_widget("draw-unsupported");
    return;
  }
  ImGui::PushStyleColor(ImGuiCol_Text, palette::kTextDim);
  const char* scaling = pad.standardized ? "each pixel column standardised with the training set's mean and deviation"
                        : pad.levels == 16 ? "0 to 1 in sixteenths, as the digits"
                        : pad.levels == 255 ? "0 to 1 in 255 steps" : "the data's value range";
  ImGui::TextWrapped("Draw with the mouse or a finger. The network sees your drawing averaged down to %dx%d pixels "
                     "and scaled as the dataset's examples are (%s).", pad.width, pad.height, scaling);
  ImGui::PopStyleColor();
  draw_tools(pad, lab, test);

  const float avail = ImGui::GetContentRegionAvail().x;
  const float side = std::clamp(avail * 0.55f, 120.0f, 320.0f);
  const float longest = static_cast<float>(std::max(pad.width, pad.height));
  const ImVec2 size(side * static_cast<float>(pad.width) / longest, side * static_cast<float>(pad.height) / longest);
  const ImVec2 at = ImGui::GetCursorScreenPos();
  canvas_input(pad, at, size);
  // This frame's stroke is in the canvas: the input, prediction and pictures follow before they are drawn.
  draw_pad_update(pad, lab, ImGui::GetTime());
  paint_canvas(pad, at, size);
  ImGui::SameLine(0, 14);
  ImGui::BeginGroup();
  const float column = std::max(120.0f, avail - side - 14);
  ImGui::Text("What the network sees (%dx%d)", pad.width, pad.height);
  const float preview = std::min(column, 112.0f);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(preview, preview));
  if (pad.input_texture.valid())
    ImGui::GetWindowDrawList()->AddImage(pad.input_texture.id(), p, ImVec2(p.x + preview, p.y + preview));
  note_widget("draw-preview");
  ImGui::Spacing();
  draw_prediction(pad, lab, test, column);
  ImGui::EndGroup();
}

}  // namespace layerlab::ui
