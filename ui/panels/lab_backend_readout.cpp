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
}  // namespace

void draw_lab_backend_readout(AppState& app, float top) {
  GpuTraining& gpu = app.lab.gpu;
  const std::string label = gpu_training_backend_label(gpu);
  // The note says why the CPU trains; a failure or a browser without WebGPU is a warning, a choice is not.
  const bool warning = gpu.failed || (gpu.device_checked && !gpu.device_ready && !gpu.reason.empty() &&
                                      gpu.reason.rfind("WebGPU", 0) == 0);
  ImGui::SameLine(0, 18);
  ImGui::BeginGroup();
  ImGui::SetCursorPosY(top - 2);
  caption("Backend");
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
  if (!gpu.reason.empty() && gpu.reason != "asking the browser for WebGPU") {
    ImGui::SameLine(0, 10);
    ImGui::BeginGroup();
    ImGui::SetCursorPosY(top + 13);
    ImGui::PushStyleColor(ImGuiCol_Text, warning ? palette::kDanger : palette::kTextDim);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::max(140.0f, ImGui::GetContentRegionAvail().x - 8.0f));
    ImGui::TextUnformatted(gpu.reason.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::EndGroup();
    note_widget("backend-note");
  }
}

}  // namespace layerlab::ui
