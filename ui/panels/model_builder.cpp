// model_builder.cpp: the layer stack of the models workspace: presets, one row per layer (kind and its labelled
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
constexpr int kKindCount = static_cast<int>(sizeof kKinds / sizeof kKinds[0]);

const char* const* kind_labels() {  // kKinds' labels, as a list box takes them
  static const std::vector<const char*> labels = [] {
    std::vector<const char*> v;
    for (const KindChoice& k : kKinds) v.push_back(k.label);
    return v;
  }();
  return labels.data();
}

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

// An elementwise activation, or (when `none` is given) no activation: *none true.
bool activation_combo(const char* id, Activation* a, bool* none = nullptr) {
  bool changed = false;
  ImGui::SetNextItemWidth(88);
  if (ImGui::BeginCombo(id, none && *none ? "none" : activation_name(*a))) {
    if (none && ImGui::Selectable("none", *none)) *none = true, changed = true;
    for (int i = 0; i < kActivationCount; ++i) {
      const Activation option = static_cast<Activation>(i);
      if (!is_elementwise(option)) continue;
      if (ImGui::Selectable(activation_name(option), option == *a && !(none && *none))) {
        *a = option;
        if (none) *none = false;
        changed = true;
      }
    }
    ImGui::EndCombo();
  }
  return changed;
}

// A row of the builder: one layer and, for a dense or conv layer, the activation layer right after it (the
// row carries it, as "conv 8 3x3 same relu" is written).
struct BuilderRow {
  size_t first = 0, count = 1;
};

std::vector<BuilderRow> builder_rows(const std::vector<LayerSpec>& layers) {
  std::vector<BuilderRow> rows;
  for (size_t i = 0; i < layers.size(); i += rows.back().count) {
    const bool weighted = layers[i].kind == LayerSpec::Kind::Dense || layers[i].kind == LayerSpec::Kind::Conv2D;
    const bool carries = weighted && i + 1 < layers.size() && layers[i + 1].kind == LayerSpec::Kind::Activation;
    rows.push_back({i, carries ? 2u : 1u});
  }
  return rows;
}

// What "+ Add layer" proposes: a layer that fits where the stack ends. On images, a conv first and after a
// pooling (as many filters as the last conv), a 2x2 max pooling after a conv; on sequences an LSTM first;
// otherwise (and once flattened) a dense layer.
std::vector<LayerSpec> proposed_layer(const LabState& lab) {
  const std::vector<LayerSpec>& layers = lab.recipe.layers;
  InputShape input;
  if (lab.load.train) input = lab_model_spec(lab.recipe, *lab.load.train).input;
  const LayerSpec* last = nullptr;
  int filters = 8;
  bool flat = false;
  for (const LayerSpec& l : layers) {
    if (l.kind != LayerSpec::Kind::Activation && l.kind != LayerSpec::Kind::Dropout) last = &l;
    if (l.kind == LayerSpec::Kind::Conv2D) filters = l.units;
    flat = flat || l.kind == LayerSpec::Kind::Flatten || l.kind == LayerSpec::Kind::Dense;
  }
  std::string text = "dense 64 relu";
  if (input.is_image() && !flat)
    text = last && last->kind == LayerSpec::Kind::Conv2D ? "maxpool 2" : "conv " + std::to_string(filters) + " 3x3 same relu";
  else if (input.is_sequence() && !last)
    text = "lstm 32";
  std::vector<LayerSpec> out;
  std::string error;
  parse_layers(text, &out, &error);
  return out;
}

