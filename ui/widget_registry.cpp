// widget_registry.cpp: double-buffered list of named widget rectangles.
#include "widget_registry.h"

#include <string>

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

bool noted_combo(const char* label, const char* name, int* current, const char* const items[], int count) {
  const int before = *current;
  const char* preview = *current >= 0 && *current < count ? items[*current] : "";
  // The box (where a click opens the list), known before BeginCombo: once open, the last item is the popup's.
  const ImVec2 at = ImGui::GetCursorScreenPos();
  note_widget_rect(name, at, ImVec2(at.x + ImGui::CalcItemWidth(), at.y + ImGui::GetFrameHeight()));
  const bool open = ImGui::BeginCombo(label, preview);
  if (open) {
    for (int i = 0; i < count; ++i) {
      if (ImGui::Selectable(items[i], i == *current)) *current = i;
      if (i == *current) ImGui::SetItemDefaultFocus();
      note_widget((std::string(name) + "=" + items[i]).c_str());
    }
    ImGui::EndCombo();
  }
  return *current != before;
}

}  // namespace layerlab::ui
