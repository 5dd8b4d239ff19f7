// network_panel.cpp: the network diagram: layers and neurons you add or remove, each neuron drawn as
// its own output over the plane (click one to enlarge it), connections coloured by their weights.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "dense.h"
#include "model_spec.h"
#include "panels.h"
#include "widget_registry.h"

namespace layerlab::ui {

namespace {

struct Column {
  float x;                 // left edge of the nodes
  std::vector<float> ys;   // top edge of each node
};

// The weight from node i of column k to node j of column k+1 (the output column has one node, which
// shows the margin between the two classes, so its weight is w[blue][i] − w[orange][i]).
float weight(const Network& net, const MlpSpec& spec, int k, int i, int j) {
  const auto& dense = static_cast<const DenseLayer&>(net.layer(2 * k));
  const int in = dense.in_features();
  if (k == static_cast<int>(spec.hidden.size()))
    return dense.weights()[static_cast<size_t>(in + i)] - dense.weights()[static_cast<size_t>(i)];
  return dense.weights()[static_cast<size_t>(j * in + i)];
}

bool small_button(const char* label, const char* widget, const char* tip, bool enabled) {
  if (!enabled) ImGui::BeginDisabled();
  const bool pressed = ImGui::Button(label, ImVec2(24, 22));
  if (!enabled) ImGui::EndDisabled();
  note_widget(widget);
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", tip);
  return pressed;
}

// The layer table of the current model, as `layerlab info` prints it.
void model_summary_popup(const AppState& app) {
  if (!ImGui::BeginPopup("Model summary")) return;
  const ModelSpec spec = mlp_model_spec(app.recipe.mlp);
  ImGui::TextUnformatted("MODEL SUMMARY");
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_BordersInnerH;
  if (ImGui::BeginTable("summary", 4, flags)) {
    for (const char* h : {"layer", "output shape", "parameters", "connections"}) ImGui::TableSetupColumn(h);
    ImGui::TableHeadersRow();
    long long params = 0, connections = 0;
    auto row = [](const char* a, const char* b, long long p, long long c, bool numbers) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(a);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(b);
      ImGui::TableNextColumn();
      if (numbers) ImGui::Text("%lld", p);
      ImGui::TableNextColumn();
      if (numbers) ImGui::Text("%lld", c);
    };
    row("input", shape_text(spec.input).c_str(), 0, 0, false);
    for (const LayerSummary& r : summarize(spec)) {
      row(r.name.c_str(), r.output_shape.c_str(), r.parameters, r.connections, true);
      params += r.parameters;
      connections += r.connections;
    }
    row("total", "", params, connections, true);
    ImGui::EndTable();
  }
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette::kTextDim),
                     "Connections: multiply-adds per example (a bias counts as a weight on 1).");
  ImGui::EndPopup();
}

void layer_buttons(AppState& app) {
  std::vector<int>& hidden = app.recipe.mlp.hidden;
  const int count = static_cast<int>(hidden.size());
  if (small_button("+", "add-layer", "Add a hidden layer", count < kMaxHiddenLayers)) {
    hidden.push_back(hidden.empty() ? 4 : hidden.back());
    reset_session(app);
  }
  ImGui::SameLine(0, 4);
  if (small_button("-", "remove-layer", "Remove the last hidden layer", count > 0)) {
    hidden.pop_back();
    reset_session(app);
  }
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::Text("%d HIDDEN LAYER%s", count, count == 1 ? "" : "S");
  ImGui::SameLine(0, 16);
  if (ImGui::Button("Summary", ImVec2(0, 22))) ImGui::OpenPopup("Model summary");
  note_widget("model-summary");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The layer table: output shape, parameters and connections of each layer");
  model_summary_popup(app);
}

void neuron_buttons(AppState& app, int h, float x, float y) {
  int& width = app.recipe.mlp.hidden[static_cast<size_t>(h)];
  ImGui::SetCursorScreenPos(ImVec2(x, y));
  ImGui::PushID(h);
  char name[32];
  std::snprintf(name, sizeof name, "add-neuron-%d", h);
  if (small_button("+", name, "Add a neuron to this layer", width < kMaxNeuronsPerLayer)) {
    ++width;
    reset_session(app);
  }
  ImGui::SameLine(0, 4);
  std::snprintf(name, sizeof name, "remove-neuron-%d", h);
  if (small_button("-", name, "Remove a neuron from this layer", width > 1)) {
    --width;
    reset_session(app);
  }
  ImGui::SetCursorScreenPos(ImVec2(x, y + 25));
  ImGui::PushStyleColor(ImGuiCol_Text, palette::kTextDim);
  ImGui::Text("%d neuron%s", width, width == 1 ? "" : "s");
  ImGui::PopStyleColor();
  ImGui::PopID();
}

// Draw-list channels: connections under pictures under borders, so each layer is one batch.
enum Channel { kConnections, kPictures, kBorders, kChannelCount };

// One node: its picture, a border (thick when selected), a tooltip; returns true when clicked.
bool node(const char* id, const Picture& picture, ImVec2 p, float size, bool selected, const char* tip) {
  ImGui::SetCursorScreenPos(p);
  const bool pressed = ImGui::InvisibleButton(id, ImVec2(size, size));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->ChannelsSetCurrent(kPictures);
  draw_picture(dl, picture, p, ImVec2(p.x + size, p.y + size));
  const bool hovered = ImGui::IsItemHovered();
  dl->ChannelsSetCurrent(kBorders);
  dl->AddRect(ImVec2(p.x - 1, p.y - 1), ImVec2(p.x + size + 1, p.y + size + 1),
              selected ? palette::kText : hovered ? palette::kTextDim : palette::kBorder, 0.0f, 0,
              selected ? 2.0f : 1.0f);
  if (hovered && tip) ImGui::SetTooltip("%s", tip);
  return pressed;
}

}  // namespace