// A named field of a layer's row: its label, then the field, noted as "layer-N-<name>".
bool labelled_int(const std::string& row, const char* name, const char* label, int* v, int lo, int hi, const char* tip) {
  same_line_if_fits(ImGui::CalcTextSize(label).x + 4 + 44);
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("%s", label);
  ImGui::SameLine(0, 4);
  ImGui::SetNextItemWidth(44);
  int x = *v;
  const bool edited = ImGui::InputInt((std::string("##") + name).c_str(), &x, 0, 0);
  note_widget((row + "-" + name).c_str());
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s (%d to %d)", tip, lo, hi);
  if (!edited || x < lo || x > hi) return false;
  *v = x;
  return true;
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

// The settings of one layer, labelled, on one line (more in a narrow panel); true when something changed.
// `row` is the row's name ("layer-3"), for the fields' names.
bool layer_settings(LayerSpec& l, const std::string& row) {
  bool changed = false;
  switch (l.kind) {
    case LayerSpec::Kind::Dense:
      changed |= labelled_int(row, "units", "neurons", &l.units, 1, kMaxUnits, "neurons");
      break;
    case LayerSpec::Kind::Conv2D: {
      changed |= labelled_int(row, "filters", "filters", &l.units, 1, 1024, "filters (output channels)");
      int k = l.kernel_h;
      if (labelled_int(row, "kernel", "kernel", &k, 1, 64, "kernel size k (k x k)")) {
        l.kernel_h = l.kernel_w = k;
        changed = true;
      }
      changed |= labelled_int(row, "stride", "stride", &l.stride, 1, 64, "stride");
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
      changed |= labelled_int(row, "window", "window", &l.window, 1, 64, "window k (k x k)");
      changed |= labelled_int(row, "stride", "stride", &l.stride, 1, 64, "stride");
      break;
    case LayerSpec::Kind::Lstm:
    case LayerSpec::Kind::SimpleRnn:
      changed |= labelled_int(row, "units", "units", &l.units, 1, 4096, "hidden units");
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
  const std::vector<BuilderRow> stack_rows = builder_rows(layers);
  int remove = -1;
  std::pair<int, int> move = {-1, 0};  // the row to move, and by how much (-1 up, +1 down)
  int activation_row = -1;             // a row whose activation the learner changed, to it (none: no layer)
  int remove_carried = -1;             // a row whose new kind drops the activation it carried
  Activation activation = Activation::ReLU;
  bool no_activation = false;
  for (size_t r = 0; r < stack_rows.size(); ++r) {
    ImGui::PushID(static_cast<int>(r));
    const BuilderRow& br = stack_rows[r];
    LayerSpec& l = layers[br.first];
    const std::string name = "layer-" + std::to_string(r + 1);
    ImGui::SetNextItemWidth(100);
    int kind = 0;
    while (kind + 1 < kKindCount && std::string(kKinds[kind].label) != kind_label(l)) ++kind;
    const int was = kind;
    if (noted_combo("##kind", name.c_str(), &kind, kind_labels(), kKindCount) && kind != was) {
      l = layer_from(kKinds[kind].text);
      // A kind that cannot carry an activation leaves the row's behind with it.
      if (br.count == 2 && l.kind != LayerSpec::Kind::Dense && l.kind != LayerSpec::Kind::Conv2D) remove_carried = static_cast<int>(r);
      changed = true;
    }
    changed |= layer_settings(l, name);
    if (l.kind == LayerSpec::Kind::Dense || l.kind == LayerSpec::Kind::Conv2D) {  // the activation the row carries
      Activation a = br.count == 2 ? layers[br.first + 1].activation : Activation::ReLU;
      bool none = br.count == 1;
      same_line_if_fits(88);
      if (activation_combo("##carried", &a, &none)) activation_row = static_cast<int>(r), activation = a, no_activation = none;
      note_widget((name + "-activation").c_str());
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("The activation applied to this layer's outputs");
    }
    // Shape (after the row's activation) and parameters, and the row's buttons.
    const size_t last = br.first + br.count - 1;
    const StackRow* row = last < rows.size() ? &rows[last] : nullptr;
    long long parameters = 0;
    for (size_t i = br.first; i <= last && i < rows.size(); ++i) parameters += rows[i].parameters;
    const bool no_data = !lab.load.train;
    ImGui::PushStyleColor(ImGuiCol_Text, no_data || (row && !row->shape.empty()) ? palette::kTextDim : palette::kDanger);
    if (no_data) ImGui::TextUnformatted("   -> (shapes appear once the data is loaded)");
    else if (row && !row->shape.empty()) ImGui::Text("   -> %s, %lld parameters", row->shape.c_str(), parameters);
    else ImGui::TextUnformatted("   -> cannot take its input (see below)");
    ImGui::PopStyleColor();
    // Move up, move down, remove: small on a mouse, finger-sized (frame height) on a touch screen.
    const float button = app.touch ? ImGui::GetFrameHeight() : ImGui::GetTextLineHeight() + 4;
    const float spacing = ImGui::GetStyle().ItemInnerSpacing.x;
    const float buttons = 3 * button + 2 * spacing, right = ImGui::GetWindowContentRegionMax().x;
    ImGui::SameLine();
    if (ImGui::GetCursorPosX() + buttons > right) ImGui::NewLine();  // no room after the shape: a line of their own
    ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), right - buttons));
    if (row_button("\xe2\x86\x91", button, r > 0, "Move this layer up (shapes follow at once)")) move = {static_cast<int>(r), -1};
    note_widget(("layer-up-" + std::to_string(r + 1)).c_str());
    ImGui::SameLine(0, spacing);
    if (row_button("\xe2\x86\x93", button, r + 1 < stack_rows.size(), "Move this layer down (shapes follow at once)"))
      move = {static_cast<int>(r), 1};
    note_widget(("layer-down-" + std::to_string(r + 1)).c_str());
    ImGui::SameLine(0, spacing);
    if (row_button("\xc3\x97", button, true, "Remove this layer")) remove = static_cast<int>(r);
    note_widget(("layer-remove-" + std::to_string(r + 1)).c_str());
    ImGui::PopID();
  }
  if (remove_carried >= 0) {
    layers.erase(layers.begin() + static_cast<long>(stack_rows[static_cast<size_t>(remove_carried)].first + 1));
  } else if (activation_row >= 0) {  // the carried activation: set, added after the layer, or removed
    const BuilderRow& br = stack_rows[static_cast<size_t>(activation_row)];
    if (no_activation && br.count == 2) layers.erase(layers.begin() + static_cast<long>(br.first + 1));
    else if (!no_activation && br.count == 2) layers[br.first + 1].activation = activation;
    else if (!no_activation) {
      LayerSpec a;
      a.kind = LayerSpec::Kind::Activation;
      a.activation = activation;
      layers.insert(layers.begin() + static_cast<long>(br.first + 1), a);
    }
    changed = true;
  } else if (move.first >= 0) {  // rows trade places, each with the activation it carries
    const BuilderRow& a = stack_rows[static_cast<size_t>(std::min(move.first, move.first + move.second))];
    const BuilderRow& b = stack_rows[static_cast<size_t>(std::max(move.first, move.first + move.second))];
    std::rotate(layers.begin() + static_cast<long>(a.first), layers.begin() + static_cast<long>(b.first),
                layers.begin() + static_cast<long>(b.first + b.count));
    changed = true;
  } else if (remove >= 0) {
    const BuilderRow& br = stack_rows[static_cast<size_t>(remove)];
    layers.erase(layers.begin() + static_cast<long>(br.first), layers.begin() + static_cast<long>(br.first + br.count));
    changed = true;
  }

  // The layers the lab adds for the data: a flatten before the output, and the output layer.
  for (size_t i = layers.size(); i < rows.size(); ++i) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kTextDim);
    if (rows[i].shape.empty()) ImGui::Text("%s -> ?", rows[i].name.c_str());
    else ImGui::Text("%s -> %s, %lld parameters", rows[i].name.c_str(), rows[i].shape.c_str(), rows[i].parameters);
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Added for the data: one output per class (softmax in the loss)");
  }
  const std::vector<LayerSpec> proposal = proposed_layer(lab);
  if (ImGui::Button("+ Add layer", ImVec2(-1, 0)) && layers.size() + proposal.size() <= static_cast<size_t>(kMaxLayers - 2)) {
    layers.insert(layers.end(), proposal.begin(), proposal.end());
    changed = true;
  }
  note_widget("add-layer");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Adds %s (a layer that fits where the stack ends; change it in its row)",
                                                format_layers(proposal).c_str());

  if (!error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kDanger);
    ImGui::TextWrapped("This model cannot be trained: %s.", error.c_str());
    ImGui::PopStyleColor();
    note_widget("model-error");
  } else if (!rows.empty()) {
    long long total = 0;
    for (const StackRow& r : rows) total += r.parameters;
    ImGui::Text("%s parameters in all", with_thousands(total).c_str());
    note_widget("model-parameters");
  }
  if (lab.previous) {  // the model before this one, to compare with
    const PreviousModel& m = *lab.previous;
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("Previous model: %s (%s parameters): test accuracy %.2f%% after %d epoch%s.",
                        m.layers.empty() ? "no hidden layers" : m.layers.c_str(), with_thousands(m.parameters).c_str(),
                        100.0 * m.test_accuracy, m.epoch, m.epoch == 1 ? "" : "s");
    ImGui::PopTextWrapPos();
    note_widget("previous-model");
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
