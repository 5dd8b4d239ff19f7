// lab_data_panel.cpp: the workspace switch, and the models workspace's data panel: the dataset picker,
// loading progress, sample images with their labels, the class balance and how much of the set trains.
#include <algorithm>
#include <cstdio>

#include "panels.h"
#include "widget_registry.h"

namespace layerlab::ui {

namespace {
bool is_plane(const std::string& name) { return name.rfind("2-D", 0) == 0; }

std::string class_name(const Dataset& d, int k) {
  if (k >= 0 && k < static_cast<int>(d.class_names.size())) return d.class_names[static_cast<size_t>(k)];
  return std::to_string(k);
}

void class_balance(const Dataset& d) {
  if (d.is_regression() || d.classes < 2 || d.classes > 30) return;
  std::vector<int> counts(static_cast<size_t>(d.classes), 0);
  for (int label : d.y)
    if (label >= 0 && label < d.classes) ++counts[static_cast<size_t>(label)];
  const int most = std::max(1, *std::max_element(counts.begin(), counts.end()));
  caption("Class balance (training set)");
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float width = ImGui::GetContentRegionAvail().x;
  for (int k = 0; k < d.classes; ++k) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float bar = (width - 160) * static_cast<float>(counts[static_cast<size_t>(k)]) / static_cast<float>(most);
    dl->AddRectFilled(ImVec2(p.x + 110, p.y + 3), ImVec2(p.x + 110 + bar, p.y + 13), palette::kBlue);
    ImGui::Text("%.14s", class_name(d, k).c_str());
    ImGui::SameLine(ImGui::GetCursorPosX() + 116 + bar);
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kTextDim);
    ImGui::Text("%d", counts[static_cast<size_t>(k)]);
    ImGui::PopStyleColor();
  }
}
}  // namespace

void draw_mode_switch(AppState& app) {
  const float w = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
  const struct {
    Mode mode;
    const char* label;
    const char* widget;
    const char* tip;
  } modes[] = {{Mode::Playground, "Playground", "mode-playground", "MLPs on 2-D points: the decision boundary live"},
               {Mode::Models, "Models", "mode-models", "MLPs, CNNs and LSTMs on images and sequences (real datasets)"}};
  for (const auto& m : modes) {
    const bool active = app.mode == m.mode;
    ImGui::PushStyleColor(ImGuiCol_Button, active ? palette::kBlue : palette::kBorder);
    if (ImGui::Button(m.label, ImVec2(w, std::max(30.0f, ImGui::GetFrameHeight())))) set_mode(app, m.mode);
    ImGui::PopStyleColor();
    note_widget(m.widget);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", m.tip);
    if (m.mode == Mode::Playground) ImGui::SameLine();
  }
  ImGui::Spacing();
}

void draw_lab_data_panel(AppState& app) {
  LabState& lab = app.lab;
  draw_mode_switch(app);
  panel_heading(app.fonts, "DATA");
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##lab-dataset", lab.recipe.dataset.c_str())) {
    for (const auto& [name, about] : dataset_catalog()) {
      if (is_plane(about)) continue;  // the playground's
      if (ImGui::Selectable(name.c_str(), name == lab.recipe.dataset)) {
        lab.recipe.dataset = name;
        lab_request_dataset(lab);
        lab.fit_model_on_load = true;
      }
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", about.c_str());
    }
    ImGui::EndCombo();
  }
  note_widget("lab-dataset");
  if (open_file_supported()) {
    if (ImGui::Button("Open a CSV file...", ImVec2(-1, 0))) {
      lab.opening = OpenKind::Csv;
      start_open_file(".csv,text/csv");
    }
    note_widget("open-csv");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Numbers in columns with a header row; the last column is the label");
  }

  const DatasetLoad& load = lab.load;
  if (load.state == DatasetLoad::State::Fetching || load.state == DatasetLoad::State::Reading) {
    ImGui::TextWrapped(load.state == DatasetLoad::State::Fetching ? "Downloading %s..." : "Reading %s...", load.name.c_str());
    ImGui::ProgressBar(load.state == DatasetLoad::State::Reading ? 1.0f : load.progress, ImVec2(-1, 0));
    note_widget("data-progress");
    return;
  }
  if (load.state == DatasetLoad::State::Failed) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kDanger);
    ImGui::TextWrapped("%s", load.error.c_str());
    ImGui::PopStyleColor();
    note_widget("data-error");
    if (ImGui::Button("Try again")) lab_request_dataset(lab);
    return;
  }
  if (!load.train) return;
  const Dataset& train = *load.train;
  ImGui::PushStyleColor(ImGuiCol_Text, palette::kTextDim);
  ImGui::TextWrapped("%s", load.title.c_str());
  ImGui::PopStyleColor();

  // Sample images with their labels, or a line per example for tables and sequences.
  const LabViews& v = app.lab_views;
  if (!v.samples.empty()) {
    caption("The first training examples");
    const float cell = 48.0f, gap = 6.0f;
    const int per_row = std::max(1, static_cast<int>((ImGui::GetContentRegionAvail().x + gap) / (cell + gap)));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (size_t i = 0; i < v.samples.size() && i < 12; ++i) {
      if (i % static_cast<size_t>(per_row) != 0) ImGui::SameLine(0, gap);
      const ImVec2 p = ImGui::GetCursorScreenPos();
      ImGui::Dummy(ImVec2(cell, cell + 14));
      draw_picture(dl, v.samples[i], p, ImVec2(p.x + cell, p.y + cell));
      const std::string label = class_name(train, v.sample_labels[i]);
      dl->AddText(ImVec2(p.x, p.y + cell), palette::kTextDim, label.substr(0, 8).c_str());
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("training example %zu: %s", i, label.c_str());
    }
    note_widget("data-samples");
  } else {
    ImGui::Text("%d values per example", train.features);
    if (train.steps > 0) ImGui::Text("%d steps of %d", train.steps, train.features / train.steps);
  }
  ImGui::Spacing();
  class_balance(train);

  ImGui::Spacing();
  caption("Training examples used");
  int limit = lab.recipe.train_limit > 0 ? std::min(lab.recipe.train_limit, train.size()) : train.size();
  ImGui::SetNextItemWidth(-1);
  if (ImGui::SliderInt("##limit", &limit, std::min(100, train.size()), train.size(), "%d",
                       ImGuiSliderFlags_AlwaysClamp | ImGuiSliderFlags_Logarithmic)) {
    lab.recipe.train_limit = limit >= train.size() ? 0 : limit;
  }
  if (ImGui::IsItemDeactivatedAfterEdit()) lab_reset_session(lab);
  note_widget("train-limit");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Fewer examples make an epoch shorter; all of them generalise better.");
}

}  // namespace layerlab::ui
