// basic_widget_inputs.cpp: apply_inputs, checking every key=value before changing anything.
#include "basic_widget_inputs.h"

#include "widget_registry.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace layerlab::ui {

bool apply_inputs(const char* widget, const WidgetSettings& settings, const std::vector<NumberInput>& numbers,
                  const std::vector<ChoiceInput>& choices, std::string* error) {
  std::vector<std::pair<float*, float>> number_updates;
  std::vector<std::pair<int*, int>> choice_updates;
  for (const auto& [key, text] : settings) {
    bool found = false;
    for (const NumberInput& n : numbers) {
      if (key != n.key) continue;
      found = true;
      char* end = nullptr;
      const double v = std::strtod(text.c_str(), &end);
      if (text.empty() || *end != '\0' || !std::isfinite(v) || v < n.lo || v > n.hi) {
        char range[64];
        std::snprintf(range, sizeof range, "%g..%g", static_cast<double>(n.lo), static_cast<double>(n.hi));
        *error = std::string(widget) + ": " + key + "=" + text.substr(0, 20) + " is not a number in " + range;
        return false;
      }
      number_updates.emplace_back(n.value, static_cast<float>(v));
    }
    for (const ChoiceInput& c : choices) {
      if (key != c.key) continue;
      found = true;
      int index = -1;
      std::string allowed;
      for (size_t i = 0; i < c.names.size(); ++i) {
        if (text == c.names[i]) index = static_cast<int>(i);
        allowed += (i ? ", " : "") + std::string(c.names[i]);
      }
      if (index < 0) {
        *error = std::string(widget) + ": " + key + "=" + text.substr(0, 20) + " is not one of " + allowed;
        return false;
      }
      choice_updates.emplace_back(c.value, index);
    }
    if (!found) {
      std::string keys;
      for (const NumberInput& n : numbers) keys += (keys.empty() ? "" : ", ") + std::string(n.key);
      for (const ChoiceInput& c : choices) keys += (keys.empty() ? "" : ", ") + std::string(c.key);
      *error = std::string(widget) + " has no input '" + key.substr(0, 20) + "' (its inputs: " + keys + ")";
      return false;
    }
  }
  for (const auto& [target, v] : number_updates) *target = v;
  for (const auto& [target, v] : choice_updates) *target = v;
  return true;
}

bool InputsWidget::setup(const WidgetSettings& s, std::string* error) {
  if (!apply_inputs(name(), s, numbers(), choices(), error)) return false;
  inputs_changed(true);
  return true;
}

bool InputsWidget::act(const WidgetSettings& s, std::string* error) {
  if (!apply_inputs(name(), s, numbers(), choices(), error)) return false;
  ++actions_;
  inputs_changed(false);
  return true;
}

bool slider_row(const char* prefix, const char* label, const char* id, float* value, float lo, float hi, float label_width,
                float width, const char* format) {
  ImGui::TextUnformatted(label);
  ImGui::SameLine(label_width);
  ImGui::SetNextItemWidth(width - label_width);
  const bool moved = ImGui::SliderFloat(id, value, lo, hi, format);
  note_widget((std::string(prefix) + "." + (id[0] == '#' && id[1] == '#' ? id + 2 : id)).c_str());
  return moved;
}

bool slider_int_row(const char* prefix, const char* label, const char* id, int* value, int lo, int hi, float label_width,
                    float width) {
  ImGui::TextUnformatted(label);
  ImGui::SameLine(label_width);
  ImGui::SetNextItemWidth(width - label_width);
  const bool moved = ImGui::SliderInt(id, value, lo, hi);
  note_widget((std::string(prefix) + "." + (id[0] == '#' && id[1] == '#' ? id + 2 : id)).c_str());
  return moved;
}

}  // namespace layerlab::ui