void draw_network_panel(AppState& app) {
  const MlpSpec& spec = app.recipe.mlp;
  layer_buttons(app);
  if (!app.session || !app.boundary.ready()) return;
  const Network& net = app.session->network();

  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const int hidden = static_cast<int>(spec.hidden.size());
  const int columns = hidden + 2;
  int tallest = 2;
  for (int w : spec.hidden) tallest = std::max(tallest, w);
  const float header = 52.0f;  // the +/- buttons above each hidden layer
  const float gap = 8.0f;
  const float size = std::clamp((avail.y - header - 8.0f) / static_cast<float>(tallest) - gap, 16.0f, 44.0f);
  const float label_room = 28.0f;
  const float step_x = (avail.x - label_room - size) / static_cast<float>(std::max(1, columns - 1));

  // Where every node goes: each column centred vertically under the header.
  std::vector<Column> cols(static_cast<size_t>(columns));
  for (int k = 0; k < columns; ++k) {
    const int count = k == 0 ? 2 : k == columns - 1 ? 1 : spec.hidden[static_cast<size_t>(k - 1)];
    Column& c = cols[static_cast<size_t>(k)];
    c.x = origin.x + label_room + step_x * static_cast<float>(k);
    const float total = static_cast<float>(count) * (size + gap) - gap;
    const float top = origin.y + header + std::max(0.0f, (avail.y - header - total) * 0.5f);
    for (int i = 0; i < count; ++i) c.ys.push_back(top + static_cast<float>(i) * (size + gap));
  }

  // Connections first, under the nodes: colour = sign, thickness = magnitude (per layer), in whole
  // pixels (ImGui draws those from its line texture, without extra anti-aliasing geometry).
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->ChannelsSplit(kChannelCount);
  dl->ChannelsSetCurrent(kConnections);
  for (int k = 0; k + 1 < columns; ++k) {
    const Column& a = cols[static_cast<size_t>(k)];
    const Column& b = cols[static_cast<size_t>(k + 1)];
    float largest = 1e-6f;
    for (size_t i = 0; i < a.ys.size(); ++i)
      for (size_t j = 0; j < b.ys.size(); ++j)
        largest = std::max(largest, std::fabs(weight(net, spec, k, static_cast<int>(i), static_cast<int>(j))));
    for (size_t i = 0; i < a.ys.size(); ++i)
      for (size_t j = 0; j < b.ys.size(); ++j) {
        const float w = weight(net, spec, k, static_cast<int>(i), static_cast<int>(j)) / largest;
        const ImVec2 from(a.x + size, a.ys[i] + size * 0.5f), to(b.x, b.ys[j] + size * 0.5f);
        const float dx = (to.x - from.x) * 0.5f;
        dl->AddBezierCubic(from, ImVec2(from.x + dx, from.y), ImVec2(to.x - dx, to.y), to, diverging_color(w),
                           std::round(1.0f + 3.0f * std::fabs(w)), 6);
      }
  }

  // Nodes.
  static const char* input_names[2] = {"x\xe2\x82\x81", "x\xe2\x82\x82"};
  static const char* input_tips[2] = {"Input x\xe2\x82\x81: the horizontal position of a point",
                                      "Input x\xe2\x82\x82: the vertical position of a point"};
  for (int f = 0; f < 2; ++f) {
    const ImVec2 p(cols[0].x, cols[0].ys[static_cast<size_t>(f)]);
    node(input_names[f], app.boundary.input_picture(f), p, size, false, input_tips[f]);
    dl->AddText(ImVec2(p.x - label_room + 2, p.y + size * 0.5f - 8), palette::kTextDim, input_names[f]);
  }
  for (int h = 0; h < hidden; ++h) {
    const Column& c = cols[static_cast<size_t>(h + 1)];
    for (size_t n = 0; n < c.ys.size(); ++n) {
      const NeuronRef ref{h, static_cast<int>(n)};
      const auto& dense = static_cast<const DenseLayer&>(net.layer(2 * h));
      char id[48], tip[160];
      std::snprintf(id, sizeof id, "neuron-%d-%zu", h, n);
      std::snprintf(tip, sizeof tip, "Layer %d, neuron %zu: bias %.3f\nClick to show its output over the plane.", h + 1,
                    n + 1, static_cast<double>(dense.bias()[n]));
      if (node(id, app.boundary.neuron_picture(h, static_cast<int>(n)), ImVec2(c.x, c.ys[n]), size, app.selected == ref, tip))
        app.selected = app.selected == ref ? NeuronRef{} : ref;
      note_widget(id);
    }
  }
  const Column& out = cols.back();
  if (node("output", app.boundary.output_picture(), ImVec2(out.x, out.ys[0]), size, app.selected.is_output(),
           "The network's output: its confidence that a point is blue (+1) or orange (-1).\nClick to show it."))
    app.selected = NeuronRef{};
  note_widget("output-node");
  dl->ChannelsMerge();

  // Last, because a press rebuilds the session (and `net` with it).
  for (int h = 0; h < hidden; ++h) neuron_buttons(app, h, cols[static_cast<size_t>(h + 1)].x + size * 0.5f - 26, origin.y);
}

}  // namespace layerlab::ui
