// layout.cpp: draw_lab, which places the panels of the current workspace in the window (1280x720 and up).
#include <algorithm>

#include "panels.h"
#include "widget_registry.h"

namespace layerlab::ui {

namespace {
constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                         ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoTitleBar |
                                         ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;

void panel(const char* name, ImVec2 pos, ImVec2 size, void (*draw)(AppState&), AppState& app,
           ImGuiWindowFlags extra = 0) {
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  if (ImGui::Begin(name, nullptr, kPanelFlags | extra)) draw(app);
  ImGui::End();
}
// A message for the learner across the bottom of the window, until dismissed.
void draw_banner(AppState& app, ImVec2 display) {
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y - 16), ImGuiCond_Always, ImVec2(0.5f, 1.0f));
  ImGui::SetNextWindowSize(ImVec2(std::min(720.0f, display.x - 40), 0));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, palette::rgb(60, 38, 36));
  if (ImGui::Begin("##banner", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::TextWrapped("%s", app.banner.c_str());
    note_widget("banner");
    if (ImGui::Button("Dismiss")) app.banner.clear();
  }
  ImGui::End();
  ImGui::PopStyleColor();
}
}  // namespace

void draw_lab(AppState& app) {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  // The frame is cleared to the panel colour and panels draw no background of their own: only the
  // gutters between them are painted. Software GL (no GPU) pays for every covered pixel.
  ImDrawList* bg = ImGui::GetBackgroundDrawList();
  const float m = 8.0f;
  const float bar = 70.0f + 2.0f * std::max(0.0f, ImGui::GetFrameHeight() - 25.0f);  // taller frames on touch screens
  const float left = 236.0f;
  const float right = std::clamp(display.x * 0.32f, 360.0f, 560.0f);
  const float body_y = bar + 2 * m;
  const float body_h = std::max(100.0f, display.y - body_y - m);
  const float middle_x = 2 * m + left, right_x = display.x - right - m;
  const bool models = app.mode == Mode::Models;
  // The models workspace's builder is narrower than the playground's network drawing; the inspectors
  // take the rest. The third column starts at `third_x` in either workspace.
  const float builder = std::clamp(display.x * 0.27f, 330.0f, 460.0f);
  const float third_x = models ? middle_x + builder + m : right_x;
  for (const ImVec4& r : {ImVec4(0, 0, display.x, m), ImVec4(0, m + bar, display.x, body_y),
                          ImVec4(0, display.y - m, display.x, display.y), ImVec4(0, 0, m, display.y),
                          ImVec4(display.x - m, 0, display.x, display.y), ImVec4(m + left, body_y, middle_x, display.y),
                          ImVec4(third_x - m, body_y, third_x, display.y)})
    bg->AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.z, r.w), palette::kBackground);
  panel("Training", ImVec2(m, m), ImVec2(display.x - 2 * m, bar), models ? draw_lab_top_bar : draw_top_bar, app,
        ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  panel("Data", ImVec2(m, body_y), ImVec2(left, body_h), models ? draw_lab_data_panel : draw_data_panel, app);
  if (models) {
    panel("Model", ImVec2(middle_x, body_y), ImVec2(builder, body_h), draw_model_builder, app);
    panel("Inspect", ImVec2(third_x, body_y), ImVec2(display.x - third_x - m, body_h), draw_inspector_panel, app);
  } else {
    panel("Network", ImVec2(middle_x, body_y), ImVec2(display.x - left - right - 4 * m, body_h), draw_network_panel,
          app, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    panel("Output", ImVec2(right_x, body_y), ImVec2(right, body_h), draw_output_panel, app);
  }
  if (!app.banner.empty()) draw_banner(app, display);
}

}  // namespace layerlab::ui
