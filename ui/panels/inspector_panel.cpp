// inspector_panel.cpp: the models workspace's inspectors, one tab each: training curves, feature maps and
// kernels (CNN, feature_maps_tab.cpp), gates over time and generated words (LSTM), the confusion matrix, test
// examples with their top-3 classes, and per-layer statistics over training (layers_tab.cpp).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "inspector_tabs.h"
#include "widget_registry.h"

namespace layerlab::ui {

namespace {
std::string class_label(const Dataset& d, int k) {
  if (k >= 0 && k < static_cast<int>(d.class_names.size())) return d.class_names[static_cast<size_t>(k)];
  return std::to_string(k);
}

void danger_text(const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, palette::kDanger);
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopStyleColor();
}

void draw_curves(AppState& app) {
  LabState& lab = app.lab;
  const TrainingSession& s = *lab.session;
  const float w = ImGui::GetContentRegionAvail().x;
  caption("Loss of each mini-batch (one point per frame of training)");
  const std::vector<LossPoint>& losses = lab.losses;
  PlotSeries batch{"batch loss", palette::kTrainLine,
                   [&](int i) { return losses[static_cast<size_t>(i)].loss; }};
  line_plot("##batch-loss", ImVec2(w, 120), static_cast<int>(losses.size()), &batch, 1, "point");
  note_widget("batch-loss-plot");

  const std::vector<EpochRecord>& h = s.history();
  const int n = static_cast<int>(h.size());
  const int limit = s.config().evaluation_limit;
  if (limit > 0 && limit < s.test_set().size())
    ImGui::Text("Loss per epoch (test: the first %d of the %d test examples)", limit, s.test_set().size());
  else
    caption("Loss per epoch");
  PlotSeries loss[2] = {{"training", palette::kTrainLine, [&](int i) { return h[static_cast<size_t>(i)].train.loss; }},
                        {"test", palette::kTestLine, [&](int i) { return h[static_cast<size_t>(i)].test.loss; }}};
  line_plot("##epoch-loss", ImVec2(w, 110), n, loss, 2, "epoch");
  note_widget("loss-plot");
  if (!s.test_set().is_regression()) {
    caption("Accuracy per epoch");
    PlotSeries acc[2] = {{"training", palette::kTrainLine, [&](int i) { return h[static_cast<size_t>(i)].train.accuracy; }},
                         {"test", palette::kTestLine, [&](int i) { return h[static_cast<size_t>(i)].test.accuracy; }}};
    line_plot("##epoch-accuracy", ImVec2(w, 110), n, acc, 2, "epoch");
    note_widget("accuracy-plot");
  }
  ImGui::PushStyleColor(ImGuiCol_Text, palette::kTestLine);
  ImGui::TextUnformatted("-- test");
  ImGui::PopStyleColor();
  ImGui::SameLine();
  ImGui::TextUnformatted("-- training");
  const EpochRecord& last = h.back();
  ImGui::PushFont(app.fonts.mono);
  ImGui::Text("epoch %d  step %ld  batch loss %.4f", s.epoch(), s.steps(), static_cast<double>(s.last_batch_loss()));
  if (std::isfinite(last.test.accuracy))
    ImGui::Text("test: loss %.4f, accuracy %.2f%%", static_cast<double>(last.test.loss), 100.0 * last.test.accuracy);
  ImGui::PopFont();
  if (!app.lab.gpu.reason.empty() && app.lab.gpu.reason != "asking the browser for WebGPU") {  // why the CPU trains, in full (the top bar may only have room for a marker)
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", app.lab.gpu.reason.c_str());
    ImGui::PopTextWrapPos();
  }
  if (s.evaluating()) {
    ImGui::ProgressBar(s.evaluation_progress(), ImVec2(w * 0.5f, 0), "evaluating");
    ImGui::SameLine();
    caption("a slice per frame, between training steps");
  }
}

}  // namespace

void example_picker(AppState& app) {
  LabState& lab = app.lab;
  const Dataset& test = lab.session->test_set();
  ImGui::SetNextItemWidth(140);
  int e = lab.example;
  if (ImGui::InputInt("test example", &e)) lab.example = std::clamp(e, 0, test.size() - 1);
  note_widget("example");
  const LabViews& v = app.lab_views;
  if (!test.is_regression() && v.predicted >= 0) {
    const int label = test.labels(lab.example)[test.label_steps - 1];
    const bool right = label == v.predicted;
    ImGui::SameLine(0, 16);
    ImGui::PushStyleColor(ImGuiCol_Text, right ? palette::kBlue : palette::kOrange);
    ImGui::Text("%s: predicted %s (%.0f%%), true %s", right ? "right" : "wrong", class_label(test, v.predicted).c_str(),
                100.0 * v.probabilities[static_cast<size_t>(v.predicted)], class_label(test, label).c_str());
    ImGui::PopStyleColor();
  }
}

