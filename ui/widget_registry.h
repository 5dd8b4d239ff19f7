// widget_registry.h: named screen rectangles of widgets, recorded each frame (for tests, and for the
// tutorials' highlights later).
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "imgui.h"

namespace layerlab::ui {

struct WidgetRect {
  std::string name;
  ImVec2 min, max;
  ImVec2 clip_min, clip_max;  // the part of the screen its window showed (a widget scrolled away lies outside)
};

void widgets_begin_frame();
void widgets_end_frame();  // what this frame noted becomes widgets_of_last_frame()
// Records the last ImGui item under `name`.
void note_widget(const char* name);
void note_widget_rect(const char* name, ImVec2 min, ImVec2 max);
const std::vector<WidgetRect>& widgets_of_last_frame();

}  // namespace layerlab::ui
