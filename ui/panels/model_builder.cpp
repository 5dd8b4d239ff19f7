// model_builder.cpp: the layer stack of the models workspace: presets, one row per layer (kind and its
// settings, output shape, parameters; move up, down, remove), the layers the lab adds, an inline
// explanation when the stack cannot take the data, and the training settings that rebuild the session.
#include <algorithm>
#include <cstdio>
#include <utility>

#include "panels.h"
#include "widget_registry.h"

namespace layerlab::ui {

namespace {
struct KindChoice {
  const char* label;
  const char* text;  // the layer a new row of this kind starts as
};
const KindChoice kKinds[] = {{"dense", "dense 64 relu"},  {"conv", "conv 8 3x3 same relu"}, {"maxpool", "maxpool 2"},
                             {"meanpool", "meanpool 2"},  {"sumpool", "sumpool 2"},           {"lstm", "lstm 32"},
                             {"rnn", "rnn 32"},            {"dropout", "dropout 0.2"},         {"flatten", "flatten"},
                             {"activation", "relu"}};

LayerSpec layer_from(const char* text) {
  std::vector<LayerSpec> layers;
  std::string error;
  parse_layers(text, &layers, &error);
  return layers.empty() ? LayerSpec{} : layers.front();
}

const char* kind_label(const LayerSpec& l) {
  switch (l.kind) {
    case LayerSpec::Kind::Dense: return "dense";
    case LayerSpec::Kind::Conv2D: return "conv";
    case LayerSpec::Kind::Pool2D: return l.pool == PoolKind::Max ? "maxpool" : l.pool == PoolKind::Mean ? "meanpool" : "sumpool";
    case LayerSpec::Kind::Lstm: return "lstm";
    case LayerSpec::Kind::SimpleRnn: return "rnn";
    case LayerSpec::Kind::Dropout: return "dropout";
    case LayerSpec::Kind::Flatten: return "flatten";
    case LayerSpec::Kind::Activation: return "activation";
  }
  return "?";
}

bool activation_combo(const char* id, Activation* a) {
  bool changed = false;
  ImGui::SetNextItemWidth(88);
  if (ImGui::BeginCombo(id, activation_name(*a))) {
    for (int i = 0; i < kActivationCount; ++i) {
      const Activation option = static_cast<Activation>(i);
      if (!is_elementwise(option)) continue;
      if (ImGui::Selectable(activation_name(option), option == *a)) {
        *a = option;
        changed = true;
      }
    }
    ImGui::EndCombo();
  }
  return changed;
}

// A square button of side `size` at the end of a layer's row; disabled (dimmed, no effect) when `enabled` is false.
bool row_button(const char* label, float size, bool enabled, const char* tip) {
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(0, 0));
  if (!enabled) ImGui::PushStyleVar(ImGuiStyleVar_Alpha, ImGui::GetStyle().Alpha * 0.35f);
  const bool pressed = ImGui::Button(label, ImVec2(size, size)) && enabled;
  if (!enabled) ImGui::PopStyleVar();
  ImGui::PopStyleVar();
  if (enabled && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tip);
  return pressed;
}

bool small_int(const char* id, int* v, int lo, int hi, const char* tip) {
  ImGui::SetNextItemWidth(44);
  int x = *v;
  const bool edited = ImGui::InputInt(id, &x, 0, 0);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s (%d to %d)", tip, lo, hi);
  if (!edited || x < lo || x > hi) return false;
  *v = x;
  return true;
}

// The settings of one layer, on one line (two in a narrow panel); true when something changed.
bool layer_settings(LayerSpec& l) {
  bool changed = false;
  switch (l.kind) {
    case LayerSpec::Kind::Dense:
      ImGui::SameLine();
      changed |= small_int("##units", &l.units, 1, kMaxUnits, "neurons");
      break;
    case LayerSpec::Kind::Conv2D: {
      ImGui::SameLine();
      changed |= small_int("##filters", &l.units, 1, 1024, "filters (output channels)");
      ImGui::SameLine();
      int k = l.kernel_h;
      if (small_int("##kernel", &k, 1, 64, "kernel size k (k x k)")) {
        l.kernel_h = l.kernel_w = k;
        changed = true;
      }
      ImGui::SameLine();
      changed |= small_int("##stride", &l.stride, 1, 64, "stride");
      const float pad_width = ImGui::CalcTextSize("valid").x + ImGui::GetFrameHeight() + 2 * ImGui::GetStyle().FramePadding.x;
      same_line_if_fits(pad_width);
      ImGui::SetNextItemWidth(pad_width);
      const char* pad = l.same ? "same" : l.padding == 0 ? "valid" : "pad";
      if (ImGui::BeginCombo("##pad", pad)) {
        if (ImGui::Selectable("same", l.same)) l.same = true, l.padding = 0, changed = true;
        if (ImGui::Selectable("valid", !l.same && l.padding == 0)) l.same = false, l.padding = 0, changed = true;
        if (ImGui::Selectable("pad 1", !l.same && l.padding == 1)) l.same = false, l.padding = 1, changed = true;
        if (ImGui::Selectable("pad 2", !l.same && l.padding == 2)) l.same = false, l.padding = 2, changed = true;
        ImGui::EndCombo();
      }
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("same: pad so the output keeps ceil(n / stride); valid: no padding; pad p: p on every side");
      break;
    }
    case LayerSpec::Kind::Pool2D:
      ImGui::SameLine();
      changed |= small_int("##window", &l.window, 1, 64, "window k (k x k)");
      ImGui::SameLine();
      changed |= small_int("##stride", &l.stride, 1, 64, "stride");
      break;
    case LayerSpec::Kind::Lstm:
    case LayerSpec::Kind::SimpleRnn:
      ImGui::SameLine();
      changed |= small_int("##units", &l.units, 1, 4096, "hidden units");
      ImGui::SameLine();
      changed |= ImGui::Checkbox("every step", &l.return_sequences);
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("Output the hidden state at every step (many-to-many), else the last");
      break;
    case LayerSpec::Kind::Dropout: {
      ImGui::SameLine();
      ImGui::SetNextItemWidth(90);
      changed |= ImGui::SliderFloat("##rate", &l.rate, 0.0f, 0.9f, "%.2f");
      break;
    }
    case LayerSpec::Kind::Activation:
      ImGui::SameLine();
      changed |= activation_combo("##act", &l.activation);
      break;
    case LayerSpec::Kind::Flatten: break;
  }
  return changed;
}
}  // namespace