namespace {
void draw_gates(AppState& app) {
  const LabViews& v = app.lab_views;
  example_picker(app);
  draw_generated_text(app);
  if (v.lstm_layer < 0) {
    ImGui::TextWrapped("This model has no LSTM layer. Choose a sequence dataset (memory, words) or fashion-mnist, and "
                       "the LSTM preset, to watch its gates.");
    return;
  }
  caption("Each picture: time runs left to right (one column per step), one row per unit.");
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float w = std::min(ImGui::GetContentRegionAvail().x * 0.5f - 8, 320.0f);
  const float h = std::clamp(static_cast<float>(v.units) * 2.0f, 40.0f, 96.0f);
  for (size_t g = 0; g < v.gates.size(); ++g) {
    if (g % 2 == 1) ImGui::SameLine(0, 16);
    ImGui::BeginGroup();
    ImGui::Text("%s", v.gates[g].name);
    ImGui::SameLine();
    caption(v.gates[g].signed_values ? "(-1 orange, +1 blue)" : "(0 dark, 1 light)");
    const ImVec2 q = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(w, h));
    draw_picture(dl, v.gates[g].picture, q, ImVec2(q.x + w, q.y + h));
    if (ImGui::IsItemHovered()) {
      const int t = std::clamp(static_cast<int>((ImGui::GetIO().MousePos.x - q.x) / w * v.steps), 0, v.steps - 1);
      ImGui::SetTooltip("%s: %s\nstep %d", v.gates[g].name, v.gates[g].meaning, t);
    }
    ImGui::EndGroup();
  }
  note_widget("gates");
  caption("Gradient norm per step in the last mini-batch: how much each step's hidden state still matters to the loss");
  const std::vector<float>& norms = v.grad_norms;
  PlotSeries series{"|dL/dh_t|", palette::kBlue, [&](int i) { return norms[static_cast<size_t>(i)]; }};
  line_plot("##grad-norms", ImVec2(ImGui::GetContentRegionAvail().x, 100), static_cast<int>(norms.size()), &series, 1, "step");
  note_widget("grad-norm-plot");
}

void draw_confusion(AppState& app) {
  const TrainingSession& s = *app.lab.session;
  const Dataset& test = s.test_set();
  const std::vector<int>& counts = s.test_confusion();
  if (test.is_regression()) {
    ImGui::TextWrapped("This is a regression set (numeric targets): there are no classes to confuse.");
    return;
  }
  const int c = test.classes;
  if (counts.size() != static_cast<size_t>(c) * c) {
    ImGui::Text("Counting the test set...");
    return;
  }
  caption("Rows: the true class; columns: the predicted one. The diagonal is right.");
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float label_w = 110.0f;
  const float cell = std::clamp((ImGui::GetContentRegionAvail().x - label_w) / c, 18.0f, 48.0f);
  int most = 1, right = 0, total = 0;
  for (int i = 0; i < c; ++i)
    for (int j = 0; j < c; ++j) {
      const int n = counts[static_cast<size_t>(i * c + j)];
      most = std::max(most, n);
      total += n;
      if (i == j) right += n;
    }
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(label_w + cell * c, cell * c + 4));
  for (int i = 0; i < c; ++i) {
    dl->AddText(ImVec2(p.x, p.y + cell * i + cell * 0.5f - 7), palette::kTextDim, class_label(test, i).substr(0, 14).c_str());
    for (int j = 0; j < c; ++j) {
      const int n = counts[static_cast<size_t>(i * c + j)];
      const float t = std::sqrt(static_cast<float>(n) / static_cast<float>(most));
      const ImVec2 a(p.x + label_w + cell * j, p.y + cell * i);
      dl->AddRectFilled(a, ImVec2(a.x + cell - 1, a.y + cell - 1), diverging_color(i == j ? t : -t, 0.9f));
      if (cell >= 30) {
        char num[16];
        std::snprintf(num, sizeof num, "%d", n);
        dl->AddText(ImVec2(a.x + 3, a.y + cell * 0.5f - 7), palette::kBackground, num);
      }
    }
  }
  const ImVec2 m = ImGui::GetIO().MousePos;
  const int j = static_cast<int>((m.x - p.x - label_w) / cell), i = static_cast<int>((m.y - p.y) / cell);
  if (ImGui::IsItemHovered() && i >= 0 && i < c && j >= 0 && j < c)
    ImGui::SetTooltip("true %s, predicted %s: %d", class_label(test, i).c_str(), class_label(test, j).c_str(),
                      counts[static_cast<size_t>(i * c + j)]);
  note_widget("confusion");
  ImGui::Text("%d of %d right (%.2f%%), at the end of epoch %d", right, total, total ? 100.0 * right / total : 0.0,
              s.test_confusion_epoch());
  if (s.evaluating()) caption("(the next count is under way)");
}

