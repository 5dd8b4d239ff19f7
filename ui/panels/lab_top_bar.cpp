// lab_top_bar.cpp: the models workspace's bar: play / step / step one epoch / reset, epoch, speed, optimizer and
// its settings, the performance readout (backend, ms per step, samples per second), and the keyboard shortcuts.
#include <algorithm>
#include <cstdio>
#include <string>

#include "keyboard_input.h"
#include "panels.h"
#include "panels/lab_backend_readout.h"
#include "widget_registry.h"

namespace layerlab::ui {

namespace {
const float kLearningRates[] = {0.0001f, 0.0003f, 0.001f, 0.002f, 0.003f, 0.01f, 0.03f, 0.1f, 0.3f, 1.0f};
const int kBatchSizes[] = {1, 8, 16, 32, 64, 128, 256};
const OptimizerKind kOptimizers[] = {OptimizerKind::Sgd, OptimizerKind::Momentum, OptimizerKind::Nesterov,
                                     OptimizerKind::AdaGrad, OptimizerKind::RmsProp, OptimizerKind::Adam};
const ScheduleKind kSchedules[] = {ScheduleKind::Constant, ScheduleKind::StepDecay, ScheduleKind::Exponential,
                                   ScheduleKind::Cosine};

void begin_setting(const char* label, float top, float width) {
  ImGui::SameLine(0, kLabBarGap);
  ImGui::BeginGroup();
  ImGui::SetCursorPosY(top - 2);
  caption(label);
  ImGui::SetNextItemWidth(width + std::max(0.0f, ImGui::GetFrameHeight() - 25.0f));  // a touch screen's wider arrow
}

void readout(const AppState& app, const char* label, const char* value, float top) {
  ImGui::SameLine(0, kLabBarGap);
  ImGui::BeginGroup();
  ImGui::SetCursorPosY(top - 2);
  caption(label);
  ImGui::PushFont(app.fonts.mono);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 4);
  ImGui::TextUnformatted(value);
  ImGui::PopFont();
  ImGui::EndGroup();
}
}  // namespace

