// tutorial_window.cpp: draw_tutorials: the top-bar button (or the first-visit prompt in its place), the
// tutorial picker, the tutorial window (step text, the step's widgets, check state, hint, step list,
// Back / Check / Next) and the outlines over the widgets a step highlights.
#include <algorithm>
#include <cmath>
#include <string>

#include "glyph_fallback.h"
#include "markdown_text.h"
#include "theme.h"
#include "tutorial_accessibility.h"
#include "tutorial_runner.h"
#include "widget_registry.h"

namespace layerlab::ui {

namespace {
constexpr ImU32 kHighlight = palette::rgb(255, 196, 64);
constexpr ImU32 kPassed = palette::rgb(110, 200, 120);
constexpr ImU32 kMath = palette::rgb(170, 210, 255);
constexpr ImU32 kItalic = palette::rgb(205, 200, 240);

// The Markdown subset, word-wrapped within the window's content width, drawn with the draw list.
void draw_markdown(const UiFonts& fonts, const std::string& text) {
  const float width = ImGui::GetContentRegionAvail().x;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (const tutorial::TextBlock& block : tutorial::parse_markdown(text)) {
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float indent = block.bullet ? 16.0f : 0.0f;
    const float line_h = ImGui::GetTextLineHeightWithSpacing();
    float x = indent, y = 0.0f;
    if (block.bullet) dl->AddCircleFilled(ImVec2(origin.x + 6, origin.y + line_h * 0.45f), 2.5f, palette::kTextDim);
    for (const tutorial::Span& span : block.spans) {
      ImFont* font = span_font(fonts, span.style);  // the same choice glyph_fallback checks the glyphs of
      ImU32 color = palette::kText;
      if (span.style == tutorial::SpanStyle::Math) color = kMath;
      if (span.style == tutorial::SpanStyle::Italic) color = kItalic;
      if (span.style == tutorial::SpanStyle::Code) color = palette::rgb(240, 200, 150);
      if (!font) font = ImGui::GetFont();
      const float size = font->FontSize;
      // Words keep their trailing space; code and math spans wrap only at their own spaces.
      size_t i = 0;
      while (i < span.text.size()) {
        size_t end = span.text.find(' ', i);
        end = end == std::string::npos ? span.text.size() : end + 1;
        const std::string word = span.text.substr(i, end - i);
        const float w = font->CalcTextSizeA(size, 1e9f, 0.0f, word.c_str()).x;
        if (x + w > width && x > indent) {
          x = indent;
          y += line_h;
        }
        dl->AddText(font, size, ImVec2(origin.x + x, origin.y + y + (ImGui::GetFontSize() - size) * 0.7f), color, word.c_str());
        x += w;
        i = end;
      }
    }
    ImGui::Dummy(ImVec2(width, y + line_h));
    ImGui::Dummy(ImVec2(1, 2));
  }
}

// The lab's panels draw no background (the frame is cleared to the panel colour): windows floating over
// them must paint their own, with a border.
struct FloatingWindowStyle {
  FloatingWindowStyle() {
    ImGui::PushStyleColor(ImGuiCol_WindowBg, palette::kPanel);
    ImGui::PushStyleColor(ImGuiCol_Border, palette::rgb(90, 98, 112));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 1.0f);
  }
  ~FloatingWindowStyle() {
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(2);
  }
};

// A highlight of the step's own widget is drawn over it (clipped to the step's text pane); a highlight of
// the lab's goes on the background, under every window, so the tutorial window hides it instead of it
// crossing the tutorial's text.
void draw_highlights(const TutorialState& t) {
  const tutorial::TutorialStep* s = current_step(t);
  if (!s || s->highlights.empty()) return;
  const float pulse = 0.6f + 0.4f * std::sin(static_cast<float>(ImGui::GetTime()) * 4.0f);
  const ImU32 color = (kHighlight & 0x00ffffffu) | (static_cast<ImU32>(255 * pulse) << 24);
  for (const std::string& name : s->highlights)
    for (const WidgetRect& r : widgets_of_last_frame())
      if (r.name == name) {
        // Only the part its window shows: a widget scrolled out of view gets no outline over other widgets.
        const ImVec2 a(std::max(r.min.x - 3, r.clip_min.x), std::max(r.min.y - 3, r.clip_min.y));
        const ImVec2 b(std::min(r.max.x + 3, r.clip_max.x), std::min(r.max.y + 3, r.clip_max.y));
        bool own = false;
        for (const std::string& w : s->widgets) own = own || name.rfind(w + ".", 0) == 0;
        ImDrawList* dl = own ? ImGui::GetForegroundDrawList() : ImGui::GetBackgroundDrawList();
        if (a.x < b.x && a.y < b.y) dl->AddRect(a, b, color, 4.0f, 0, 2.5f);
      }
}

// Where the window goes on a step that watches regions of the lab: where it usually stands (on the right)
// if they are left of it, else beside them on the side with more room, as wide as that side allows; if
// neither side has room for a readable column, above or below them.
bool beside_watched(const tutorial::TutorialStep& s, ImVec2 preferred, ImVec2* pos, ImVec2* size) {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  constexpr float kGap = 8.0f, kTop = 86.0f, kNarrowest = 300.0f;
  ImVec2 lo(display.x, display.y), hi(0, 0);
  for (const std::string& name : s.watch)
    for (const WidgetRect& r : widgets_of_last_frame())
      if (r.name == name) {
        lo = ImVec2(std::min(lo.x, r.min.x), std::min(lo.y, r.min.y));
        hi = ImVec2(std::max(hi.x, r.max.x), std::max(hi.y, r.max.y));
      }
  if (lo.x >= hi.x) return false;  // not on screen yet (a workspace switch draws it next frame)
  // Where it usually stands, on the right, if that leaves them in view.
  if (hi.x + kGap <= display.x - preferred.x - kGap) {
    *pos = ImVec2(display.x - preferred.x - kGap, kTop);
    *size = preferred;
    return true;
  }
  const float left = lo.x - 2 * kGap, right = display.x - hi.x - 2 * kGap;
  const float height = display.y - kTop - kGap;
  if (std::max(left, right) >= kNarrowest) {
    const float width = std::min(preferred.x, std::max(left, right));
    const float x = right >= left ? hi.x + kGap : lo.x - kGap - width;
    *pos = ImVec2(x, kTop);
    *size = ImVec2(width, height);
    return true;
  }
  const float above = lo.y - kTop - kGap, below = display.y - hi.y - 2 * kGap;
  const float h = std::max(above, below);
  *pos = ImVec2(display.x - preferred.x - kGap, above >= below ? kTop : hi.y + kGap);
  *size = ImVec2(preferred.x, std::max(h, 120.0f));
  return true;
}

// Applied every frame (a plot appears once there is something to plot) but only when the place changes, so
// the learner can still move the window.
void place_beside_watched(TutorialState& t, const tutorial::TutorialStep& s, ImVec2 preferred) {
  ImVec2 pos, size;
  if (!beside_watched(s, preferred, &pos, &size)) return;
  if (t.place_window > 0 || pos.x != t.watch_place[0] || pos.y != t.watch_place[1] || size.x != t.watch_place[2] ||
      size.y != t.watch_place[3]) {
    ImGui::SetNextWindowPos(pos, ImGuiCond_Always);
    ImGui::SetNextWindowSize(size, ImGuiCond_Always);
    t.watch_place[0] = pos.x, t.watch_place[1] = pos.y, t.watch_place[2] = size.x, t.watch_place[3] = size.y;
  }
}


void start_entry(TutorialState& t, AppState& app, int index) {
  const tutorial::CatalogEntry& e = t.catalog[static_cast<size_t>(index)];
  const auto last = t.progress.last_step.find(e.tutorial.id);
  int step = last == t.progress.last_step.end() ? 0 : last->second;
  if (step >= static_cast<int>(e.tutorial.steps.size())) step = 0;
  std::string error;
  if (open_tutorial_step(t, app, index, step, &error)) t.picker_open = false;
}

// In the top bar's free right end: "Tutorials" with the steps done or, on a first visit, in the same place,
// the prompt to start tutorial 1 (with × to dismiss it), so that it covers nothing of the workspace.
void draw_top_button(TutorialState& t, AppState& app) {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const bool prompt = !t.progress.prompt_done && !t.catalog.empty() && t.catalog.front().ok();
  const float w = kTutorialsButtonWidth;
  ImGui::SetNextWindowPos(ImVec2(display.x - 8 - 6 - w, 8 + 6));
  ImGui::SetNextWindowSize(ImVec2(w, 58));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(4, 4));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, palette::kPanel);
  if (ImGui::Begin("##tutorials-button", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                                      ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing)) {
    if (prompt) {
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kHighlight), "New here?");
      ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize("×").x - 2.0f * ImGui::GetStyle().FramePadding.x);
      if (ImGui::SmallButton("×")) tutorials_prompt_done(t);
      note_widget("tutorial-dismiss");
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("Not now: the Tutorials button stays here.");
      if (ImGui::Button("Start tutorial 1", ImVec2(-1, 0))) {
        start_entry(t, app, 0);
        tutorials_prompt_done(t);
      }
      note_widget("tutorial-start");
    } else {
      int done = 0, total = 0;
      for (const tutorial::CatalogEntry& e : t.catalog)
        if (e.ok()) {
          done += t.progress.done_count(e.tutorial.id);
          total += static_cast<int>(e.tutorial.steps.size());
        }
      ImGui::TextDisabled("%d / %d steps", done, total);
      if (ImGui::Button("Tutorials", ImVec2(-1, 0))) t.picker_open = !t.picker_open;
      note_widget("tutorials");
    }
  }
  ImGui::End();
  ImGui::PopStyleColor();
  ImGui::PopStyleVar();
}