void draw_examples(AppState& app) {
  const LabViews& v = app.lab_views;
  const Dataset& test = app.lab.session->test_set();
  if (v.top3.empty()) {
    ImGui::TextWrapped(test.is_regression() || test.label_steps > 1
                           ? "Top-3 classes are shown for one label per example; this set has numeric targets or a label per step."
                           : "Counting the test set...");
    return;
  }
  caption("The first test examples: the three most likely classes. Blue 'right' when the first is the true class, "
          "orange 'wrong' when it is not.");
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float cell = 56.0f, col_w = 200.0f;
  const int per_row = std::max(1, static_cast<int>(ImGui::GetContentRegionAvail().x / col_w));
  for (size_t i = 0; i < v.top3.size(); ++i) {
    const Top3& t = v.top3[i];
    if (i % static_cast<size_t>(per_row) != 0) ImGui::SameLine(0, 0);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(col_w, cell + 8));
    if (i < v.test_samples.size()) draw_picture(dl, v.test_samples[i], p, ImVec2(p.x + cell, p.y + cell));
    const bool right = t.classes[0] == t.label;
    const ImU32 colour = right ? palette::kBlue : palette::kOrange;
    dl->AddText(ImVec2(p.x + cell + 6, p.y), colour, right ? "right" : "wrong");
    for (int k = 0; k < 3 && k < test.classes; ++k) {
      char line[64];
      std::snprintf(line, sizeof line, "%.0f%% %s", 100.0 * t.probs[k], class_label(test, t.classes[k]).substr(0, 12).c_str());
      dl->AddText(ImVec2(p.x + cell + 6, p.y + 14 * (k + 1)), t.classes[k] == t.label ? palette::kText : palette::kTextDim, line);
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("test example %d, true class %s", t.example, class_label(test, t.label).c_str());
  }
  note_widget("examples");
}
}  // namespace

void draw_inspector_panel(AppState& app) {
  LabState& lab = app.lab;
  if (!lab.notice.empty()) {
    if (lab.notice_is_error) danger_text(lab.notice);
    else ImGui::TextWrapped("%s", lab.notice.c_str());
    note_widget("notice");
  }
  if (!lab.session) {
    panel_heading(app.fonts, "INSPECT");
    if (lab.load.state == DatasetLoad::State::Ready)
      ImGui::TextWrapped("Fix the model (see the message in the model panel) to train it.");
    else if (lab.load.state == DatasetLoad::State::Failed)
      ImGui::TextWrapped("The data could not be loaded (see the data panel): pick another dataset or open another file.");
    else
      ImGui::TextWrapped("The data is loading; the inspectors appear when the model is ready to train.");
    return;
  }
  if (lab.session->diverged()) {
    danger_text(lab.session->error());
    note_widget("divergence");
  }
  static const struct {
    InspectorTab tab;
    const char* label;
    const char* widget;
    void (*draw)(AppState&);
  } tabs[] = {{InspectorTab::Curves, "Training", "tab-training", draw_curves},
              {InspectorTab::FeatureMaps, "Feature maps", "tab-feature-maps", draw_feature_maps_tab},
              {InspectorTab::Gates, "LSTM gates", "tab-gates", draw_gates},
              {InspectorTab::Confusion, "Confusion", "tab-confusion", draw_confusion},
              {InspectorTab::Examples, "Examples", "tab-examples", draw_examples},
              {InspectorTab::Draw, "Draw", "tab-draw", draw_draw_tab},
              {InspectorTab::Layers, "Layers", "tab-layers", draw_layers_tab}};
  if (ImGui::BeginTabBar("##inspectors")) {
    for (const auto& t : tabs) {
      const bool open = ImGui::BeginTabItem(t.label);
      note_widget(t.widget);
      if (open) {
        lab.tab = t.tab;
        ImGui::BeginChild("##tab-body");  // the tabs stay in view while a long tab scrolls
        t.draw(app);
        ImGui::EndChild();
        ImGui::EndTabItem();
      }
    }
    ImGui::EndTabBar();
  }
}

}  // namespace layerlab::ui