void draw_lab_top_bar(AppState& app) {
  LabState& lab = app.lab;
  LabRecipe& r = lab.recipe;
  const float top = ImGui::GetCursorPosY();
  const bool can_train = lab.session && !lab.session->diverged();
  if (play_button("play", lab.playing, can_train, 44.0f)) lab_toggle_play(lab);
  ImGui::SameLine();
  ImGui::SetCursorPosY(top + 9);
  const float button_h = std::max(28.0f, ImGui::GetFrameHeight());  // taller on touch screens
  if (ImGui::Button("Step", ImVec2(0, button_h))) lab_step_once(lab);
  note_widget("step");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Train on one mini-batch (S)");
  ImGui::SameLine();
  ImGui::SetCursorPosY(top + 9);
  const bool stepping = lab.epoch_target >= 0;
  if (ImGui::Button(stepping ? "Stop##epoch" : "Epoch##epoch", ImVec2(58, button_h))) lab_step_epoch(lab);
  note_widget("step-epoch");
  if (stepping) {  // the epoch's progress along the button's foot
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    const float done = static_cast<float>(lab_epoch_steps_done(lab)) / static_cast<float>(std::max(1, lab_steps_per_epoch(lab)));
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(a.x, b.y - 4), ImVec2(a.x + (b.x - a.x) * done, b.y), palette::kBlue);
  }
  if (ImGui::IsItemHovered()) {
    if (stepping)
      ImGui::SetTooltip("Training the rest of epoch %d: %d of %d mini-batches. Press to stop here (E)", lab.epoch_target,
                        lab_epoch_steps_done(lab), lab_steps_per_epoch(lab));
    else
      ImGui::SetTooltip("Train the rest of this epoch, then pause (E)");
  }
  ImGui::SameLine();
  ImGui::SetCursorPosY(top + 9);
  if (ImGui::Button("Reset", ImVec2(0, button_h))) lab_reset_session(lab);
  note_widget("reset");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("New random weights from the seed, same data and model (R)");

  ImGui::SameLine(0, 20);
  ImGui::BeginGroup();
  ImGui::SetCursorPosY(top - 2);
  caption("Epoch");
  ImGui::PushFont(app.fonts.big);
  const int epoch = lab.session ? lab.session->epoch() : 0;
  ImGui::Text("%03d", epoch);
  ImGui::PopFont();
  ImGui::EndGroup();
  note_widget("epoch");

  begin_setting("Speed", top, 150);
  if (ImGui::BeginCombo("##lab-speed", lab_speed_name(lab.speed))) {
    for (int k = 0; k < kLabSpeedCount; ++k) {
      if (ImGui::Selectable(lab_speed_name(k), k == lab.speed)) lab.speed = k;
      note_widget(("lab-speed-" + std::to_string(k)).c_str());
    }
    ImGui::EndCombo();
  }
  ImGui::EndGroup();
  note_widget("lab-speed");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Mini-batches a frame: one, ten, or as many as fit in the frame's time");

  bool rebuild = false;
  begin_setting("Optimizer", top, 110);
  if (ImGui::BeginCombo("##optimizer", optimizer_name(r.training.optimizer.kind))) {
    for (OptimizerKind k : kOptimizers)
      if (ImGui::Selectable(optimizer_name(k), k == r.training.optimizer.kind)) {
        r.training.optimizer.kind = k;
        rebuild = true;
      }
    ImGui::EndCombo();
  }
  ImGui::EndGroup();
  note_widget("optimizer");

  begin_setting("Learning rate", top, 80);
  char text[48];
  std::snprintf(text, sizeof text, "%g", static_cast<double>(r.training.learning_rate));
  if (ImGui::BeginCombo("##lab-lr", text)) {
    for (float lr : kLearningRates) {
      std::snprintf(text, sizeof text, "%g", static_cast<double>(lr));
      if (ImGui::Selectable(text, lr == r.training.learning_rate)) {
        r.training.learning_rate = lr;
        if (lab.session) lab.session->set_learning_rate(lr);  // from the next step on
      }
    }
    ImGui::EndCombo();
  }
  ImGui::EndGroup();
  note_widget("lab-learning-rate");

  begin_setting("Schedule", top, 110);
  if (ImGui::BeginCombo("##schedule", schedule_name(r.training.schedule.kind))) {
    for (ScheduleKind k : kSchedules)
      if (ImGui::Selectable(schedule_name(k), k == r.training.schedule.kind)) {
        r.training.schedule.kind = k;
        rebuild = true;
      }
    ImGui::EndCombo();
  }
  ImGui::EndGroup();
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("How the learning rate changes over training; cosine lowers it to 0 over the planned epochs (%d).",
                      r.training.schedule.total_epochs);

  begin_setting("Batch", top, 60);
  std::snprintf(text, sizeof text, "%d", r.training.batch_size);
  if (ImGui::BeginCombo("##lab-batch", text)) {
    for (int b : kBatchSizes)
      if (ImGui::Selectable(std::to_string(b).c_str(), b == r.training.batch_size)) {
        r.training.batch_size = b;
        rebuild = true;
      }
    ImGui::EndCombo();
  }
  ImGui::EndGroup();
  note_widget("lab-batch");

  if (rebuild) lab_reset_session(lab);

  char value[64];
  draw_lab_backend_readout(app, top);
  // Always drawn (a dash while idle), so the line does not jump when training starts.
  // Time per step and samples per second share one readout, which keeps the bar short.
  const bool measured = lab.playing && lab.steps_per_second > 0;
  if (measured)
    std::snprintf(value, sizeof value, "%.1f ms · %.0f", lab.ms_per_step, lab.steps_per_second * r.training.batch_size);
  readout(app, "Step · samples/s", measured ? value : "-", top);
  if (measured) note_widget("samples-per-second");
  draw_lab_backend_note(app, top);

  // Keyboard, as in the playground: Space plays or pauses, S steps, E steps an epoch, R resets (unless a text
  // field has the keyboard or the keyboard focus highlight is shown: keyboard_input.h).
  if (single_key_shortcuts_allowed())
    for (ImWchar ch : ImGui::GetIO().InputQueueCharacters) {
      if (ch == ' ') lab_toggle_play(lab);
      if (ch == 's' || ch == 'S') lab_step_once(lab);
      if (ch == 'e' || ch == 'E') lab_step_epoch(lab);
      if (ch == 'r' || ch == 'R') lab_reset_session(lab);
    }
}

}  // namespace layerlab::ui
