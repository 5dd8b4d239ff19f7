// data_panel.cpp: the dataset picker (a thumbnail per shape) and the data settings.
#include <algorithm>

#include "panels.h"
#include "widget_registry.h"

namespace layerlab::ui {

namespace {

bool shape_button(AppState& app, Shape2D shape, float size) {
  ImGui::PushID(static_cast<int>(shape));
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const bool pressed = ImGui::InvisibleButton("##shape", ImVec2(size, size));
  const std::string widget = std::string("dataset-") + shape2d_name(shape);
  note_widget(widget.c_str());
  ImDrawList* dl = ImGui::GetWindowDrawList();
  draw_picture(dl, app.boundary.preview_picture(static_cast<int>(shape)), p, ImVec2(p.x + size, p.y + size));
  const bool selected = app.recipe.shape == shape;
  if (selected || ImGui::IsItemHovered())
    dl->AddRect(ImVec2(p.x - 2, p.y - 2), ImVec2(p.x + size + 2, p.y + size + 2),
                selected ? palette::kText : palette::kTextDim, 0.0f, 0, selected ? 2.0f : 1.0f);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", shape2d_name(shape));
  ImGui::PopID();
  return pressed;
}

}  // namespace

void draw_data_panel(AppState& app) {
  PlaygroundRecipe& r = app.recipe;
  if (!app.previews_drawn && app.boundary.ready()) {  // once: four quads to draw instead of 1,200 points
    for (int s = 0; s < kShape2DCount; ++s) app.boundary.set_preview(s, make_dataset2d(static_cast<Shape2D>(s), 300, 0.0f, 1));
    app.boundary.upload();
    app.previews_drawn = true;
  }

  draw_mode_switch(app);
  panel_heading(app.fonts, "DATA");
  ImGui::TextWrapped("Which dataset do you want to use?");
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float size = std::min(90.0f, (ImGui::GetContentRegionAvail().x - gap) * 0.5f - 2.0f);
  for (int s = 0; s < kShape2DCount; ++s) {
    if (s % 2) ImGui::SameLine(0, gap + 4);
    if (shape_button(app, static_cast<Shape2D>(s), size) && r.shape != static_cast<Shape2D>(s)) {
      r.shape = static_cast<Shape2D>(s);
      reset_session(app);
    }
  }
  ImGui::Spacing();

  const float width = ImGui::GetContentRegionAvail().x;
  int ratio = static_cast<int>(r.train_fraction * 100.0f + 0.5f);
  caption("Ratio of training to test data");
  ImGui::SetNextItemWidth(width);
  if (ImGui::SliderInt("##ratio", &ratio, 10, 90, "%d%% training")) r.train_fraction = static_cast<float>(ratio) / 100.0f;
  if (ImGui::IsItemDeactivatedAfterEdit()) reset_session(app);

  int noise = static_cast<int>(r.noise * 100.0f + 0.5f);
  caption("Noise");
  ImGui::SetNextItemWidth(width);
  if (ImGui::SliderInt("##noise", &noise, 0, 50, "%d")) r.noise = static_cast<float>(noise) / 100.0f;
  if (ImGui::IsItemDeactivatedAfterEdit()) reset_session(app);

  caption("Points");
  ImGui::SetNextItemWidth(width);
  ImGui::SliderInt("##points", &r.points, kMinPoints2D, kMaxPoints2D, "%d", ImGuiSliderFlags_AlwaysClamp);
  if (ImGui::IsItemDeactivatedAfterEdit()) reset_session(app);

  caption("Seed");
  int seed = static_cast<int>(r.seed);
  ImGui::SetNextItemWidth(width - 90);
  if (ImGui::InputInt("##seed", &seed, 0, 0) && seed >= 0) r.seed = static_cast<uint64_t>(seed);
  if (ImGui::IsItemDeactivatedAfterEdit()) reset_session(app);
  ImGui::SameLine();
  if (ImGui::Button("New data", ImVec2(-1, 0))) {
    r.seed += 1;
    reset_session(app);
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("The seed decides the points, the train/test split, the first weights and the order of examples:\nthe same seed gives the same run.");

  // Recipes: the playground's opening experiment, and one that learns the spiral (the default network
  // is too small for it, which is itself worth seeing).
  caption("Recipes");
  if (ImGui::Button("Default", ImVec2((width - gap) * 0.5f, 0))) {
    r = PlaygroundRecipe{};
    reset_session(app);
  }
  note_widget("recipe-default");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Circle, two tanh layers of 4 and 2, learning rate 0.03");
  ImGui::SameLine(0, gap);
  if (ImGui::Button("Learn spiral", ImVec2(-1, 0))) {
    r = spiral_recipe();
    reset_session(app);
  }
  note_widget("recipe-spiral");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Spiral, three ReLU layers of 16, learning rate 0.1: about 200 epochs to 95%%");

  ImGui::Spacing();
  ImGui::Separator();
  ImGui::Spacing();
  panel_heading(app.fonts, "FEATURES");
  ImGui::TextWrapped("Two inputs: x\xe2\x82\x81 (left to right) and x\xe2\x82\x82 (bottom to top), each in [\xe2\x88\x92" "1, 1].");
  if (app.session) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kTextDim);
    ImGui::Text("%d training, %d test points", app.session->train_set().size(), app.session->test_set().size());
    ImGui::PopStyleColor();
  }
}

}  // namespace layerlab::ui