void draw_picker(TutorialState& t, AppState& app) {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(620.0f, display.x - 40), std::min(600.0f, display.y - 100)), ImGuiCond_Appearing);
  FloatingWindowStyle style;
  if (ImGui::Begin("Tutorials###tutorial-picker", &t.picker_open, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse)) {
    note_widget_rect("tutorial-picker", ImGui::GetWindowPos(),
                     ImVec2(ImGui::GetWindowPos().x + ImGui::GetWindowWidth(), ImGui::GetWindowPos().y + ImGui::GetWindowHeight()));
    ImGui::TextWrapped("Each tutorial explains one idea and checks what you do in the lab, step by step. Your progress is kept on this computer.");
    ImGui::Spacing();
    for (size_t i = 0; i < t.catalog.size(); ++i) {
      const tutorial::CatalogEntry& e = t.catalog[i];
      ImGui::PushID(static_cast<int>(i));
      ImGui::Separator();
      if (!e.ok()) {
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette::kDanger), "%s cannot be used:", e.file.c_str());
        ImGui::PushStyleColor(ImGuiCol_Text, palette::kDanger);
        ImGui::TextWrapped("%s", e.error.c_str());
        ImGui::PopStyleColor();
        note_widget(("tutorial-error-" + std::to_string(i)).c_str());
        ImGui::PopID();
        continue;
      }
      // One compact entry (every tutorial fits a 720 px high screen): the title, the steps done and the
      // button on one line, the summary under it, a thin progress bar.
      const int done = t.progress.done_count(e.tutorial.id);
      const int total = static_cast<int>(e.tutorial.steps.size());
      ImGui::AlignTextToFramePadding();
      if (app.fonts.heading) ImGui::PushFont(app.fonts.heading);
      ImGui::TextUnformatted(e.tutorial.title.c_str());
      if (app.fonts.heading) ImGui::PopFont();
      const char* action = done == 0 ? "Start" : done == total ? "Review" : "Continue";
      const float button_w = ImGui::CalcTextSize("Continue").x + 2 * ImGui::GetStyle().FramePadding.x;
      const float right = ImGui::GetWindowContentRegionMax().x;
      ImGui::SameLine(std::max(ImGui::GetCursorPosX() + 8, right - button_w - 130));
      ImGui::TextDisabled("%d / %d steps", done, total);
      ImGui::SameLine(right - button_w);
      if (ImGui::Button(action, ImVec2(button_w, 0))) start_entry(t, app, static_cast<int>(i));
      note_widget(("tutorial-open-" + e.tutorial.id).c_str());
      ImGui::PushStyleColor(ImGuiCol_Text, palette::kTextDim);
      ImGui::TextWrapped("%s", e.tutorial.summary.c_str());
      ImGui::PopStyleColor();
      ImGui::ProgressBar(total > 0 ? static_cast<float>(done) / static_cast<float>(total) : 0.0f, ImVec2(-1, 3), "");
      ImGui::PopID();
    }
  }
  ImGui::End();
}