void draw_model_builder(AppState& app) {
  LabState& lab = app.lab;
  std::vector<LayerSpec>& layers = lab.recipe.layers;
  panel_heading(app.fonts, "MODEL");
  caption("Start from a standard model:");
  for (int p = 0; p < kLabPresetCount; ++p) {
    if (p > 0) ImGui::SameLine();
    const LabPreset preset = static_cast<LabPreset>(p);
    if (ImGui::Button(lab_preset_name(preset), ImVec2(64, 0))) {
      const LabRecipe r = lab_preset_recipe(preset, lab.recipe.dataset);
      lab.recipe.layers = r.layers;
      lab.recipe.training = r.training;
      lab_reset_session(lab);
    }
    note_widget((std::string("preset-") + lab_preset_name(preset)).c_str());
  }

  const StackRows& stack = lab_stack_rows(lab);
  const std::vector<StackRow>& rows = stack.rows;
  const std::string& error = stack.error;
  ImGui::Spacing();
  ImGui::PushStyleColor(ImGuiCol_Text, palette::kTextDim);
  if (lab.load.train)
    ImGui::Text("input %s", shape_text(lab_model_spec(lab.recipe, *lab.load.train).input).c_str());
  ImGui::PopStyleColor();

  bool changed = false;
  int remove = -1;
  std::pair<int, int> move = {-1, 0};  // the layer to move, and by how much (-1 up, +1 down)
  for (size_t i = 0; i < layers.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    LayerSpec& l = layers[i];
    ImGui::SetNextItemWidth(100);
    if (ImGui::BeginCombo("##kind", kind_label(l))) {
      for (const KindChoice& k : kKinds)
        if (ImGui::Selectable(k.label, std::string(k.label) == kind_label(l))) {
          l = layer_from(k.text);
          changed = true;
        }
      ImGui::EndCombo();
    }
    note_widget(("layer-" + std::to_string(i + 1)).c_str());
    changed |= layer_settings(l);
    // Shape and parameters, and the row's buttons.
    const StackRow* row = i < rows.size() ? &rows[i] : nullptr;
    const bool no_data = !lab.load.train;
    ImGui::PushStyleColor(ImGuiCol_Text, no_data || (row && !row->shape.empty()) ? palette::kTextDim : palette::kDanger);
    if (no_data) ImGui::TextUnformatted("   -> (shapes appear once the data is loaded)");
    else if (row && !row->shape.empty()) ImGui::Text("   -> %s, %lld parameters", row->shape.c_str(), row->parameters);
    else ImGui::TextUnformatted("   -> cannot take its input (see below)");
    ImGui::PopStyleColor();
    // Move up, move down, remove: small on a mouse, finger-sized (frame height) on a touch screen.
    const float button = app.touch ? ImGui::GetFrameHeight() : ImGui::GetTextLineHeight() + 4;
    const float spacing = ImGui::GetStyle().ItemInnerSpacing.x;
    const float buttons = 3 * button + 2 * spacing, right = ImGui::GetWindowContentRegionMax().x;
    ImGui::SameLine();
    if (ImGui::GetCursorPosX() + buttons > right) ImGui::NewLine();  // no room after the shape: a line of their own
    ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), right - buttons));
    if (row_button("\xe2\x86\x91", button, i > 0, "Move this layer up (shapes follow at once)")) move = {static_cast<int>(i), -1};
    note_widget(("layer-up-" + std::to_string(i + 1)).c_str());
    ImGui::SameLine(0, spacing);
    if (row_button("\xe2\x86\x93", button, i + 1 < layers.size(), "Move this layer down (shapes follow at once)")) move = {static_cast<int>(i), 1};
    note_widget(("layer-down-" + std::to_string(i + 1)).c_str());
    ImGui::SameLine(0, spacing);
    if (row_button("\xc3\x97", button, true, "Remove this layer")) remove = static_cast<int>(i);
    note_widget(("layer-remove-" + std::to_string(i + 1)).c_str());
    ImGui::PopID();
  }
  if (move.first >= 0) {
    std::swap(layers[static_cast<size_t>(move.first)], layers[static_cast<size_t>(move.first + move.second)]);
    changed = true;
  }
  if (remove >= 0) layers.erase(layers.begin() + remove), changed = true;

  // The layers the lab adds for the data: a flatten before the output, and the output layer.
  for (size_t i = layers.size(); i < rows.size(); ++i) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kTextDim);
    if (rows[i].shape.empty()) ImGui::Text("%s -> ?", rows[i].name.c_str());
    else ImGui::Text("%s -> %s, %lld parameters", rows[i].name.c_str(), rows[i].shape.c_str(), rows[i].parameters);
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Added for the data: one output per class (softmax in the loss)");
  }
  if (ImGui::Button("+ Add layer", ImVec2(-1, 0)) && static_cast<int>(layers.size()) < kMaxLayers - 2) {
    layers.push_back(layer_from(layers.empty() || layers.back().kind != LayerSpec::Kind::Conv2D ? "dense 64 relu" : "maxpool 2"));
    changed = true;
  }
  note_widget("add-layer");

  if (!error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kDanger);
    ImGui::TextWrapped("This model cannot be trained: %s.", error.c_str());
    ImGui::PopStyleColor();
    note_widget("model-error");
  } else if (!rows.empty()) {
    long long total = 0;
    for (const StackRow& r : rows) total += r.parameters;
    ImGui::Text("%lld parameters in all", total);
    note_widget("model-parameters");
  }
  // Model files: the engine's format (the CLI's `layerlab info` / `eval` read them too).
  if (ImGui::Button("Save model file") && lab.session) lab_save_model(lab);
  note_widget("save-model");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Weights, optimizer state and settings in one .llm file");
  if (open_file_supported()) {
    ImGui::SameLine();
    if (ImGui::Button("Open model file...")) {
      lab.opening = OpenKind::Model;
      start_open_file(".llm");
    }
    note_widget("open-model");
  }
  if (!lab.setup_error.empty() && error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kDanger);
    ImGui::TextWrapped("%s", lab.setup_error.c_str());
    ImGui::PopStyleColor();
  }
  if (changed) lab_reset_session(lab);

  ImGui::Separator();
  caption("Regularisation and seed (Enter applies)");
  float l2 = lab.recipe.training.l2;
  ImGui::SetNextItemWidth(100);
  if (ImGui::InputFloat("L2##l2", &l2, 0.0f, 0.0f, "%g", ImGuiInputTextFlags_EnterReturnsTrue) && l2 >= 0.0f && l2 <= 1.0f) {
    lab.recipe.training.l2 = l2;
    lab_reset_session(lab);
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Weight decay: adds l2 * w to each weight's gradient (0 to 1)");
  ImGui::SameLine(0, 16);
  int seed = static_cast<int>(std::min<uint64_t>(lab.recipe.seed, 1u << 30));
  ImGui::SetNextItemWidth(80);
  if (ImGui::InputInt("Seed##lab-seed", &seed, 0, 0, ImGuiInputTextFlags_EnterReturnsTrue) && seed >= 0) {
    lab.recipe.seed = static_cast<uint64_t>(seed);
    lab_reset_session(lab);
  }
  note_widget("lab-seed");
}

}  // namespace layerlab::ui
