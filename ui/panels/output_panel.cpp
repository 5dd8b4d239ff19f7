// output_panel.cpp: losses and accuracies, the loss curves, and the big heatmap of the network's output
// (or of the selected neuron) with the data points on top.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "panels.h"
#include "widget_registry.h"

namespace layerlab::ui {

namespace {

void metric(const AppState& app, const char* label, float value, const char* format) {
  ImGui::BeginGroup();
  caption(label);
  ImGui::PushFont(app.fonts.mono);
  ImGui::Text(format, static_cast<double>(value));
  ImGui::PopFont();
  ImGui::EndGroup();
}

void draw_heatmap(AppState& app, float size) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const Picture picture = app.selected.is_output() ? app.boundary.output_picture()
                                                   : app.boundary.neuron_picture(app.selected.layer, app.selected.neuron);
  ImGui::InvisibleButton("##heatmap", ImVec2(size, size));
  note_widget("heatmap");
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  draw_picture(dl, picture, p, ImVec2(p.x + size, p.y + size));
  const float radius = std::clamp(size / 90.0f, 3.0f, 5.5f);
  scatter_points(dl, app.boundary, app.session->train_set(), p, size, radius, false);
  if (app.show_test_points) scatter_points(dl, app.boundary, app.session->test_set(), p, size, radius, true);
  dl->AddRect(p, ImVec2(p.x + size, p.y + size), palette::kBorder);
  if (hovered && app.selected.is_output()) {
    const ImVec2 m = ImGui::GetIO().MousePos;
    const float x = (m.x - p.x) / size * 2.0f - 1.0f, y = 1.0f - (m.y - p.y) / size * 2.0f;
    const float v = app.boundary.output_at(x, y);
    ImGui::SetTooltip("x\xe2\x82\x81 %.2f, x\xe2\x82\x82 %.2f\noutput %+.2f: %s", static_cast<double>(x), static_cast<double>(y),
                      static_cast<double>(v), v >= 0 ? "blue" : "orange");
  }
}

void colour_legend(float width) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const int steps = 32;
  const float w = width / steps;
  for (int i = 0; i < steps; ++i) {
    const float v = -1.0f + 2.0f * (static_cast<float>(i) + 0.5f) / steps;
    dl->AddRectFilled(ImVec2(p.x + w * static_cast<float>(i), p.y), ImVec2(p.x + w * static_cast<float>(i + 1), p.y + 8),
                      diverging_color(v, 0.7f));
  }
  ImGui::Dummy(ImVec2(width, 10));
  caption("-1 orange");
  ImGui::SameLine(width * 0.5f - 4);
  caption("0");
  ImGui::SameLine(width - 52);
  caption("blue +1");
}

}  // namespace

void draw_output_panel(AppState& app) {
  panel_heading(app.fonts, "OUTPUT");
  if (!app.session) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kDanger);
    ImGui::TextWrapped("This network cannot be trained: %s", app.setup_error.c_str());
    ImGui::PopStyleColor();
    return;
  }
  const TrainingSession& s = *app.session;
  const EpochRecord& last = s.history().back();
  metric(app, "Test loss", last.test.loss, "%.4f");
  ImGui::SameLine(0, 18);
  metric(app, "Training loss", last.train.loss, "%.4f");
  ImGui::SameLine(0, 18);
  metric(app, "Test accuracy", last.test.accuracy * 100.0f, "%.1f%%");
  note_widget("metrics");

  if (s.diverged()) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kDanger);
    ImGui::TextWrapped("%s", s.error().c_str());
    ImGui::PopStyleColor();
    note_widget("divergence");
  }

  const auto& h = s.history();
  const PlotSeries series[2] = {
      {"test loss", palette::kTestLine, [&h](int i) { return h[static_cast<size_t>(i)].test.loss; }},
      {"training loss", palette::kTrainLine, [&h](int i) { return h[static_cast<size_t>(i)].train.loss; }},
  };
  const float width = ImGui::GetContentRegionAvail().x;
  line_plot("##loss", ImVec2(width, 70), static_cast<int>(h.size()), series, 2, "epoch");
  note_widget("loss-plot");
  ImGui::PushStyleColor(ImGuiCol_Text, palette::kTestLine);
  ImGui::TextUnformatted("\xe2\x80\x94 test");
  ImGui::PopStyleColor();
  ImGui::SameLine();
  ImGui::PushStyleColor(ImGuiCol_Text, palette::kTrainLine);
  ImGui::TextUnformatted("\xe2\x80\x94 training");
  ImGui::PopStyleColor();

  if (!app.selected.is_output()) {
    ImGui::TextDisabled("Showing neuron %d of hidden layer %d.", app.selected.neuron + 1, app.selected.layer + 1);
    ImGui::SameLine();
    if (ImGui::SmallButton("Show output")) app.selected = NeuronRef{};
  } else {
    ImGui::TextDisabled("The network's output over the plane:");
  }
  const float legend = 78.0f;
  const float size = std::max(80.0f, std::min(width, ImGui::GetContentRegionAvail().y - legend));
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (width - size) * 0.5f);
  if (app.boundary.ready()) draw_heatmap(app, size);
  colour_legend(width);
  ImGui::Checkbox("Show test data", &app.show_test_points);
  note_widget("show-test");
  ImGui::SameLine();
  if (ImGui::Checkbox("Discretize output", &app.discretize)) app.boundary_step = -1;
}

}  // namespace layerlab::ui