void draw_tutorial_window(TutorialState& t, AppState& app, bool* pressed_check) {
  const tutorial::CatalogEntry& e = t.catalog[static_cast<size_t>(t.open)];
  const tutorial::TutorialStep& s = e.tutorial.steps[static_cast<size_t>(t.step)];
  const int count = static_cast<int>(e.tutorial.steps.size());
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float w = std::clamp(display.x * 0.36f, 420.0f, 560.0f);
  ImGui::SetNextWindowSize(ImVec2(w, display.y - 94), ImGuiCond_Appearing);
  if (!s.watch.empty()) {
    place_beside_watched(t, s, ImVec2(w, display.y - 94));
    t.window_moved_aside = true;
    if (t.place_window > 0) --t.place_window;
  } else if (t.place_window > 0) {
    if (t.window_moved_aside) ImGui::SetNextWindowSize(ImVec2(w, display.y - 94));  // back to its own size
    t.window_moved_aside = false;
    // On the right unless that hides more of the step's highlighted lab widgets than the left does (the
    // step's own widgets, "neuron.b", are inside the window).
    int hidden_right = 0, hidden_left = 0;
    for (const std::string& name : s.highlights)
      for (const WidgetRect& r : widgets_of_last_frame()) {
        bool own = false;
        for (const std::string& w : s.widgets) own = own || name.rfind(w + ".", 0) == 0;
        if (r.name == name && !own) {
          hidden_right += r.max.x > display.x - w - 8;
          hidden_left += r.min.x < w + 8;
        }
      }
    const float x = hidden_right > hidden_left ? 8.0f : display.x - w - 8;
    ImGui::SetNextWindowPos(ImVec2(x, 86), ImGuiCond_Always);
    --t.place_window;
  }
  bool open = true;
  const std::string title = e.tutorial.title + "###tutorial";
  FloatingWindowStyle style;
  if (ImGui::Begin(title.c_str(), &open, ImGuiWindowFlags_NoSavedSettings)) {
    note_widget_rect("tutorial-window", ImGui::GetWindowPos(),
                     ImVec2(ImGui::GetWindowPos().x + ImGui::GetWindowWidth(), ImGui::GetWindowPos().y + ImGui::GetWindowHeight()));
    // The step list: any step can be reopened.
    const std::string label = "Step " + std::to_string(t.step + 1) + " of " + std::to_string(count) + ": " + s.title;
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##steps", label.c_str())) {
      for (int i = 0; i < count; ++i) {
        const std::string item = std::to_string(i + 1) + ". " + e.tutorial.steps[static_cast<size_t>(i)].title +
                                 (step_done(t, i) ? "   (done)" : "");
        if (ImGui::Selectable(item.c_str(), i == t.step)) {
          std::string error;
          open_tutorial_step(t, app, t.open, i, &error);
        }
        note_widget(("tutorial-steps=" + std::to_string(i + 1)).c_str());
      }
      ImGui::EndCombo();
    }
    note_widget("tutorial-steps");
    if (!current_step(t) || &s != current_step(t)) {  // a step was chosen: draw it next frame
      ImGui::End();
      return;
    }
    ImGui::Spacing();
    // The hint, once shown, sits just above the status line and the buttons: where the learner looks after Check.
    const bool show_hint = t.hint_shown && !s.hint.empty() && t.check != CheckState::Passed;
    const std::string hint = show_hint ? "Hint: " + s.hint : std::string();
    const float hint_height =
        show_hint ? ImGui::CalcTextSize(hint.c_str(), nullptr, false, ImGui::GetContentRegionAvail().x).y + ImGui::GetStyle().ItemSpacing.y : 0.0f;
    ImGui::BeginChild("##step-body", ImVec2(0, -ImGui::GetFrameHeightWithSpacing() * 2.6f - hint_height), false);
    if (t.scroll_to_top) {  // a step opens at its top, whatever the previous step's scroll
      ImGui::SetScrollY(0.0f);
      t.scroll_to_top = false;
    }
    draw_markdown(app.fonts, s.text);
    const float width = ImGui::GetContentRegionAvail().x;
    for (const std::string& name : s.widgets)
      for (OpenWidget& w : t.widgets)
        if (w.name == name) {
          ImGui::PushID(name.c_str());
          ImGui::Spacing();
          w.widget->draw(width, t.widget_facts);
          ImGui::PopID();
        }
    t.scroll_y = ImGui::GetScrollY();
    ImGui::EndChild();
    if (show_hint) {
      ImGui::PushStyleColor(ImGuiCol_Text, kHighlight);
      ImGui::TextWrapped("%s", hint.c_str());
      ImGui::PopStyleColor();
      note_widget("tutorial-hint");
    }
    // Status, then the buttons.
    const bool done = t.check == CheckState::None || t.check == CheckState::Passed || step_done(t, t.step);
    if (!t.error.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, palette::kDanger);
      ImGui::TextWrapped("%s", t.error.c_str());
      ImGui::PopStyleColor();
      note_widget("tutorial-error");
    } else if (t.check == CheckState::Passed) {
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kPassed), "Done: well done. Press Next.");
    } else if (t.check == CheckState::Failed) {
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette::kOrange),
                         t.acted ? "Not yet: that does not do what the step asks." : "Not yet: do the step's task first.");
    } else if (t.check == CheckState::NotTried) {
      ImGui::TextDisabled(step_done(t, t.step) ? "Done before; you can do it again, or go on." : "To do: the task above.");
    } else {
      ImGui::TextDisabled("Read, then press Next.");
    }
    note_widget("tutorial-status");
    if (ImGui::Button("Back") && t.step > 0) {
      std::string error;
      open_tutorial_step(t, app, t.open, t.step - 1, &error);
    }
    note_widget("tutorial-back");
    if (t.check != CheckState::None) {
      ImGui::SameLine();
      if (ImGui::Button("Check")) *pressed_check = true;
      note_widget("tutorial-check");
    }
    ImGui::SameLine();
    ImGui::BeginDisabled(!done);
    const bool last = t.step + 1 >= count;
    if (ImGui::Button(last ? "Finish" : "Next")) {
      std::string error;
      if (last) {
        close_tutorial(t, app);
        t.picker_open = true;
      } else {
        open_tutorial_step(t, app, t.open, t.step + 1, &error);
      }
    }
    ImGui::EndDisabled();
    note_widget("tutorial-next");
  }
  ImGui::End();
  if (!open) close_tutorial(t, app);
}
}  // namespace

void draw_tutorials(TutorialState& t, AppState& app) {
  draw_top_button(t, app);
  if (t.picker_open) draw_picker(t, app);
  bool pressed_check = false;
  if (current_step(t)) draw_tutorial_window(t, app, &pressed_check);
  tutorials_evaluate(t, pressed_check);
  draw_highlights(t);
  publish_tutorial_accessibility(t);  // the page's text copy of the open step, for screen readers
}

}  // namespace layerlab::ui
