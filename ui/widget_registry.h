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
// ImGui::Combo whose box is noted as `name` and, while it is open, each item as "<name>=<item>" (so a test's
// hand can open the list and click an item). True when the learner picked another item.
bool noted_combo(const char* label, const char* name, int* current, const char* const items[], int count);

}  // namespace layerlab::ui
