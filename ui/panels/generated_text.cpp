// generated_text.cpp: words written by a next-character model (the `words` set), in the LSTM gates tab: a
// prompt the words start with, the sampling temperature, and Regenerate; the words follow the weights.
#include <cstdio>

#include "inspector_tabs.h"
#include "widget_registry.h"

namespace layerlab::ui {

namespace {
// The prompt takes the model's letters only: a-z (capitals are lowered).
int letters_only(ImGuiInputTextCallbackData* data) {
  if (data->EventChar >= 'A' && data->EventChar <= 'Z') data->EventChar = static_cast<ImWchar>(data->EventChar - 'A' + 'a');
  return data->EventChar >= 'a' && data->EventChar <= 'z' ? 0 : 1;
}

// Draws the words again with the same seed at the next refresh (a new prompt or temperature).
void redraw(GeneratedText& g) {
  g.step = -1;
  g.time = -1e9;
}
}  // namespace

void draw_generated_text(AppState& app) {
  GeneratedText& g = app.lab_views.text;
  if (!g.available) return;
  wrapped_caption("Words the model writes, one character at a time (each drawn from its next-character probabilities, fed "
          "back in). They change as it trains; Regenerate draws other ones.");
  ImGui::SetNextItemWidth(110);
  if (ImGui::InputTextWithHint("##prompt", "prompt (a-z)", g.prompt, sizeof g.prompt,
                               ImGuiInputTextFlags_CallbackCharFilter, letters_only))
    redraw(g);
  note_widget("text-prompt");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(160);
  if (ImGui::SliderFloat("##temperature", &g.temperature, 0.1f, 2.0f, "temperature %.2f")) redraw(g);
  note_widget("text-temperature");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Below 1: likelier letters (safer, more repetitive words); above 1: more surprising ones.");
  ImGui::SameLine();
  if (ImGui::Button("Regenerate")) g.regenerate = true;
  note_widget("text-regenerate");
  if (!g.error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kDanger);
    ImGui::TextWrapped("%s", g.error.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::PushFont(app.fonts.mono);
  const float avail = ImGui::GetContentRegionAvail().x;
  float x = 0.0f;
  for (size_t i = 0; i < g.words.size(); ++i) {
    const char* w = g.words[i].empty() ? "(an empty word)" : g.words[i].c_str();
    const float width = ImGui::CalcTextSize(w).x + 18.0f;
    if (i > 0 && x + width < avail) ImGui::SameLine(0, 18);
    else x = 0.0f;
    ImGui::TextUnformatted(w);
    x += width;
  }
  ImGui::PopFont();
  note_widget("generated-text");
  ImGui::Spacing();
}

}  // namespace layerlab::ui
