// top_bar.cpp: play / step / reset, the epoch counter, and the training settings.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "keyboard_input.h"
#include "panels.h"
#include "widget_registry.h"

namespace layerlab::ui {

namespace {
const float kLearningRates[] = {0.00001f, 0.0001f, 0.001f, 0.003f, 0.01f, 0.03f, 0.1f, 0.3f, 1.0f, 3.0f, 10.0f};
const int kBatchSizes[] = {1, 5, 10, 20, 30, 50, 100, 250, 500};
}  // namespace

bool play_button(const char* id, bool playing, bool enabled, float size) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::PushID(id);
  const bool pressed = ImGui::InvisibleButton("##play", ImVec2(size, size));
  ImGui::PopID();
  note_widget(id);
  const bool hovered = ImGui::IsItemHovered();
  const ImVec2 c(p.x + size * 0.5f, p.y + size * 0.5f);
  dl->AddCircleFilled(c, size * 0.5f, enabled ? (hovered ? palette::rgb(60, 160, 235) : palette::kBlue) : palette::kBorder, 32);
  const float r = size * 0.2f;
  if (playing) {
    dl->AddRectFilled(ImVec2(c.x - r * 0.9f, c.y - r), ImVec2(c.x - r * 0.25f, c.y + r), palette::kText);
    dl->AddRectFilled(ImVec2(c.x + r * 0.25f, c.y - r), ImVec2(c.x + r * 0.9f, c.y + r), palette::kText);
  } else {
    dl->AddTriangleFilled(ImVec2(c.x - r * 0.7f, c.y - r), ImVec2(c.x - r * 0.7f, c.y + r), ImVec2(c.x + r * 1.1f, c.y),
                          palette::kText);
  }
  if (hovered) ImGui::SetTooltip(playing ? "Pause training (Space)" : "Train (Space)");
  return pressed;
}

void caption(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, palette::kTextDim);
  ImGui::TextUnformatted(text);
  ImGui::PopStyleColor();
}

void draw_top_bar(AppState& app) {
  PlaygroundRecipe& r = app.recipe;
  const float top = ImGui::GetCursorPosY();
  if (play_button("play", app.playing, app.session && !app.session->diverged(), 44.0f)) toggle_play(app);
  ImGui::SameLine();
  ImGui::SetCursorPosY(top + 9);
  const float button_h = std::max(28.0f, ImGui::GetFrameHeight());  // taller on touch screens
  if (ImGui::Button("Step", ImVec2(0, button_h))) step_once(app);
  note_widget("step");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Train on one mini-batch (S)");
  ImGui::SameLine();
  ImGui::SetCursorPosY(top + 9);
  if (ImGui::Button("Reset", ImVec2(0, button_h))) {
    reset_session(app);
    app.playing = false;
  }
  note_widget("reset");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("New random weights, same data (R)");

  ImGui::SameLine(0, 24);
  ImGui::BeginGroup();
  ImGui::SetCursorPosY(top - 2);
  caption("Epoch");
  ImGui::PushFont(app.fonts.big);
  const int epoch = app.session ? app.session->epoch() : 0;
  ImGui::Text("%03d,%03d", epoch / 1000, epoch % 1000);
  ImGui::PopFont();
  ImGui::EndGroup();
  note_widget("epoch");

  auto setting = [&](const char* label, float width) {
    ImGui::SameLine(0, 22);
    ImGui::BeginGroup();
    ImGui::SetCursorPosY(top - 2);
    caption(label);
    ImGui::SetNextItemWidth(width);
  };

  setting("Learning rate", 100);
  char lr_text[32];
  std::snprintf(lr_text, sizeof lr_text, "%g", static_cast<double>(r.training.learning_rate));
  if (ImGui::BeginCombo("##lr", lr_text)) {
    for (float lr : kLearningRates) {
      char item[32];
      std::snprintf(item, sizeof item, "%g", static_cast<double>(lr));
      if (ImGui::Selectable(item, lr == r.training.learning_rate)) {
        r.training.learning_rate = lr;
        if (app.session) app.session->set_learning_rate(lr);  // takes effect at the next step
      }
    }
    ImGui::EndCombo();
  }
  ImGui::EndGroup();
  note_widget("learning-rate");

  setting("Activation", 100);
  if (ImGui::BeginCombo("##activation", activation_name(r.mlp.activation))) {
    for (int i = 0; i < kActivationCount; ++i) {
      const Activation a = static_cast<Activation>(i);
      if (!is_elementwise(a)) continue;  // softmax belongs to an output layer, not a hidden one
      if (ImGui::Selectable(activation_name(a), a == r.mlp.activation)) {
        r.mlp.activation = a;
        reset_session(app);
      }
    }
    ImGui::EndCombo();
  }
  ImGui::EndGroup();

  setting("Loss", 170);
  if (ImGui::BeginCombo("##loss", loss_name(r.training.loss))) {
    for (LossKind k : {LossKind::SoftmaxCrossEntropy, LossKind::MeanSquaredError})
      if (ImGui::Selectable(loss_name(k), k == r.training.loss)) {
        r.training.loss = k;
        reset_session(app);
      }
    ImGui::EndCombo();
  }
  ImGui::EndGroup();

  setting("Batch size", 80);
  char batch_text[16];
  std::snprintf(batch_text, sizeof batch_text, "%d", r.training.batch_size);
  if (ImGui::BeginCombo("##batch", batch_text)) {
    for (int b : kBatchSizes)
      if (ImGui::Selectable(std::to_string(b).c_str(), b == r.training.batch_size)) {
        r.training.batch_size = b;
        reset_session(app);
      }
    ImGui::EndCombo();
  }
  ImGui::EndGroup();
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Examples per weight update. 1 is online learning; the whole training set is full-batch.");

  setting("Speed", 150);
  if (ImGui::BeginCombo("##speed", speed_name(app.speed))) {
    for (int s = 0; s < kSpeedCount; ++s)
      if (ImGui::Selectable(speed_name(s), s == app.speed)) app.speed = s;
    ImGui::EndCombo();
  }
  ImGui::EndGroup();

  if (app.playing && app.steps_per_second > 0) {
    ImGui::SameLine(0, 22);
    ImGui::BeginGroup();
    ImGui::SetCursorPosY(top - 2);
    caption("Steps / s");
    ImGui::PushFont(app.fonts.mono);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 4);
    ImGui::Text("%.0f", app.steps_per_second);
    ImGui::PopFont();
    ImGui::EndGroup();
  }

  // Keyboard: Space plays or pauses, S steps, R resets (unless a text field has the keyboard or the
  // keyboard focus highlight is shown: keyboard_input.h).
  if (single_key_shortcuts_allowed())
    for (ImWchar ch : ImGui::GetIO().InputQueueCharacters) {
      if (ch == ' ') toggle_play(app);
      if (ch == 's' || ch == 'S') step_once(app);
      if (ch == 'r' || ch == 'R') {
        reset_session(app);
        app.playing = false;
      }
    }
}

}  // namespace layerlab::ui
