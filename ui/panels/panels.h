// panels.h: the lab's panels, free functions over AppState, and draw_lab which lays them out.
#pragma once
#include <functional>

#include "app_state.h"

namespace layerlab::ui {

void draw_lab(AppState& app);  // the whole window: top bar, data, network, output

void draw_top_bar(AppState& app);
void draw_data_panel(AppState& app);
void draw_network_panel(AppState& app);
void draw_output_panel(AppState& app);

// The models workspace (images and sequences).
void draw_lab_top_bar(AppState& app);
void draw_lab_data_panel(AppState& app);
void draw_model_builder(AppState& app);
void draw_inspector_panel(AppState& app);
void draw_draw_tab(AppState& app);  // the inspector's Draw tab (draw_tab.cpp)
// The switch between the two workspaces, at the top of both data panels.
void draw_mode_switch(AppState& app);
// The round play / pause button (named `id` for the tests); true when pressed.
bool play_button(const char* id, bool playing, bool enabled, float size);

// A line plot of several series over the same x (epochs); hovering shows every series' value.
struct PlotSeries {
  const char* name;
  ImU32 color;
  std::function<float(int)> value;
};
void line_plot(const char* id, ImVec2 size, int count, const PlotSeries* series, int series_count,
               const char* x_label);

// A small caption above a control, as in the playground's header.
void caption(const char* text);
// The space between the models bar's groups: small enough that the whole bar, readouts included, fits left of
// the tutorials button at 1280 pixels.
constexpr float kLabBarGap = 12.0f;

// Draws a picture (an atlas region) into [p0, p1].
void draw_picture(ImDrawList* dl, const Picture& picture, ImVec2 p0, ImVec2 p1);
// Draws the points of a 2-D dataset as sprites over the square [p, p + size] (plane [-1, 1]², y up).
void scatter_points(ImDrawList* dl, const BoundaryView& views, const Dataset& d, ImVec2 p, float size, float radius,
                    bool test);

}  // namespace layerlab::ui
