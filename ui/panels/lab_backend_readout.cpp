// lab_backend_readout.cpp: draw_lab_backend_readout: the backend label, the CPU / GPU menu and the fallback note.
#include "panels/lab_backend_readout.h"

#include <algorithm>

#include "panels/panels.h"
#include "theme.h"
#include "widget_registry.h"

namespace layerlab::ui {

namespace {
const char* choice_name(BackendChoice c) {
  switch (c) {
    case BackendChoice::Auto: return "Automatic";
    case BackendChoice::Cpu: return "CPU (wasm SIMD)";
    case BackendChoice::Gpu: return "GPU (WebGPU)";
  }
  return "";
}
// The longest prefix of [text, end) no wider than `width`, cut after a space when `at_space` (and one exists).
const char* fitting_end(const char* text, const char* end, float width, bool at_space) {
  const char* fit = text;
  for (const char* p = text; p <= end; ++p) {
    if (p != end && at_space && *p != ' ') continue;
    if (ImGui::CalcTextSize(text, p).x > width) break;
    fit = p;
  }
  return fit;
}
// Whether the backend has a reason to show (why the CPU trains, or a failure), and whether it is a warning:
// a failure or a browser without WebGPU is; a choice is not.
bool backend_note(const GpuTraining& gpu, bool* warning) {
  if (gpu.reason.empty() || gpu.reason == "asking the browser for WebGPU") return false;
  *warning = gpu.failed || (gpu.device_checked && !gpu.device_ready && gpu.reason.rfind("WebGPU", 0) == 0);
  return true;
}
}  // namespace

void draw_lab_backend_readout(AppState& app, float top) {
  GpuTraining& gpu = app.lab.gpu;
  const std::string label = gpu_training_backend_label(gpu);
  ImGui::SameLine(0, kLabBarGap);
  ImGui::BeginGroup();
  ImGui::SetCursorPosY(top - 2);
  caption("Backend");
  // A marker beside the caption, so the reason is one hover away even where the bar has no room for the note.
  bool warning = false;
  if (backend_note(gpu, &warning)) {
    ImGui::SameLine(0, 6);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(warning ? palette::kDanger : palette::kTextDim), "(why?)");
    note_widget("backend-note");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", gpu.reason.c_str());
  }
  ImGui::PushFont(app.fonts.mono);
  ImGui::SetNextItemWidth(ImGui::CalcTextSize(label.c_str()).x + 34.0f);
  if (ImGui::BeginCombo("##backend", label.c_str())) {
    for (BackendChoice c : {BackendChoice::Auto, BackendChoice::Cpu, BackendChoice::Gpu}) {
      const bool possible = c != BackendChoice::Gpu || (gpu.device_ready && !gpu.failed);
      if (ImGui::Selectable(choice_name(c), gpu.choice == c, possible ? 0 : ImGuiSelectableFlags_Disabled))
        gpu_training_choose(gpu, c);
      note_widget(c == BackendChoice::Auto ? "backend-auto" : c == BackendChoice::Cpu ? "backend-cpu" : "backend-gpu");
    }
    ImGui::EndCombo();
  }
  ImGui::PopFont();
  note_widget("backend");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Where training runs. Automatic: the GPU through WebGPU when the browser offers a real one,\n"
                      "else the CPU (WebAssembly with SIMD). The inspectors always compute on the CPU.");
  ImGui::EndGroup();
}

void draw_lab_backend_note(AppState& app, float top) {
  const GpuTraining& gpu = app.lab.gpu;
  bool warning = false;
  if (!backend_note(gpu, &warning)) return;
  // The room left before the tutorials button. Too little for two useful lines: the caption's "(why?)" marker
  // and the Training tab carry the reason.
  ImGui::SameLine(0, 14);
  const float width = ImGui::GetContentRegionAvail().x - 8.0f - 8.0f - kTutorialsButtonWidth;
  if (width < 160.0f) return;
  ImGui::BeginGroup();
  ImGui::PushStyleColor(ImGuiCol_Text, warning ? palette::kDanger : palette::kTextDim);
  ImGui::SetCursorPosY(top + 4);
  // At most two lines (the bar has room for no more); a longer reason ends in "..." and shows whole on hover.
  const char* text = gpu.reason.c_str();
  const char* end = text + gpu.reason.size();
  const char* line1 = ImGui::CalcTextSize(text, end).x <= width ? end : fitting_end(text, end, width, true);
  if (line1 == text) line1 = fitting_end(text, end, width, false);
  ImGui::TextUnformatted(text, line1);
  if (line1 != end) {
    const char* rest = line1 + (*line1 == ' ' ? 1 : 0);
    const bool whole = ImGui::CalcTextSize(rest, end).x <= width;
    const char* line2 = whole ? end : fitting_end(rest, end, width - ImGui::CalcTextSize("...").x, false);
    ImGui::TextUnformatted(rest, line2);
    if (!whole) {
      ImGui::SameLine(0, 0);
      ImGui::TextUnformatted("...");
    }
  }
  ImGui::PopStyleColor();
  ImGui::EndGroup();
  note_widget("backend-note");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", gpu.reason.c_str());
}

}  // namespace layerlab::ui
