// widget_registry.cpp: double-buffered list of named widget rectangles.
#include "widget_registry.h"

namespace layerlab::ui {

namespace {
std::vector<WidgetRect> g_current, g_last;
}

void widgets_begin_frame() { g_current.clear(); }

void widgets_end_frame() { g_last.swap(g_current); }

void note_widget_rect(const char* name, ImVec2 min, ImVec2 max) {
  const ImDrawList* list = ImGui::GetWindowDrawList();
  const ImVec2 clip_min = list->GetClipRectMin(), clip_max = list->GetClipRectMax();
  for (WidgetRect& w : g_current)
    if (w.name == name) {
      w = {w.name, min, max, clip_min, clip_max};
      return;
    }
  g_current.push_back({name, min, max, clip_min, clip_max});
}

void note_widget(const char* name) { note_widget_rect(name, ImGui::GetItemRectMin(), ImGui::GetItemRectMax()); }

const std::vector<WidgetRect>& widgets_of_last_frame() { return g_last; }

}  // namespace layerlab::ui
